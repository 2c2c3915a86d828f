/**
 * The compact binary telemetry frame: one per scene per 100 ms, carrying the latest reading of
 * every device in scene order. 5 bytes per device (float32 value + status byte) plus a 24-byte
 * header, so 10,000 sensors at 10 Hz is ~0.5 MB/s per client — versus ~10× that as JSON.
 *
 * Layout (little-endian):
 *   0  u8   magic 0x53 ('S')
 *   1  u8   layout version (FRAME_VERSION)
 *   2  u16  flags (bit 0: drill)
 *   4  u32  seq (per scene, increments every frame)
 *   8  f64  t, simulated ms since epoch of the newest reading in the frame
 *   16 u32  device count n
 *   20 u32  reserved (keeps the float block 8-aligned for future f64 use)
 *   24 f32[n] values (NaN when the device sent nothing usable in this interval)
 *   24+4n u8[n] status (DeviceStatus)
 */
import { FRAME_HEADER_BYTES, alignedView, readFrameHeader, writeFrameHeader } from './binaryFrame'

export { FRAME_HEADER_BYTES }
export const FRAME_MAGIC = 0x53
export const FRAME_VERSION = 1
export const FRAME_FLAG_DRILL = 1

export const DeviceStatus = { ok: 0, noData: 1, fault: 2, offline: 3 } as const
export type DeviceStatus = (typeof DeviceStatus)[keyof typeof DeviceStatus]

export interface TelemetryFrame {
  seq: number
  t: number
  flags: number
  values: Float32Array
  status: Uint8Array
}

export function frameByteLength(n: number): number {
  return FRAME_HEADER_BYTES + 5 * n
}

/** Encode into a fresh ArrayBuffer (a buffer handed to a socket must not be reused). */
export function encodeFrame(f: TelemetryFrame): ArrayBuffer {
  const n = f.values.length
  if (f.status.length !== n) throw new Error('encodeFrame: values and status differ in length')
  const buf = new ArrayBuffer(frameByteLength(n))
  writeFrameHeader(new DataView(buf), FRAME_MAGIC, FRAME_VERSION, { flags: f.flags, seq: f.seq, t: f.t, count: n })
  new Float32Array(buf, FRAME_HEADER_BYTES, n).set(f.values)
  new Uint8Array(buf, FRAME_HEADER_BYTES + 4 * n, n).set(f.status)
  return buf
}

/**
 * Decode without copying: the arrays are views on `buf`. Accepts an ArrayBuffer or any
 * Uint8Array view (socket.io delivers Buffers in Node, ArrayBuffers in browsers).
 */
export function decodeFrame(input: ArrayBuffer | Uint8Array): TelemetryFrame {
  const { buf, base, len } = alignedView(input)
  const h = readFrameHeader(new DataView(buf, base, len), FRAME_MAGIC, FRAME_VERSION, 'telemetry frame')
  const n = h.count
  if (len < frameByteLength(n)) throw new Error(`telemetry frame: ${len} bytes cannot hold ${n} devices`)
  return {
    flags: h.flags,
    seq: h.seq,
    t: h.t,
    values: new Float32Array(buf, base + FRAME_HEADER_BYTES, n),
    status: new Uint8Array(buf, base + FRAME_HEADER_BYTES + 4 * n, n),
  }
}
