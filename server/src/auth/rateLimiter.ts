/**
 * Fixed-window failure counter per key (IP, username, gateway) on the injected clock: after
 * `max` hits within `windowMs` the key is refused until the window ends. Small and in-memory:
 * enough to make online password guessing hopeless (5 tries per 5 minutes per name and per IP).
 */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; n: number }>()

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until the key may try again, or 0 if it may now. */
  blockedFor(key: string): number {
    const h = this.hits.get(key)
    if (!h) return 0
    const t = this.now()
    if (t - h.start >= this.windowMs) {
      this.hits.delete(key)
      return 0
    }
    return h.n >= this.max ? h.start + this.windowMs - t : 0
  }

  hit(key: string): void {
    const t = this.now()
    const h = this.hits.get(key)
    if (!h || t - h.start >= this.windowMs) this.hits.set(key, { start: t, n: 1 })
    else h.n++
    if (this.hits.size > 100_000) this.hits.clear() // a flood of distinct keys must not exhaust memory
  }

  reset(key: string): void {
    this.hits.delete(key)
  }
}
