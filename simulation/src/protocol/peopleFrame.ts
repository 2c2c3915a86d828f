/**
 * The compact binary people frame: every tracked person's position and status, sent to a scene
 * room 5 times a second (volatile, like telemetry). Person order is given once, in the `scene:join`
 * snapshot (`modules.people.people[i]` is slot i of every frame), so a frame is 13 bytes per person
 * plus a 24-byte header: 2,000 people at 5 Hz is ~130 kB/s per screen instead of ~1 MB/s as JSON.
 *
 * Layout (little-endian):
 *   0  u8   magic 0x50 ('P')
 *   1  u8   layout version (PEOPLE_FRAME_VERSION)
 *   2  u16  flags (bit 0: drill)
 *   4  u32  seq (per scene, increments every frame)
 *   8  f64  t, simulated ms since epoch of the positions
 *   16 u32  person count n
 *   20 u32  reserved (keeps the float block aligned)
 *   24 f32[3n] x, y, z per person (scene-local metres east, north, up; NaN = never located)
 *   24+12n u8[n] status bits (PersonStatus)
 */
import { FRAME_HEADER_BYTES, alignedView, readFrameHeader, writeFrameHeader } from './binaryFrame'

export const PEOPLE_FRAME_MAGIC = 0x50
export const PEOPLE_FRAME_VERSION = 1
export const PEOPLE_FRAME_HEADER_BYTES = FRAME_HEADER_BYTES
export const PEOPLE_FLAG_DRILL = 1

/**
 * Status bits. A person can be in a hazardous zone, exposed and down at once, so these are
 * flags, not one value: bits 0–1 are the exposure level k (0 = none, 1…3 = AEGL-k, the higher of
 * the concentration there now and the triage category reached), then one bit each.
 */
export const PersonStatus = {
  ok: 0,
  exposureMask: 3,
  /** In a hazardous, restricted, working-face, threat or red risk zone. */
  hazardousZone: 4,
  /** Man-down alarm active. */
  down: 8,
  /** No fix for a while (the position is the last known one). */
  lost: 16,
} as const

export interface PeopleFrame {
  seq: number
  t: number
  flags: number
  /** x0, y0, z0, x1, … (length 3n). */
  xyz: Float32Array
  status: Uint8Array
}

export function peopleFrameByteLength(n: number): number {
  return PEOPLE_FRAME_HEADER_BYTES + 13 * n
}

/** Encode into a fresh ArrayBuffer (a buffer handed to a socket must not be reused). */
export function encodePeopleFrame(f: PeopleFrame): ArrayBuffer {
  const n = f.status.length
  if (f.xyz.length !== 3 * n) throw new Error('encodePeopleFrame: xyz must hold 3 floats per person')
  const buf = new ArrayBuffer(peopleFrameByteLength(n))
  writeFrameHeader(new DataView(buf), PEOPLE_FRAME_MAGIC, PEOPLE_FRAME_VERSION, {
    flags: f.flags,
    seq: f.seq,
    t: f.t,
    count: n,
  })
  new Float32Array(buf, PEOPLE_FRAME_HEADER_BYTES, 3 * n).set(f.xyz)
  new Uint8Array(buf, PEOPLE_FRAME_HEADER_BYTES + 12 * n, n).set(f.status)
  return buf
}

/**
 * Decode without copying when aligned (views on the buffer). Accepts an ArrayBuffer or a
 * Uint8Array view (socket.io delivers Buffers in Node, ArrayBuffers in browsers).
 */
export function decodePeopleFrame(input: ArrayBuffer | Uint8Array): PeopleFrame {
  const { buf, base, len } = alignedView(input)
  const h = readFrameHeader(new DataView(buf, base, len), PEOPLE_FRAME_MAGIC, PEOPLE_FRAME_VERSION, 'people frame')
  const n = h.count
  if (len < peopleFrameByteLength(n)) throw new Error(`people frame: ${len} bytes cannot hold ${n} people`)
  return {
    flags: h.flags,
    seq: h.seq,
    t: h.t,
    xyz: new Float32Array(buf, base + PEOPLE_FRAME_HEADER_BYTES, 3 * n),
    status: new Uint8Array(buf, base + PEOPLE_FRAME_HEADER_BYTES + 12 * n, n),
  }
}
