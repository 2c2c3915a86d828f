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
export const PEOPLE_FRAME_MAGIC = 0x50
export const PEOPLE_FRAME_VERSION = 1
export const PEOPLE_FRAME_HEADER_BYTES = 24
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
  const dv = new DataView(buf)
  dv.setUint8(0, PEOPLE_FRAME_MAGIC)
  dv.setUint8(1, PEOPLE_FRAME_VERSION)
  dv.setUint16(2, f.flags, true)
  dv.setUint32(4, f.seq >>> 0, true)
  dv.setFloat64(8, f.t, true)
  dv.setUint32(16, n, true)
  new Float32Array(buf, PEOPLE_FRAME_HEADER_BYTES, 3 * n).set(f.xyz)
  new Uint8Array(buf, PEOPLE_FRAME_HEADER_BYTES + 12 * n, n).set(f.status)
  return buf
}

/**
 * Decode without copying when aligned (views on the buffer). Accepts an ArrayBuffer or a
 * Uint8Array view (socket.io delivers Buffers in Node, ArrayBuffers in browsers).
 */
export function decodePeopleFrame(input: ArrayBuffer | Uint8Array): PeopleFrame {
  let buf: ArrayBuffer
  let base = 0
  if (input instanceof Uint8Array) {
    buf = input.buffer as ArrayBuffer
    base = input.byteOffset
    // Float32Array views need 4-byte alignment: copy in the rare unaligned case.
    if (base % 4 !== 0) {
      buf = new Uint8Array(input).buffer as ArrayBuffer
      base = 0
    }
  } else buf = input
  const len = input.byteLength
  if (len < PEOPLE_FRAME_HEADER_BYTES) throw new Error(`people frame too short: ${len} bytes`)
  const dv = new DataView(buf, base, len)
  if (dv.getUint8(0) !== PEOPLE_FRAME_MAGIC) throw new Error('people frame: bad magic byte')
  const ver = dv.getUint8(1)
  if (ver !== PEOPLE_FRAME_VERSION) throw new Error(`people frame: layout ${ver}, expected ${PEOPLE_FRAME_VERSION}`)
  const n = dv.getUint32(16, true)
  if (len < peopleFrameByteLength(n)) throw new Error(`people frame: ${len} bytes cannot hold ${n} people`)
  return {
    flags: dv.getUint16(2, true),
    seq: dv.getUint32(4, true),
    t: dv.getFloat64(8, true),
    xyz: new Float32Array(buf, base + PEOPLE_FRAME_HEADER_BYTES, 3 * n),
    status: new Uint8Array(buf, base + PEOPLE_FRAME_HEADER_BYTES + 12 * n, n),
  }
}
