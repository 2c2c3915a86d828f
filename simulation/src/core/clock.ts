/**
 * The one source of time. Server, drills, replays and tests receive a `Clock`; nothing in the
 * kernel reads the wall clock directly. Times are ms since the Unix epoch (UTC), simulated.
 *
 * `VirtualClock` lives here because it is pure: time only moves when someone calls `advance`,
 * and timers fire in time order (ties in scheduling order), which is what makes a drill run
 * twice with one seed produce the same log. The real and accelerated clocks need the host's
 * timers and live with their host (server/src/core/clocks.ts).
 */
export interface TimerHandle {
  readonly id: number
}

export interface Clock {
  /** Simulated time, ms since the epoch. */
  now(): number
  /** Call `fn` once when simulated time reaches now()+delayMs. */
  setTimeout(fn: () => void, delayMs: number): TimerHandle
  /** Call `fn` every periodMs of simulated time (first call at now()+periodMs). */
  setInterval(fn: () => void, periodMs: number): TimerHandle
  clear(handle: TimerHandle): void
  /** Simulated ms per wall ms: 1 for real time, 0 when paused, >1 for accelerated drills. */
  readonly rate: number
}

interface Scheduled {
  id: number
  at: number
  order: number
  period: number
  fn: () => void
}

export class VirtualClock implements Clock {
  private t: number
  private nextId = 1
  private order = 0
  private timers = new Map<number, Scheduled>()
  readonly rate = 0

  constructor(startMs: number) {
    if (!Number.isFinite(startMs)) throw new Error('VirtualClock: start time must be a finite number of ms')
    this.t = startMs
  }

  now(): number {
    return this.t
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.add(fn, Math.max(0, delayMs), 0)
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    if (!(periodMs > 0)) throw new Error('VirtualClock.setInterval: period must be > 0 ms')
    return this.add(fn, periodMs, periodMs)
  }

  clear(handle: TimerHandle): void {
    this.timers.delete(handle.id)
  }

  /** Number of pending timers (for tests and for the drill runner's idle check). */
  get pending(): number {
    return this.timers.size
  }

  /** Time of the next timer, or undefined. */
  nextAt(): number | undefined {
    const n = this.peek()
    return n?.at
  }

  /** Move time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.t + ms)
  }

  advanceTo(target: number): void {
    if (target < this.t) throw new Error(`VirtualClock: cannot go back in time (${target} < ${this.t})`)
    for (;;) {
      const next = this.peek()
      if (!next || next.at > target) break
      this.t = next.at
      if (next.period > 0) {
        next.at += next.period
        next.order = this.order++
      } else {
        this.timers.delete(next.id)
      }
      next.fn()
    }
    this.t = target
  }

  private add(fn: () => void, delay: number, period: number): TimerHandle {
    const id = this.nextId++
    this.timers.set(id, { id, at: this.t + delay, order: this.order++, period, fn })
    return { id }
  }

  // A linear scan: drills have tens of timers, not thousands; a heap is not worth its bugs here.
  private peek(): Scheduled | undefined {
    let best: Scheduled | undefined
    for (const s of this.timers.values()) {
      if (!best || s.at < best.at || (s.at === best.at && s.order < best.order)) best = s
    }
    return best
  }
}
