/**
 * Readings per second over a sliding window, from a cumulative counter sampled a few times a
 * second. Keeps a fixed ring of samples: no allocation per sample.
 */
export class RateMeter {
  private readonly times: Float64Array
  private readonly totals: Float64Array
  private head = 0
  private filled = 0

  /** @param windowSamples samples kept (window ≈ windowSamples × sampling period) */
  constructor(windowSamples = 5) {
    this.times = new Float64Array(windowSamples)
    this.totals = new Float64Array(windowSamples)
  }

  /**
   * Record the counter at time `nowMs` and return the rate per second over the window
   * (0 until two samples exist).
   */
  sample(nowMs: number, total: number): number {
    const cap = this.times.length
    this.times[this.head] = nowMs
    this.totals[this.head] = total
    const newest = this.head
    this.head = (this.head + 1) % cap
    this.filled = Math.min(this.filled + 1, cap)
    if (this.filled < 2) return 0
    const oldest = this.filled < cap ? 0 : this.head
    const dt = this.times[newest] - this.times[oldest]
    return dt > 0 ? ((this.totals[newest] - this.totals[oldest]) * 1000) / dt : 0
  }

  reset(): void {
    this.head = 0
    this.filled = 0
  }
}
