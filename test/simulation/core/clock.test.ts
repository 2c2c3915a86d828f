import { describe, it, expect } from 'vitest'
import { VirtualClock } from '@sim/core/clock'

describe('VirtualClock', () => {
  it('fires timers in time order, ties in scheduling order, with now() at the due time', () => {
    const c = new VirtualClock(1000)
    const log: string[] = []
    c.setTimeout(() => log.push(`b@${c.now()}`), 200)
    c.setTimeout(() => log.push(`a@${c.now()}`), 100)
    c.setTimeout(() => log.push(`c@${c.now()}`), 200)
    c.advance(150)
    expect(log).toEqual(['a@1100'])
    expect(c.now()).toBe(1150)
    c.advance(1000)
    expect(log).toEqual(['a@1100', 'b@1200', 'c@1200'])
  })

  it('runs intervals at exact multiples of the period and can clear them', () => {
    const c = new VirtualClock(0)
    const times: number[] = []
    const h = c.setInterval(() => times.push(c.now()), 100)
    c.advance(1000)
    expect(times).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    c.clear(h)
    c.advance(1000)
    expect(times.length).toBe(10)
  })

  it('fires timers scheduled by timers within the same advance', () => {
    const c = new VirtualClock(0)
    const log: number[] = []
    c.setTimeout(() => {
      log.push(c.now())
      c.setTimeout(() => log.push(c.now()), 50)
    }, 100)
    c.advance(200)
    expect(log).toEqual([100, 150])
  })

  it('refuses to go back in time', () => {
    const c = new VirtualClock(500)
    expect(() => c.advanceTo(400)).toThrow(/back in time/)
  })

  it('two runs of the same schedule give the same trace (determinism)', () => {
    const run = () => {
      const c = new VirtualClock(0)
      const log: string[] = []
      c.setInterval(() => log.push(`i${c.now()}`), 70)
      c.setTimeout(() => log.push(`t${c.now()}`), 210)
      c.advance(500)
      return log
    }
    expect(run()).toEqual(run())
  })
})
