/**
 * Geofence engine: which zone each person is in, tick by tick, and the events a supervisor
 * needs from that — entered, left, overstayed, intruded (restricted areas, gas threat zones) —
 * plus live counts per zone (the mine rule: 分区域人数).
 *
 * Zones are static (the scene's `zones`) or dynamic, in named groups replaced as a whole: the
 * dispersion engine's threat-zone contours (`threatZoneDefs`), the risk map's red areas
 * (`riskZoneDefs` in riskMap.ts). A zone is one or more flat rings in local metres tested
 * even–odd over all rings, so contour holes (a clean pocket inside a plume) work as they are.
 *
 * Speed: zones are put in a uniform grid of cells once (when they change); a person's lookup
 * tests only the zones registered in their cell. 2,000 people × ~30 zones is well under a
 * millisecond per tick (test/bench/people.bench.ts).
 *
 * Boundary flicker: UWB fixes jitter by ~0.1 m, so a person standing on a zone edge would enter
 * and leave ten times a second. Entering is immediate (point in polygon); leaving needs the
 * person to be more than `hysteresis_m` outside (default 0.5 m, ~p95 of the tracker's error).
 */
import { toLocal } from '../geo/frames'
import type { Scene } from '../scene/sceneSchema'
import type { I18n, PersonPosition, ZoneKind } from './types'

export interface ZoneDef {
  id: string
  kind: ZoneKind
  name?: I18n
  /** Flat rings [e0, n0, e1, n1, …] in local metres (first point not repeated). */
  rings: readonly (Float64Array | readonly number[])[]
  /** Seconds a person may stay before `person.overstay` (once per stay). */
  maxStay_s?: number
  /** Height band (local up, m); a person with a known `u` outside it is not in the zone. */
  uMin?: number
  uMax?: number
  /** Label of a dynamic zone's level, e.g. 'AEGL-2 (60 min)' or 'red'. */
  level?: string
  /** Entering raises `person.intrusion` (default: kinds in `ZoneEngineOptions.alarmKinds`). */
  alarm?: boolean
}

export interface ZoneEntered {
  type: 'person.entered'
  personId: string
  zoneId: string
  zoneKind: ZoneKind
}
export interface ZoneLeft {
  type: 'person.left'
  personId: string
  zoneId: string
  zoneKind: ZoneKind
  stay_s: number
  /** exit: walked out; lost: no fix for `lostAfter_s`; removed: person or zone removed. */
  reason: 'exit' | 'lost' | 'removed'
}
export interface ZoneOverstay {
  type: 'person.overstay'
  personId: string
  zoneId: string
  zoneKind: ZoneKind
  enteredAt: number
  stay_s: number
  maxStay_s: number
}
export interface ZoneIntrusion {
  type: 'person.intrusion'
  personId: string
  zoneId: string
  zoneKind: ZoneKind
  level?: string
}
export type ZoneEvent = ZoneEntered | ZoneLeft | ZoneOverstay | ZoneIntrusion

export interface ZoneEngineOptions {
  /** Grid cell for the zone index (m). */
  cell_m?: number
  /** Distance outside a zone needed to leave it (m). */
  hysteresis_m?: number
  /** A person without a position for this long leaves every zone (reason 'lost'). */
  lostAfter_s?: number
  /** Kinds whose entry raises `person.intrusion` unless the zone says otherwise. */
  alarmKinds?: readonly ZoneKind[]
}

/** A zone as the engine holds it. */
export interface ZoneEntry {
  readonly def: ZoneDef
  readonly group: string
  readonly rings: Float64Array[]
  readonly minE: number
  readonly minN: number
  readonly maxE: number
  readonly maxN: number
  readonly alarm: boolean
  /** People inside now. */
  count: number
  removed: boolean
}

interface PersonState {
  id: string
  lastSeen: number
  e: number
  n: number
  u: number | undefined
  zones: ZoneEntry[]
  since: number[]
  overstayed: boolean[]
}

const STATIC_GROUP = 'scene'

export class ZoneEngine {
  readonly cell_m: number
  readonly hysteresis_m: number
  readonly lostAfter_ms: number
  private readonly alarmKinds: ReadonlySet<ZoneKind>
  private groups = new Map<string, ZoneEntry[]>()
  private byId = new Map<string, ZoneEntry>()
  private grid = new Map<number, ZoneEntry[]>()
  private gridDirty = true
  private people = new Map<string, PersonState>()
  /** Zones removed since the last update: their occupants leave at the next update. */
  private pendingRemoved: ZoneEntry[] = []
  private readonly scratch: ZoneEntry[] = []

