/**
 * Typed arrays ↔ base64, for the signal state inside snapshots. Bytes, not numbers, so NaN
 * (an unset timer) and float rounding survive a JSON round trip exactly. Hand-written because
 * the kernel may not use Node's Buffer and btoa needs a binary string the size of the input.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Uint8Array(128)
const ALPHABET_CODES = new Uint8Array(64)
for (let i = 0; i < ALPHABET.length; i++) {
  LOOKUP[ALPHABET.charCodeAt(i)] = i
  ALPHABET_CODES[i] = ALPHABET.charCodeAt(i)
}
const ascii = new TextDecoder('latin1')
const utf8 = new TextEncoder()

export function bytesToBase64(b: Uint8Array): string {
  // Write ASCII codes into a byte buffer and decode once: string concatenation per character
  // costs ~100× more for the megabytes of a 10,000-device keyframe.
  const out = new Uint8Array(Math.ceil(b.length / 3) * 4)
  const A = ALPHABET_CODES
  let o = 0
  for (let i = 0; i < b.length; i += 3) {
    const has1 = i + 1 < b.length
    const has2 = i + 2 < b.length
    const x = (b[i] << 16) | ((has1 ? b[i + 1] : 0) << 8) | (has2 ? b[i + 2] : 0)
    out[o++] = A[(x >> 18) & 63]
    out[o++] = A[(x >> 12) & 63]
    out[o++] = has1 ? A[(x >> 6) & 63] : 61
    out[o++] = has2 ? A[x & 63] : 61
  }
  return ascii.decode(out)
}

export function base64ToBytes(s: string): Uint8Array {
  const c = utf8.encode(s) // base64 is ASCII, so these are its character codes
  const pad = c.length > 0 && c[c.length - 1] === 61 ? (c[c.length - 2] === 61 ? 2 : 1) : 0
  const out = new Uint8Array((c.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < c.length; i += 4) {
    const x = (LOOKUP[c[i]] << 18) | (LOOKUP[c[i + 1]] << 12) | (LOOKUP[c[i + 2]] << 6) | LOOKUP[c[i + 3]]
    if (o < out.length) out[o++] = (x >> 16) & 255
    if (o < out.length) out[o++] = (x >> 8) & 255
    if (o < out.length) out[o++] = x & 255
  }
  return out
}

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Int8Array | Uint8Array

export function encodeTyped(a: Typed): string {
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
}

/** Copy decoded bytes into `into` (same length required: the scene must not have changed). */
export function decodeTypedInto(s: string, into: Typed, name: string): void {
  const bytes = base64ToBytes(s)
  if (bytes.length !== into.byteLength)
    throw new Error(`alarm snapshot: signal state "${name}" does not fit this scene`)
  new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(bytes)
}

/** Decoded byte length of a base64 string. */
export function base64Length(s: string): number {
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  return (s.length / 4) * 3 - pad
}
