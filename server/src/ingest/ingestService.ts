/**
 * The one validated path for readings from every adapter (HTTP, MQTT, gateway sockets). Each
 * item is checked against the scene (known device, right unit, finite value, sane time, newer
 * than the device's last reading); accepted readings update the live arrays that telemetry
 * frames carry, are handed to the alarm engine, and are stored with their provenance.
 */
import type { Clock } from '@sim/core/clock'
import { DEVICE_UNITS } from '@sim/scene/sceneSchema'
import {
  MAX_AGE_MS,
  MAX_FUTURE_MS,
  ReadingSchema,
  type IngestResult,
  type RejectedReading,
} from '@sim/protocol/readings'
import type { SceneRuntime } from '../sim/sceneRuntime'
import { fastReading } from './fastReading'

export interface Provenance {
  /** Adapter and peer, e.g. 'http:127.0.0.1', 'mqtt:gw-07', 'socket:gw-03'. */
  source: string
  /** Authenticated operator or gateway credential id, or null. */
  operator: string | null
}

export interface AcceptedBatch {
  sceneId: string
  receivedAt: number
  provenance: Provenance
  idx: Uint32Array
  t: Float64Array
  values: Float32Array
  quality: Uint8Array
}

const QUALITY = { good: 0, uncertain: 1, bad: 2 } as const

export interface IngestDeps {
  runtimes: ReadonlyMap<string, SceneRuntime>
  clock: Clock
  /** Called once per scene per batch with the accepted readings, in batch order. */
  onAccepted?: (batch: AcceptedBatch) => void
}

export class IngestService {
  /** device id → scene ids that have it (to resolve items without a scene). */
  private readonly deviceScenes = new Map<string, string[]>()

  constructor(private readonly deps: IngestDeps) {
    for (const [sceneId, rt] of deps.runtimes)
      for (const d of rt.loaded.scene.devices) {
        const list = this.deviceScenes.get(d.id) ?? []
        list.push(sceneId)
        this.deviceScenes.set(d.id, list)
      }
  }

  /**
   * @param items the batch as received (anything: validated here)
   * @param sceneHint scene from the route or topic, used when an item names none
   */
  ingest(items: unknown, provenance: Provenance, sceneHint?: string): IngestResult {
    const rejected: RejectedReading[] = []
    if (!Array.isArray(items))
      return { accepted: 0, rejected: [{ index: -1, reason: 'body: expected a JSON array of readings' }] }
    const now = this.deps.clock.now()
    const perScene = new Map<string, { idx: number[]; t: number[]; v: number[]; q: number[] }>()
    let accepted = 0
    for (let i = 0; i < items.length; i++) {
      const raw = items[i]
      // Well-formed items skip zod (same verdict, same data); zod judges the rest and words the error.
      let r = fastReading(raw)
      if (!r) {
        const parsed = ReadingSchema.safeParse(raw)
        if (!parsed.success) {
          const device =
            typeof (raw as { device?: unknown })?.device === 'string'
              ? String((raw as { device: string }).device).slice(0, 64)
              : undefined
          const iss = parsed.error.issues[0]
          rejected.push({ index: i, device, reason: `${iss.path.join('.') || '(item)'}: ${iss.message}` })
          continue
        }
        r = parsed.data
      }
      const sceneId = r.scene ?? sceneHint ?? this.uniqueScene(r.device)
      if (sceneId === undefined) {
        const n = this.deviceScenes.get(r.device)?.length ?? 0
        rejected.push({
          index: i,
          device: r.device,
          reason:
            n > 1
              ? `scene: device "${r.device}" exists in several scenes; name the scene`
              : `device: unknown device "${r.device}"`,
        })
        continue
      }
      if (sceneHint && r.scene && r.scene !== sceneHint) {
        rejected.push({
          index: i,
          device: r.device,
          reason: `scene: item says "${r.scene}" but was sent for "${sceneHint}"`,
        })
        continue
      }
      const rt = this.deps.runtimes.get(sceneId)
      if (!rt) {
        rejected.push({ index: i, device: r.device, reason: `scene: unknown scene "${sceneId}"` })
        continue
      }
      const di = rt.loaded.resolved.deviceIndex.get(r.device)
      if (di === undefined) {
        rejected.push({
          index: i,
          device: r.device,
          reason: `device: unknown device "${r.device}" in scene "${sceneId}"`,
        })
        continue
      }
      const dev = rt.loaded.scene.devices[di]
      const unit = DEVICE_UNITS[dev.type]
      if (r.unit !== unit) {
        rejected.push({
          index: i,
          device: r.device,
          reason: `unit: ${dev.type} "${r.device}" reports in "${unit}", not "${r.unit}"`,
        })
        continue
      }
      if (r.t > now + MAX_FUTURE_MS) {
        rejected.push({
          index: i,
          device: r.device,
          reason: `t: ${r.t} is ${Math.round((r.t - now) / 1000)} s in the future (device clock?)`,
        })
        continue
      }
      if (r.t < now - MAX_AGE_MS) {
        rejected.push({ index: i, device: r.device, reason: `t: ${r.t} is older than 24 h (stale)` })
        continue
      }
      const last = rt.lastT[di]
      if (r.t === last) {
        rejected.push({ index: i, device: r.device, reason: `t: duplicate of the reading already received at ${r.t}` })
        continue
      }
      if (r.t < last) {
        rejected.push({
          index: i,
          device: r.device,
          reason: `t: out of order (${r.t} is before the last reading at ${last})`,
        })
        continue
      }
      // Values are written by the scene host when it applies the batch (on the leader in
      // scale-out); the time is claimed here so a duplicate in the same batch is caught.
      rt.lastT[di] = r.t
      let acc = perScene.get(sceneId)
      if (!acc) perScene.set(sceneId, (acc = { idx: [], t: [], v: [], q: [] }))
      acc.idx.push(di)
      acc.t.push(r.t)
      acc.v.push(r.value)
      acc.q.push(QUALITY[r.quality])
      accepted++
    }
    if (this.deps.onAccepted)
      for (const [sceneId, a] of perScene)
        this.deps.onAccepted({
          sceneId,
          receivedAt: now,
          provenance,
          idx: Uint32Array.from(a.idx),
          t: Float64Array.from(a.t),
          values: Float32Array.from(a.v),
          quality: Uint8Array.from(a.q),
        })
    return { accepted, rejected }
  }

  private uniqueScene(device: string): string | undefined {
    const s = this.deviceScenes.get(device)
    return s && s.length === 1 ? s[0] : undefined
  }
}