  constructor(zones: readonly ZoneDef[] = [], opts: ZoneEngineOptions = {}) {
    this.cell_m = opts.cell_m ?? 20
    this.hysteresis_m = opts.hysteresis_m ?? 0.5
    this.lostAfter_ms = (opts.lostAfter_s ?? 30) * 1000
    this.alarmKinds = new Set(opts.alarmKinds ?? ['restricted', 'threat'])
    this.setZones(STATIC_GROUP, zones)
  }

  /**
   * Replaces every zone of a group (e.g. 'plume:leak-1', 'risk'). Ids must be unique across all
   * groups. People inside a zone that disappears leave it (reason 'removed') at the next update;
   * people already inside a new zone enter it at the next update.
   */
  setZones(group: string, defs: readonly ZoneDef[]): void {
    const old = this.groups.get(group) ?? []
    const keep = new Map<string, ZoneEntry>()
    for (const z of old) {
      this.byId.delete(z.def.id)
      keep.set(z.def.id, z)
    }
    const entries: ZoneEntry[] = []
    for (const def of defs) {
      if (this.byId.has(def.id)) throw new Error(`zone id "${def.id}" is already used`)
      const entry = makeEntry(def, group, this.alarmKinds)
      // A zone replaced by one with the same id keeps its occupants' entry times: a threat zone
      // that grows by a metre is the same zone, not a leave and a re-enter.
      const prev = keep.get(def.id)
      if (prev) {
        keep.delete(def.id)
        this.rebind(prev, entry)
      }
      entries.push(entry)
      this.byId.set(def.id, entry)
    }
    for (const z of keep.values()) {
      z.removed = true
      this.pendingRemoved.push(z)
    }
    if (entries.length) this.groups.set(group, entries)
    else this.groups.delete(group)
    this.gridDirty = true
  }

  /** Removes a dynamic group (the plume is gone). */
  clearZones(group: string): void {
    this.setZones(group, [])
  }

  zone(id: string): ZoneEntry | undefined {
    return this.byId.get(id)
  }

  allZones(): ZoneEntry[] {
    return [...this.groups.values()].flat()
  }

  /** People inside each zone now (every zone, zeros included). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const list of this.groups.values()) for (const z of list) out[z.def.id] = z.count
    return out
  }

  occupants(zoneId: string): string[] {
    const z = this.byId.get(zoneId)
    if (!z) return []
    const out: string[] = []
    for (const p of this.people.values()) if (p.zones.includes(z)) out.push(p.id)
    return out.sort()
  }

  /** Zones a person is in now. */
  zonesOf(personId: string): readonly ZoneEntry[] {
    return this.people.get(personId)?.zones ?? []
  }

  /** When a person entered a zone they are in (ms), or undefined. */
  enteredAt(personId: string, zoneId: string): number | undefined {
    const p = this.people.get(personId)
    if (!p) return undefined
    const i = p.zones.findIndex((z) => z.def.id === zoneId)
    return i < 0 ? undefined : p.since[i]
  }

  /**
   * One tick: positions of the people seen at time `t` (ms). People not in the list keep their
   * last zones until `lostAfter_s`. Events come back in a deterministic order (input order,
   * then zone order).
   */
  update(t: number, positions: readonly PersonPosition[]): ZoneEvent[] {
    if (this.gridDirty) this.rebuildGrid()
    const events: ZoneEvent[] = []
    if (this.pendingRemoved.length) {
      const gone = new Set(this.pendingRemoved)
      this.pendingRemoved = []
      for (const p of this.people.values()) {
        for (let k = p.zones.length - 1; k >= 0; k--) {
          if (!gone.has(p.zones[k])) continue
          events.push(leftEvent(p, k, t, 'removed'))
          this.dropAt(p, k)
        }
      }
    }
    const inside = this.scratch
    for (const pos of positions) {
      let p = this.people.get(pos.id)
      if (!p) {
        p = { id: pos.id, lastSeen: t, e: pos.e, n: pos.n, u: pos.u, zones: [], since: [], overstayed: [] }
        this.people.set(pos.id, p)
      }
      p.lastSeen = t
      p.e = pos.e
      p.n = pos.n
      p.u = pos.u
      inside.length = 0
      const cell = this.grid.get(this.key(pos.e, pos.n))
      if (cell) for (const z of cell) if (containsPoint(z, pos.e, pos.n, pos.u)) inside.push(z)
      // Leaves: zones held that the point is not in, unless within the hysteresis band.
      for (let k = p.zones.length - 1; k >= 0; k--) {
        const z = p.zones[k]
        if (inside.includes(z)) continue
        if (this.hysteresis_m > 0 && heightOk(z, pos.u) && distanceOutside(z, pos.e, pos.n) <= this.hysteresis_m)
          continue
        events.push(leftEvent(p, k, t, 'exit'))
        this.dropAt(p, k)
      }
      for (const z of inside) {
        if (p.zones.includes(z)) continue
        p.zones.push(z)
        p.since.push(t)
        p.overstayed.push(false)
        z.count++
        events.push({ type: 'person.entered', personId: p.id, zoneId: z.def.id, zoneKind: z.def.kind })
        if (z.alarm) {
          const ev: ZoneIntrusion = { type: 'person.intrusion', personId: p.id, zoneId: z.def.id, zoneKind: z.def.kind }
          if (z.def.level !== undefined) ev.level = z.def.level
          events.push(ev)
        }
      }
    }
    for (const p of this.people.values()) {
      if (p.zones.length === 0) continue
      if (t - p.lastSeen > this.lostAfter_ms) {
        for (let k = p.zones.length - 1; k >= 0; k--) {
          events.push(leftEvent(p, k, t, 'lost'))
          this.dropAt(p, k)
        }
        continue
      }
      for (let k = 0; k < p.zones.length; k++) {
        const max = p.zones[k].def.maxStay_s
        if (max === undefined || p.overstayed[k]) continue
        const stay = t - p.since[k]
        if (stay > max * 1000) {
          p.overstayed[k] = true
          const z = p.zones[k]
          events.push({
            type: 'person.overstay',
            personId: p.id,
            zoneId: z.def.id,
            zoneKind: z.def.kind,
            enteredAt: p.since[k],
            stay_s: stay / 1000,
            maxStay_s: max,
          })
        }
      }
    }
    return events
  }

