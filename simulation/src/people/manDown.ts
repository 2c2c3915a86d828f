/**
 * No-movement (man-down) alarm: a person whose speed stays below `speed_mps` (0.2 m/s) for more
 * than `duration_s` (60 s) outside a rest area may have collapsed.
 *
 * Speed is the displacement over a sliding `window_s` (5 s) divided by the window, not the
 * tick-to-tick difference: UWB fixes jitter by ~0.1 m, which at 10 Hz is ±1 m/s of fake
 * instantaneous speed; over 5 s the same jitter is ±0.03 m/s. The stillness clock therefore
 * starts when the windowed speed first drops below the threshold (up to one window after the
 * person actually stopped), and the alarm fires at the first tick `duration_s` after that.
 *
 * Rest areas (offices, control rooms, refuge chambers) are zones the detector is told about by
 * kind or id; a person sitting in the dispatch room is not down. A person without a fix is not
 * judged (no data is not "no movement"); the zone engine reports them lost.
 */
import type { ZoneEngine } from './zones'
import type { PersonPosition, ZoneKind } from './types'

export interface ManDownOptions {
  speed_mps?: number
  duration_s?: number
  window_s?: number
  restZoneKinds?: readonly ZoneKind[]
  restZoneIds?: readonly string[]
}

export interface PersonDown {
  type: 'person.down'
  personId: string
  /** When the stillness started (ms). */
  since: number
  still_s: number
  e: number
  n: number
  zoneIds: string[]
}
export interface PersonDownCleared {
  type: 'person.down.cleared'
  personId: string
  still_s: number
}
export type ManDownEvent = PersonDown | PersonDownCleared

interface Track {
  /** Ring buffer of recent samples (t, e, n). */
  t: Float64Array
  e: Float64Array
  n: Float64Array
  head: number
  size: number
  stillSince: number
  alarmed: boolean
}

const CAP = 128

export class ManDownDetector {
  readonly speed_mps: number
  readonly duration_ms: number
  readonly window_ms: number
  private readonly restKinds: ReadonlySet<ZoneKind>
  private readonly restIds: ReadonlySet<string>
  private tracks = new Map<string, Track>()

  constructor(opts: ManDownOptions = {}) {
    this.speed_mps = opts.speed_mps ?? 0.2
    this.duration_ms = (opts.duration_s ?? 60) * 1000
    this.window_ms = (opts.window_s ?? 5) * 1000
    this.restKinds = new Set(opts.restZoneKinds ?? ['office'])
    this.restIds = new Set(opts.restZoneIds ?? [])
  }

  /** People down now. */
  down(): string[] {
    const out: string[] = []
    for (const [id, tr] of this.tracks) if (tr.alarmed) out.push(id)
    return out.sort()
  }

  /** One tick. `zones` (optional) must already hold this tick's positions. */
  update(t: number, positions: readonly PersonPosition[], zones?: ZoneEngine): ManDownEvent[] {
    const events: ManDownEvent[] = []
    for (const p of positions) {
      let tr = this.tracks.get(p.id)
      if (!tr) {
        tr = {
          t: new Float64Array(CAP),
          e: new Float64Array(CAP),
          n: new Float64Array(CAP),
          head: 0,
          size: 0,
          stillSince: -1,
          alarmed: false,
        }
        this.tracks.set(p.id, tr)
      }
      // Thin the history to ≥ window/40 between samples so CAP samples always span the window,
      // whatever the tick rate.
      const last = (tr.head - 1 + CAP) % CAP
      if (tr.size === 0 || t - tr.t[last] >= this.window_ms / 40) push(tr, t, p.e, p.n)
      // The newest sample at least one window old (else the oldest held).
      let k = (tr.head - tr.size + CAP) % CAP
      for (let left = tr.size; left > 1; left--) {
        const nk = (k + 1) % CAP
        if (t - tr.t[nk] < this.window_ms) break
        k = nk
      }
      const span = t - tr.t[k]
      const full = span >= this.window_ms
      const speed = span > 0 ? (Math.hypot(p.e - tr.e[k], p.n - tr.n[k]) * 1000) / span : 0
      const resting = zones !== undefined && this.inRest(zones, p.id)
      const still = full && speed < this.speed_mps && !resting
      if (!still) {
        if (tr.alarmed)
          events.push({ type: 'person.down.cleared', personId: p.id, still_s: (t - tr.stillSince) / 1000 })
        tr.alarmed = false
        tr.stillSince = -1
        continue
      }
      if (tr.stillSince < 0) tr.stillSince = t
      if (!tr.alarmed && t - tr.stillSince > this.duration_ms) {
        tr.alarmed = true
        events.push({
          type: 'person.down',
          personId: p.id,
          since: tr.stillSince,
          still_s: (t - tr.stillSince) / 1000,
          e: Math.round(p.e * 100) / 100,
          n: Math.round(p.n * 100) / 100,
          zoneIds: zones ? zones.zonesOf(p.id).map((z) => z.def.id) : [],
        })
      }
    }
    return events
  }

  forget(personId: string): void {
    this.tracks.delete(personId)
  }

  private inRest(zones: ZoneEngine, id: string): boolean {
    for (const z of zones.zonesOf(id)) if (this.restKinds.has(z.def.kind) || this.restIds.has(z.def.id)) return true
    return false
  }
}

function push(tr: Track, t: number, e: number, n: number): void {
  tr.t[tr.head] = t
  tr.e[tr.head] = e
  tr.n[tr.head] = n
  tr.head = (tr.head + 1) % CAP
  if (tr.size < CAP) tr.size++
}
