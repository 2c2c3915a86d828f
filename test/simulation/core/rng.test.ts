import { describe, it, expect } from 'vitest'
import { createRng } from '@sim/core/rng'

describe('seeded rng', () => {
  it('gives the same stream for the same seed, a different one for another seed', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43)
    const sa = Array.from({ length: 100 }, () => a.next())
    const sb = Array.from({ length: 100 }, () => b.next())
    const sc = Array.from({ length: 100 }, () => c.next())
    expect(sa).toEqual(sb)
    expect(sa).not.toEqual(sc)
  })

  it('resumes exactly from a saved state', () => {
    const a = createRng('drill-7')
    for (let i = 0; i < 37; i++) a.next()
    const b = createRng(a.state())
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(Array.from({ length: 50 }, () => a.next()))
  })

  it('is uniform on [0,1) and normal() has mean 0 and sd 1', () => {
    const r = createRng(7)
    const N = 200_000
    const bins = new Array(10).fill(0)
    let min = 1,
      max = 0
    for (let i = 0; i < N; i++) {
      const x = r.next()
      min = Math.min(min, x)
      max = Math.max(max, x)
      bins[Math.floor(x * 10)]++
    }
    expect(min).toBeGreaterThanOrEqual(0)
    expect(max).toBeLessThan(1)
    // chi-square with 9 dof: 99.9 % quantile is 27.9
    const chi2 = bins.reduce((s, b) => s + (b - N / 10) ** 2 / (N / 10), 0)
    expect(chi2).toBeLessThan(27.9)
    let s = 0,
      s2 = 0
    for (let i = 0; i < N; i++) {
      const z = r.normal()
      s += z
      s2 += z * z
    }
    expect(Math.abs(s / N)).toBeLessThan(0.01)
    expect(Math.abs(Math.sqrt(s2 / N - (s / N) ** 2) - 1)).toBeLessThan(0.01)
  })

  it('forks are deterministic and independent of each other', () => {
    const f1 = createRng(1).fork('dev-1'),
      f1b = createRng(1).fork('dev-1'),
      f2 = createRng(1).fork('dev-2')
    const x = Array.from({ length: 20 }, () => f1.next())
    expect(Array.from({ length: 20 }, () => f1b.next())).toEqual(x)
    expect(Array.from({ length: 20 }, () => f2.next())).not.toEqual(x)
  })
})