  /** A person leaves the site (tag returned at the lamp room): leaves every zone now. */
  remove(personId: string, t: number): ZoneEvent[] {
    const p = this.people.get(personId)
    if (!p) return []
    const events: ZoneEvent[] = []
    for (let k = p.zones.length - 1; k >= 0; k--) {
      events.push(leftEvent(p, k, t, 'removed'))
      this.dropAt(p, k)
    }
    this.people.delete(personId)
    return events
  }

  /** Zones containing a point (no state change): for the client's hover and for tests. */
  zonesAt(e: number, n: number, u?: number): ZoneEntry[] {
    if (this.gridDirty) this.rebuildGrid()
    const cell = this.grid.get(this.key(e, n))
    return cell ? cell.filter((z) => containsPoint(z, e, n, u)) : []
  }

  private dropAt(p: PersonState, k: number): void {
    const z = p.zones[k]
    if (!z.removed) z.count--
    p.zones.splice(k, 1)
    p.since.splice(k, 1)
    p.overstayed.splice(k, 1)
  }

  /** Moves occupants of a replaced zone entry onto its successor. */
  private rebind(prev: ZoneEntry, next: ZoneEntry): void {
    for (const p of this.people.values()) {
      const k = p.zones.indexOf(prev)
      if (k >= 0) {
        p.zones[k] = next
        next.count++
      }
    }
  }

  private key(e: number, n: number): number {
    // Cells are packed into one number: ±2^20 cells each way is ±20,000 km at 20 m.
    return (Math.floor(e / this.cell_m) + 1048576) * 2097152 + (Math.floor(n / this.cell_m) + 1048576)
  }

  private rebuildGrid(): void {
    this.grid.clear()
    const c = this.cell_m
    for (const list of this.groups.values()) {
      for (const z of list) {
        const i0 = Math.floor(z.minE / c)
        const i1 = Math.floor(z.maxE / c)
        const j0 = Math.floor(z.minN / c)
        const j1 = Math.floor(z.maxN / c)
        for (let i = i0; i <= i1; i++) {
          for (let j = j0; j <= j1; j++) {
            const k = (i + 1048576) * 2097152 + (j + 1048576)
            const cell = this.grid.get(k)
            if (cell) cell.push(z)
            else this.grid.set(k, [z])
          }
        }
      }
    }
    this.gridDirty = false
  }
}

function leftEvent(p: PersonState, k: number, t: number, reason: ZoneLeft['reason']): ZoneLeft {
  const z = p.zones[k]
  return {
    type: 'person.left',
    personId: p.id,
    zoneId: z.def.id,
    zoneKind: z.def.kind,
    stay_s: (t - p.since[k]) / 1000,
    reason,
  }
}

