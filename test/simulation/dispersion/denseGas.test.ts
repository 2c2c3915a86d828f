import { describe, it, expect } from 'vitest'
import { britterMcQuaid, denseCentreline, DENSE_RI_THRESHOLD } from '@sim/dispersion/denseGas'
import { gasDensity } from '@sim/dispersion/substances/properties'
import { runCase, type CaseResult } from '@sim/dispersion/runCase'
import { baseCase } from './helpers'

const T = 298.15
const rhoA = gasDensity(28.964, T)

describe('dense-gas switch (Britter–McQuaid Richardson criterion)', () => {
  it('a 5 kg/s chlorine release in 3 m/s wind is dense', () => {
    const bm = britterMcQuaid({ qKgS: 5, rho0: gasDensity(70.906, T), rhoA, t0K: T, tAirK: T, u10: 3 })
    expect(bm.richardson).toBeGreaterThan(DENSE_RI_THRESHOLD)
    expect(bm.isDense).toBe(true)
  })
  it('lighter-than-air gas is never dense', () => {
    const bm = britterMcQuaid({ qKgS: 5, rho0: gasDensity(16.04, T), rhoA, t0K: T, tAirK: T, u10: 3 })
    expect(bm.isDense).toBe(false)
  })
  it('the criterion falls with wind speed and rises with release rate', () => {
    const ri = (q: number, u: number) =>
      britterMcQuaid({ qKgS: q, rho0: gasDensity(70.906, T), rhoA, t0K: T, tAirK: T, u10: u }).richardson
    expect(ri(1, 10)).toBeLessThan(ri(1, 2))
    expect(ri(10, 3)).toBeGreaterThan(ri(0.1, 3))
  })
  it('centre-line concentration is continuous at x/D = 30 and decreases along the plume', () => {
    const bm = britterMcQuaid({ qKgS: 5, rho0: gasDensity(70.906, T), rhoA, t0K: T, tAirK: T, u10: 3 })
    const x30 = 30 * bm.lengthScaleD
    expect(denseCentreline(bm, x30 * 1.0001) / denseCentreline(bm, x30 * 0.9999)).toBeCloseTo(1, 2)
    let prev = Infinity
    for (let x = 1; x <= bm.xEnd; x *= 1.2) {
      const c = denseCentreline(bm, x)
      expect(c).toBeLessThanOrEqual(prev)
      prev = c
    }
    // At the end of the correlations C/C0 = 0.002.
    expect(denseCentreline(bm, bm.xEnd) / bm.c0MgM3).toBeCloseTo(0.002, 5)
  })
  it('the CLI switches to Britter–McQuaid for chlorine and stays Gaussian for methane', () => {
    const cl = runCase(
      baseCase({ substance: 'chlorine', source: { kind: 'continuous', rate_kg_s: 5, height_m: 0 } }),
    ) as CaseResult
    expect(cl.model).toMatch(/britter-mcquaid/)
    expect(cl.details.dense_gas).not.toBeNull()
    const ch4 = runCase(
      baseCase({ substance: 'methane', source: { kind: 'continuous', rate_kg_s: 5, height_m: 0 } }),
    ) as CaseResult
    expect(ch4.model).toMatch(/^gaussian plume/)
    const off = runCase(
      baseCase({ substance: 'chlorine', dense_gas: 'off', source: { kind: 'continuous', rate_kg_s: 5, height_m: 0 } }),
    ) as CaseResult
    expect(off.model).toMatch(/^gaussian plume/)
  })
  it('the passive continuation joins the dense plume without a jump', () => {
    const r = runCase(
      baseCase({ substance: 'chlorine', source: { kind: 'continuous', rate_kg_s: 5, height_m: 0 }, receptors: [] }),
    ) as CaseResult
    const xEnd = r.details.dense_gas!.x_end_m
    const rad = (45 * Math.PI) / 180
    const at = (x: number) => ({ east_m: -x * Math.sin(rad), north_m: -x * Math.cos(rad), height_m: 0 })
    const r2 = runCase(
      baseCase({
        substance: 'chlorine',
        source: { kind: 'continuous', rate_kg_s: 5, height_m: 0 },
        receptors: [at(xEnd * 0.999), at(xEnd * 1.001)],
      }),
    ) as CaseResult
    const [a, b] = r2.concentrations_mg_m3
    expect(b / a).toBeGreaterThan(0.95)
    expect(b / a).toBeLessThan(1.05)
  })
})
