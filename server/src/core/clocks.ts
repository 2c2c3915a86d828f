/**
 * Host clocks. The real clock is the only place in the product that reads the wall clock;
 * everything else receives a `Clock`. The accelerated clock runs simulated time at `rate`×
 * wall time (drills at 10× or 60×) on top of the pure VirtualClock, so timers still fire in
 * exact simulated order.
 */
import { VirtualClock, type Clock, type TimerHandle } from '@sim/core/clock'

export class RealClock implements Clock {
  readonly rate = 1
  private handles = new Map<number, NodeJS.Timeout>()
  private nextId = 1

  now(): number {
    return Date.now()
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++
    this.handles.set(
      id,
      setTimeout(() => {
        this.handles.delete(id)
        fn()
      }, delayMs),
    )
    return { id }
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    const id = this.nextId++
    this.handles.set(id, setInterval(fn, periodMs))
    return { id }
  }

  clear(handle: TimerHandle): void {
    const h = this.handles.get(handle.id)
    if (h) {
      clearTimeout(h)
      this.handles.delete(handle.id)
    }
  }
}

export class AcceleratedClock implements Clock {
  private readonly virtual: VirtualClock
  private wallStart: number
  private simStart: number
  private pump: NodeJS.Timeout | null = null

  constructor(
    startMs: number,
    public readonly rate: number,
    private readonly wall: () => number = () => performance.now(),
    pumpMs = 10,
  ) {
    if (!(rate > 0)) throw new Error('AcceleratedClock: rate must be > 0')
    this.virtual = new VirtualClock(startMs)
    this.wallStart = this.wall()
    this.simStart = startMs
    this.pump = setInterval(() => this.virtual.advanceTo(this.target()), pumpMs)
    this.pump.unref?.()
  }

  private target(): number {
    return Math.max(this.virtual.now(), this.simStart + (this.wall() - this.wallStart) * this.rate)
  }

  now(): number {
    return this.virtual.now()
  }
  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.virtual.setTimeout(fn, delayMs)
  }
  setInterval(fn: () => void, periodMs: number): TimerHandle {
    return this.virtual.setInterval(fn, periodMs)
  }
  clear(handle: TimerHandle): void {
    this.virtual.clear(handle)
  }
  stop(): void {
    if (this.pump) clearInterval(this.pump)
    this.pump = null
  }
}
