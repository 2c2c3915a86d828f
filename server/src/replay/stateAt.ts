/**
 * The state of a scene at any past time, rebuilt from the log: the newest keyframe at or before
 * t, then every later event with time ≤ t folded with the same reducers the live host uses, and
 * the telemetry of that instant from the nearest full frame plus the deadband deltas after it.
 * "What the screens showed at t", for regulators.
 */
import { createAlarmEngine, type AlarmBody, type AlarmEngine, type AlarmSnapshot } from '@sim/alarms'
import type { EventMeta } from '@sim/events/envelope'
import { initialResponseState, reduceResponse, type ResponseState } from '@sim/response'
import { initialTwinState, reduceTwin, type TwinState } from '@sim/twin/leakEvents'
import { applyStoredRecord } from '@sim/telemetry/deadbandCodec'
import { DeviceStatus } from '@sim/protocol/telemetryFrame'
import type { LoadedScene } from '../scenes/sceneRepository'
import type { EventStore, StoredEvent } from '../store/eventStore'
import { sceneFingerprint, usableKeyframe } from '../scene/keyframes'

export interface SceneStateAt {
  t: number
  /** Last log seq folded. */
  seq: number
  alarms: AlarmSnapshot
  twin: TwinState
  response: ResponseState
  values: Float32Array
  status: Uint8Array
  /** Time of the telemetry frame the values come from (≤ t), or null if none was recorded. */
  frameT: number | null
  engine: AlarmEngine
}

export async function stateAt(store: EventStore, loaded: LoadedScene, t: number): Promise<SceneStateAt> {
  const scene = loaded.scene
  const engine = createAlarmEngine(scene)
  let twin = initialTwinState()
  let response = initialResponseState()
  let seq = 0
  const kf = await store.keyframeAtOrBefore(scene.id, t)
  if (kf && usableKeyframe(kf.state, sceneFingerprint(scene))) {
    engine.restore(kf.state.alarms)
    twin = JSON.parse(JSON.stringify(kf.state.twin)) as TwinState
    response = kf.state.response
    seq = kf.seq
  }
  // Fold the tail in seq order, keeping only what had happened by t.
  const tail = await store.read(scene.id, seq + 1)
  for (const e of tail) {
    if (e.t > t) continue
    foldInto(engine, twin, e)
    response = reduceResponse(response, e as never)
    seq = e.seq
  }
  const n = scene.devices.length
  const values = new Float32Array(n).fill(NaN)
  const status = new Uint8Array(n).fill(DeviceStatus.noData)
  let frameT: number | null = null
  const full = await store.fullFrameAtOrBefore(scene.id, t)
  if (full) {
    applyStoredRecord(full.data, values, status)
    frameT = full.t
    for (const f of await store.readFrames(scene.id, full.t + 1, t)) {
      applyStoredRecord(f.data, values, status)
      frameT = f.t
    }
  }
  return { t, seq, alarms: engine.snapshot({ signals: false }), twin, response, values, status, frameT, engine }
}

export function foldInto(engine: AlarmEngine, twin: TwinState, e: StoredEvent): void {
  engine.apply(e as unknown as EventMeta & AlarmBody)
  reduceTwin(twin, e)
}
