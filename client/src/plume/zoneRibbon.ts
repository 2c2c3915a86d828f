/**
 * Threat-zone outlines as flat ribbons on the ground: a closed ring [e0,n0,e1,n1,…] in local
 * metres becomes two triangles per edge, `width` metres wide, written into a preallocated
 * position array (x = east, y = height, z = −north, the twin's axes). World-width ribbons stay
 * readable at overview distance where WebGL lines are one pixel wide, and cost one draw call per
 * level however many rings.
 */

/** Floats written for a ring of `points` vertices (closed: n edges). */
export const ribbonFloats = (points: number) => points * 6 * 3

/**
 * Write a closed ring's ribbon at `offset` (in floats). Returns the new offset, or `offset`
 * unchanged when it would not fit (the ring is skipped, never a partial write past `out`).
 */
export function writeRingRibbon(
  ring: ArrayLike<number>,
  width: number,
  y: number,
  out: Float32Array,
  offset: number,
): number {
  let n = ring.length >> 1
  if (n < 2) return offset
  // A ring that repeats its first point at the end: drop the duplicate.
  if (ring[0] === ring[2 * (n - 1)] && ring[1] === ring[2 * (n - 1) + 1]) n--
  if (offset + ribbonFloats(n) > out.length) return offset
  const h = width / 2
  let o = offset
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n
    const e0 = ring[2 * i]
    const n0 = ring[2 * i + 1]
    const e1 = ring[2 * j]
    const n1 = ring[2 * j + 1]
    const de = e1 - e0
    const dn = n1 - n0
    const len = Math.hypot(de, dn) || 1
    // Left normal in (e, n), scaled to half the width.
    const pe = (-dn / len) * h
    const pn = (de / len) * h
    // Quad a(+), b(−) at the start, c(+), d(−) at the end: triangles a-b-c, c-b-d.
    o = put(out, o, e0 + pe, y, n0 + pn)
    o = put(out, o, e0 - pe, y, n0 - pn)
    o = put(out, o, e1 + pe, y, n1 + pn)
    o = put(out, o, e1 + pe, y, n1 + pn)
    o = put(out, o, e0 - pe, y, n0 - pn)
    o = put(out, o, e1 - pe, y, n1 - pn)
  }
  return o
}

function put(out: Float32Array, o: number, e: number, y: number, n: number): number {
  out[o] = e
  out[o + 1] = y
  out[o + 2] = -n
  return o + 3
}
