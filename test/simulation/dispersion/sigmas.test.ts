import { describe, it, expect } from 'vitest'
import { sigmaYClass, sigmaZClass, sigmasAt, sigmaYFromSigmaTheta } from '@sim/dispersion/sigmas'
import type { StabilityClass } from '@sim/dispersion/meteorology'

// Briggs (1973) as tabulated by Gifford (1976) and reproduced in Hanna, Briggs & Hosker (1982)
// table 4.?: typed in here independently of the implementation's table.
const RURAL: Record<StabilityClass, [(x: number) => number, (x: number) => number]> = {
  A: [(x) => 0.22 * x * (1 + 0.0001 * x) ** -0.5, (x) => 0.2 * x],
  B: [(x) => 0.16 * x * (1 + 0.0001 * x) ** -0.5, (x) => 0.12 * x],
  C: [(x) => 0.11 * x * (1 + 0.0001 * x) ** -0.5, (x) => 0.08 * x * (1 + 0.0002 * x) ** -0.5],
  D: [(x) => 0.08 * x * (1 + 0.0001 * x) ** -0.5, (x) => 0.06 * x * (1 + 0.0015 * x) ** -0.5],
  E: [(x) => 0.06 * x * (1 + 0.0001 * x) ** -0.5, (x) => 0.03 * x * (1 + 0.0003 * x) ** -1],
  F: [(x) => 0.04 * x * (1 + 0.0001 * x) ** -0.5, (x) => 0.016 * x * (1 + 0.0003 * x) ** -1],
}
const URBAN: Record<StabilityClass, [(x: number) => number, (x: number) => number]> = {
  A: [(x) => 0.32 * x * (1 + 0.0004 * x) ** -0.5, (x) => 0.24 * x * (1 + 0.001 * x) ** 0.5],
  B: [(x) => 0.32 * x * (1 + 0.0004 * x) ** -0.5, (x) => 0.24 * x * (1 + 0.001 * x) ** 0.5],
  C: [(x) => 0.22 * x * (1 + 0.0004 * x) ** -0.5, (x) => 0.2 * x],
  D: [(x) => 0.16 * x * (1 + 0.0004 * x) ** -0.5, (x) => 0.14 * x * (1 + 0.0003 * x) ** -0.5],
  E: [(x) => 0.11 * x * (1 + 0.0004 * x) ** -0.5, (x) => 0.08 * x * (1 + 0.0015 * x) ** -0.5],
  F: [(x) => 0.11 * x * (1 + 0.0004 * x) ** -0.5, (x) => 0.08 * x * (1 + 0.0015 * x) ** -0.5],
}
const CLASSES: StabilityClass[] = ['A', 'B', 'C', 'D', 'E', 'F']

describe('Briggs σ coefficients against the published tables', () => {
  for (const c of CLASSES) {
    it(`rural and urban class ${c} at 100 m … 10 km`, () => {
      for (const x of [100, 300, 1000, 3000, 10000]) {
        expect(sigmaYClass('briggs-rural', c, x)).toBeCloseTo(RURAL[c][0](x), 6)
        expect(sigmaZClass('briggs-rural', c, x)).toBeCloseTo(RURAL[c][1](x), 6)
        expect(sigmaYClass('briggs-urban', c, x)).toBeCloseTo(URBAN[c][0](x), 6)
        expect(sigmaZClass('briggs-urban', c, x)).toBeCloseTo(URBAN[c][1](x), 6)
      }
    })
  }
  it('known values: rural D at 1 km σy = 76.3 m, σz = 37.9 m', () => {
    expect(sigmaYClass('briggs-rural', 'D', 1000)).toBeCloseTo(76.28, 1)
    expect(sigmaZClass('briggs-rural', 'D', 1000)).toBeCloseTo(37.95, 1)
  })
  it('σ grows with instability at every distance', () => {
    for (const x of [100, 1000, 5000])
      for (let i = 1; i < 6; i++) {
        expect(sigmaYClass('briggs-rural', CLASSES[i], x)).toBeLessThan(sigmaYClass('briggs-rural', CLASSES[i - 1], x))
        expect(sigmaZClass('briggs-rural', CLASSES[i], x)).toBeLessThan(sigmaZClass('briggs-rural', CLASSES[i - 1], x))
      }
  })
})

describe('Pasquill–Gifford curves (Turner 1970 figures 3-2/3-3, read to 2 significant figures)', () => {
  const cases: [StabilityClass, number, number, number][] = [
    // class, x m, σy m, σz m
    ['D', 1000, 68, 32],
    ['D', 3000, 190, 65],
    ['F', 1000, 34, 14],
    ['C', 1000, 100, 61],
    ['E', 1000, 50, 22],
  ]
  for (const [c, x, sy, sz] of cases)
    it(`class ${c} at ${x} m`, () => {
      expect(Math.abs(sigmaYClass('pasquill-gifford', c, x) / sy - 1)).toBeLessThan(0.05)
      expect(Math.abs(sigmaZClass('pasquill-gifford', c, x) / sz - 1)).toBeLessThan(0.05)
    })
})

describe('half classes and σθ', () => {
  it('A-B is the geometric mean of A and B', () => {
    const o = { sy: 0, sz: 0 }
    sigmasAt('briggs-rural', 0.5, 500, o)
    expect(o.sy).toBeCloseTo(
      Math.sqrt(sigmaYClass('briggs-rural', 'A', 500) * sigmaYClass('briggs-rural', 'B', 500)),
      6,
    )
  })
  it('Draxler σy tends to σθ·x near the source and falls below it with travel time', () => {
    const st = (10 * Math.PI) / 180
    expect(sigmaYFromSigmaTheta(st, 0.1, 5) / (st * 0.1)).toBeGreaterThan(0.98)
    expect(sigmaYFromSigmaTheta(st, 1000, 5) / (st * 1000)).toBeLessThan(0.5)
  })
})
