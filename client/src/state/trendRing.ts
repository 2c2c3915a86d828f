/**
 * The live trend of the selected device: a fixed ring of (time, value) pairs filled by the socket
 * bridge for that one device, read by the trend chart's canvas loop. Created once per scene and
 * mutated in place; `version` tells the chart whether anything new arrived.
 */

/** ~2 minutes at 10 Hz. */
export const TREND_CAPACITY = 1200

export interface TrendRing {
  /** Scene index of the device being recorded, -1 for none. */
  device: number
  readonly t: Float64Array
  readonly v: Float32Array
  /** Index the next sample is written to. */
  head: number
  count: number
  version: number
}

export function createTrendRing(capacity = TREND_CAPACITY): TrendRing {
  return { device: -1, t: new Float64Array(capacity), v: new Float32Array(capacity), head: 0, count: 0, version: 0 }
}

/** Start recording another device (or none); forgets the previous one's samples. */
export function selectTrendDevice(r: TrendRing, device: number): void {
  r.device = device
  r.head = 0
  r.count = 0
  r.version++
}

/** Append one sample; a sample not newer than the last one is ignored. Allocation-free. */
export function pushTrend(r: TrendRing, t: number, v: number): boolean {
  const cap = r.t.length
  if (r.count > 0 && t <= r.t[(r.head - 1 + cap) % cap]) return false
  r.t[r.head] = t
  r.v[r.head] = v
  r.head = (r.head + 1) % cap
  if (r.count < cap) r.count++
  r.version++
  return true
}

/** The k-th sample, oldest first (0 ≤ k < count). */
export function trendIndex(r: TrendRing, k: number): number {
  const cap = r.t.length
  return (r.head - r.count + k + cap) % cap
}

/** Min and max of the finite values held, written into `out` ([NaN, NaN] when none). */
export function trendExtent(r: TrendRing, out: [number, number]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (let k = 0; k < r.count; k++) {
    const v = r.v[trendIndex(r, k)]
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  out[0] = lo === Infinity ? NaN : lo
  out[1] = hi === -Infinity ? NaN : hi
  return out
}