function makeEntry(def: ZoneDef, group: string, alarmKinds: ReadonlySet<ZoneKind>): ZoneEntry {
  const rings = def.rings.map((r) => (r instanceof Float64Array ? r : Float64Array.from(r)))
  let minE = Infinity
  let minN = Infinity
  let maxE = -Infinity
  let maxN = -Infinity
  for (const r of rings) {
    if (r.length < 6 || r.length % 2) throw new Error(`zone "${def.id}": a ring needs ≥ 3 points as e,n pairs`)
    for (let i = 0; i < r.length; i += 2) {
      if (r[i] < minE) minE = r[i]
      if (r[i] > maxE) maxE = r[i]
      if (r[i + 1] < minN) minN = r[i + 1]
      if (r[i + 1] > maxN) maxN = r[i + 1]
    }
  }
  return {
    def,
    group,
    rings,
    minE,
    minN,
    maxE,
    maxN,
    alarm: def.alarm ?? alarmKinds.has(def.kind),
    count: 0,
    removed: false,
  }
}

function heightOk(z: ZoneEntry, u: number | undefined): boolean {
  if (u === undefined) return true
  if (z.def.uMin !== undefined && u < z.def.uMin) return false
  if (z.def.uMax !== undefined && u > z.def.uMax) return false
  return true
}

/** Even–odd point in polygon over all rings of the zone (holes included). */
export function containsPoint(z: ZoneEntry, e: number, n: number, u?: number): boolean {
  if (e < z.minE || e > z.maxE || n < z.minN || n > z.maxN) return false
  if (!heightOk(z, u)) return false
  let inside = false
  for (const r of z.rings) {
    const k = r.length / 2
    for (let i = 0, j = k - 1; i < k; j = i++) {
      const yi = r[2 * i + 1]
      const yj = r[2 * j + 1]
      if (yi > n !== yj > n) {
        const xi = r[2 * i]
        const xj = r[2 * j]
        if (e < ((xj - xi) * (n - yi)) / (yj - yi) + xi) inside = !inside
      }
    }
  }
  return inside
}

/** Distance from a point to the nearest edge of the zone (m); only called for points outside. */
function distanceOutside(z: ZoneEntry, e: number, n: number): number {
  let best = Infinity
  for (const r of z.rings) {
    const k = r.length / 2
    for (let i = 0, j = k - 1; i < k; j = i++) {
      const ax = r[2 * j]
      const ay = r[2 * j + 1]
      const dx = r[2 * i] - ax
      const dy = r[2 * i + 1] - ay
      const L2 = dx * dx + dy * dy
      let s = L2 > 0 ? ((e - ax) * dx + (n - ay) * dy) / L2 : 0
      s = s < 0 ? 0 : s > 1 ? 1 : s
      const px = ax + s * dx - e
      const py = ay + s * dy - n
      const d = px * px + py * py
      if (d < best) best = d
    }
  }
  return Math.sqrt(best)
}

/**
 * The scene's static zones in local metres. In a mine scene they are underground zones: a person
 * whose height is known and above `surfaceCut_m` (default −20 m) is at the surface, not in them
 * (a shaft bottom zone lies right under the headframe in plan).
 */
export function zonesFromScene(scene: Scene, opts: { surfaceCut_m?: number } = {}): ZoneDef[] {
  const origin = scene.origin
  const uMax = scene.kind === 'mine' ? (opts.surfaceCut_m ?? -20) : undefined
  return scene.zones.map((z) => {
    const ring = new Float64Array(z.polygon.length * 2)
    z.polygon.forEach((p, i) => {
      const l = toLocal(origin, p)
      ring[2 * i] = l.e
      ring[2 * i + 1] = l.n
    })
    const def: ZoneDef = { id: z.id, kind: z.kind, name: z.name, rings: [ring] }
    if (z.maxStay_s !== undefined) def.maxStay_s = z.maxStay_s
    if (uMax !== undefined) def.uMax = uMax
    return def
  })
}

/**
 * Dynamic zones from the dispersion engine's threat zones: one zone per level of concern, all its
 * contour rings together (holes stay holes). Contours from `threatZonesFromField` are in metres
 * east/north of the source; `sourceE/sourceN` shift them into scene-local metres.
 */
export function threatZoneDefs(
  prefix: string,
  levels: readonly { label: string; rings: readonly (Float64Array | readonly number[])[] }[],
  sourceE = 0,
  sourceN = 0,
): ZoneDef[] {
  const out: ZoneDef[] = []
  levels.forEach((lv, i) => {
    const rings = lv.rings
      .filter((r) => r.length >= 6)
      .map((r) => {
        const o = new Float64Array(r.length)
        for (let k = 0; k < r.length; k += 2) {
          o[k] = r[k] + sourceE
          o[k + 1] = r[k + 1] + sourceN
        }
        return o
      })
    if (rings.length)
      out.push({ id: `${prefix}:${i}`, kind: 'threat', name: { zh: lv.label, en: lv.label }, rings, level: lv.label })
  })
  return out
}
