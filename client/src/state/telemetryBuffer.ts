/**
 * The live readings of the joined scene: plain typed arrays that the socket bridge overwrites in
 * place and the 3D components read in `useFrame`. This object is created once per scene and never
 * replaced per frame, so holding it in the zustand store costs no React render: subscribers see
 * the same reference while its contents change.
 */
import { DeviceStatus, type TelemetryFrame } from '@sim/protocol/telemetryFrame'

export interface TelemetryBuffer {
  /** Latest value per device, in scene (file) order; NaN = nothing usable. */
  readonly values: Float32Array
  /** Latest DeviceStatus per device, in scene order. */
  readonly status: Uint8Array
  /** Frames applied since the scene was joined; readers compare it with what they last drew. */
  version: number
  /** Every frame seen by the bridge (also those dropped as stale). */
  framesReceived: number
  /** Non-NaN values received, cumulative (the HUD turns it into readings per second). */
  readingsTotal: number
  lastSeq: number
  /** Server time of the newest frame, ms since epoch (UTC); NaN before the first frame. */
  lastT: number
  drill: boolean
  /**
   * frame index → scene index, or null when the server's device order is the scene's (normal).
   * Built once at join from `SceneJoined.deviceIds`.
   */
  frameToScene: Int32Array | null
}

export function createTelemetryBuffer(deviceCount: number): TelemetryBuffer {
  return {
    values: new Float32Array(deviceCount).fill(NaN),
    status: new Uint8Array(deviceCount).fill(DeviceStatus.noData),
    version: 0,
    framesReceived: 0,
    readingsTotal: 0,
    lastSeq: -1,
    lastT: NaN,
    drill: false,
    frameToScene: null,
  }
}

/**
 * Map the server's frame order onto the scene's. Returns null when they agree (no remap per
 * frame); a device the scene does not know is mapped to -1 and ignored.
 */
export function buildFrameOrder(deviceIds: readonly string[], sceneIds: readonly string[]): Int32Array | null {
  let same = deviceIds.length === sceneIds.length
  for (let i = 0; same && i < deviceIds.length; i++) same = deviceIds[i] === sceneIds[i]
  if (same) return null
  const index = new Map(sceneIds.map((id, i) => [id, i]))
  const map = new Int32Array(deviceIds.length)
  for (let i = 0; i < deviceIds.length; i++) map[i] = index.get(deviceIds[i]) ?? -1
  return map
}

/**
 * Copy one decoded frame into the buffer. Returns false (and changes nothing but the receive
 * counter) for a frame older than the one already shown: volatile frames can arrive out of order
 * around a reconnect. Allocation-free; O(devices).
 */
export function applyFrame(buf: TelemetryBuffer, frame: TelemetryFrame): boolean {
  buf.framesReceived++
  // u32 seq restarts at 0 when the server restarts; accept a big backwards jump as a restart.
  if (buf.lastSeq >= 0 && frame.seq <= buf.lastSeq && buf.lastSeq - frame.seq < 1000) return false
  const { values, status } = frame
  const map = buf.frameToScene
  const n = map ? Math.min(values.length, map.length) : Math.min(values.length, buf.values.length)
  let readings = 0
  for (let i = 0; i < n; i++) {
    const j = map ? map[i] : i
    if (j < 0) continue
    const v = values[i]
    buf.values[j] = v
    buf.status[j] = status[i]
    if (v === v) readings++ // NaN !== NaN
  }
  buf.readingsTotal += readings
  buf.lastSeq = frame.seq
  buf.lastT = frame.t
  buf.drill = (frame.flags & 1) !== 0
  buf.version++
  return true
}
