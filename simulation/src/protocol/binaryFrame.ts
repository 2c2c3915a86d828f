/**
 * The 24-byte header shared by every binary stream frame (telemetry, people, stored deltas):
 *   0 u8 magic · 1 u8 layout version · 2 u16 flags · 4 u32 seq · 8 f64 t · 16 u32 count · 20 u32 (per layout)
 * and the alignment rule for decoding: float views need 4-byte alignment, and socket.io hands
 * Node clients Buffers at arbitrary offsets.
 */
export const FRAME_HEADER_BYTES = 24

export interface FrameHeader {
  flags: number
  seq: number
  t: number
  count: number
}

export function writeFrameHeader(dv: DataView, magic: number, version: number, h: FrameHeader): void {
  dv.setUint8(0, magic)
  dv.setUint8(1, version)
  dv.setUint16(2, h.flags, true)
  dv.setUint32(4, h.seq >>> 0, true)
  dv.setFloat64(8, h.t, true)
  dv.setUint32(16, h.count, true)
}

/** A 4-byte-aligned view of the input: zero-copy when possible, a copy otherwise (`new Uint8Array(view)` copies; Buffer#slice would not). */
export function alignedView(input: ArrayBuffer | Uint8Array): { buf: ArrayBuffer; base: number; len: number } {
  if (!(input instanceof Uint8Array)) return { buf: input, base: 0, len: input.byteLength }
  if (input.byteOffset % 4 === 0)
    return { buf: input.buffer as ArrayBuffer, base: input.byteOffset, len: input.byteLength }
  return { buf: new Uint8Array(input).buffer as ArrayBuffer, base: 0, len: input.byteLength }
}

/** Check magic and version and read the header; `what` names the stream in error messages. */
export function readFrameHeader(dv: DataView, magic: number, version: number, what: string): FrameHeader {
  if (dv.byteLength < FRAME_HEADER_BYTES) throw new Error(`${what} too short: ${dv.byteLength} bytes`)
  if (dv.getUint8(0) !== magic) throw new Error(`${what}: bad magic byte`)
  const ver = dv.getUint8(1)
  if (ver !== version) throw new Error(`${what}: layout ${ver}, expected ${version}`)
  return {
    flags: dv.getUint16(2, true),
    seq: dv.getUint32(4, true),
    t: dv.getFloat64(8, true),
    count: dv.getUint32(16, true),
  }
}
