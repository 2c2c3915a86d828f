/**
 * One interface for the incident log, two back ends: SQLite (embedded, default) and Redis
 * Streams (scale-out). A conformance suite (test/server/store/) runs against both.
 *
 * The log holds discrete events (alarms, commands, timers, escalations, dispatch …) hash-chained
 * per scene. Telemetry is stored beside it as compressed frames, and keyframes (snapshots of the
 * folded state) let a replay seek without folding from the start.
 */
import type { EventMeta } from '@sim/events/envelope'
import type { ChainReport } from './hashChain'

export interface StoredEvent extends EventMeta {
  type: string
  /** The event body beyond the envelope, as appended. */
  [field: string]: unknown
  prevHash: string
  hash: string
}

export type AppendInput = Omit<EventMeta, 'seq' | 'wall'> & { type: string; wall?: number; [field: string]: unknown }

export interface StoredFrame {
  sceneId: string
  seq: number
  t: number
  /** true when `data` holds every device (a telemetry keyframe); false for a deadband delta. */
  full: boolean
  data: Uint8Array
}

export interface Keyframe {
  sceneId: string
  /** The last event seq folded into `state`. */
  seq: number
  t: number
  state: unknown
}

/** Readings accepted from outside adapters, stored with their provenance (one row per batch). */
export interface ReadingBatchRecord {
  sceneId: string
  receivedAt: number
  source: string
  operator: string | null
  idx: Uint32Array
  t: Float64Array
  values: Float32Array
  quality: Uint8Array
}

export interface EventStore {
  readonly kind: 'sqlite' | 'redis'
  /** Append in order; assigns seq (gap-free per scene), wall time and the SM3 chain. */
  append(input: AppendInput): Promise<StoredEvent>
  /** Events with fromSeq ≤ seq ≤ toSeq, in order. */
  read(sceneId: string, fromSeq?: number, toSeq?: number): Promise<StoredEvent[]>
  /** Events with t0 ≤ t ≤ t1, in seq order. */
  readByTime(sceneId: string, t0: number, t1: number): Promise<StoredEvent[]>
  lastSeq(sceneId: string): Promise<number>
  /** Walk the whole chain of a scene and report the first broken link. */
  verify(sceneId: string): Promise<ChainReport>
  appendFrame(frame: StoredFrame): Promise<void>
  /** Frames with t0 ≤ t ≤ t1 in order. */
  readFrames(sceneId: string, t0: number, t1: number): Promise<StoredFrame[]>
  /** The newest full telemetry frame at or before t. */
  fullFrameAtOrBefore(sceneId: string, t: number): Promise<StoredFrame | undefined>
  appendReadings(batch: ReadingBatchRecord): Promise<void>
  /** Batches received with t0 ≤ receivedAt ≤ t1, in order. */
  readReadings(sceneId: string, t0: number, t1: number): Promise<ReadingBatchRecord[]>
  putKeyframe(k: Keyframe): Promise<void>
  keyframeAtOrBefore(sceneId: string, t: number): Promise<Keyframe | undefined>
  close(): Promise<void>
}
