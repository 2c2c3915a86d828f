/**
 * Typed arrays ↔ base64, for the signal state inside snapshots. Bytes, not numbers, so NaN
 * (an unset timer) and float rounding survive a JSON round trip exactly. Hand-written because
 * the kernel may not use Node's Buffer and btoa needs a binary string the size of the input.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Uint8Array(128)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

export function bytesToBase64(b: Uint8Array): string {
  const parts: string[] = []
  let chunk = ''
  for (let i = 0; i < b.length; i += 3) {
    const x = (b[i] << 16) | ((i + 1 < b.length ? b[i + 1] : 0) << 8) | (i + 2 < b.length ? b[i + 2] : 0)
    chunk += ALPHABET[(x >> 18) & 63] + ALPHABET[(x >> 12) & 63]
    chunk += i + 1 < b.length ? ALPHABET[(x >> 6) & 63] : '='
    chunk += i + 2 < b.length ? ALPHABET[x & 63] : '='
    if (chunk.length >= 8192) {
      parts.push(chunk)
      chunk = ''
    }
  }
  parts.push(chunk)
  return parts.join('')
}

export function base64ToBytes(s: string): Uint8Array {
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  const out = new Uint8Array((s.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < s.length; i += 4) {
    const x =
      (LOOKUP[s.charCodeAt(i)] << 18) |
      (LOOKUP[s.charCodeAt(i + 1)] << 12) |
      (LOOKUP[s.charCodeAt(i + 2)] << 6) |
      LOOKUP[s.charCodeAt(i + 3)]
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
