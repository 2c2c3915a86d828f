import { describe, it, expect } from 'vitest'
import { gaussianPlume, plumeSlice, transportSpeed, verticalFactor } from '@sim/dispersion/gaussianPlume'
import { windAt } from '@sim/dispersion/meteorology'
import { plumeParams } from './helpers'

/** ∫∫ u(z)·C dy dz over y ∈ ℝ, z ∈ [0, top] by the midpoint rule, kg/s (C in mg/m³). */
function flux(p: ReturnType<typeof plumeParams>, q: number, x: number, top: number): number {
  const sl = plumeSlice(p, x, { sy: 0, sz: 0, u: 0 })
  const ny = 400
  const nz = 800
  const ymax = 8 * sl.sy
  const zmax = Math.min(top, p.heightM + 8 * sl.sz)
  const dy = (2 * ymax) / ny
  const dz = zmax / nz
  let f = 0
  for (let k = 0; k < nz; k++) {
    const z = (k + 0.5) * dz
    const u = p.wind.kind === 'none' ? sl.u : windAt(p.wind, z)
    let row = 0
    for (let j = 0; j < ny; j++) row += gaussianPlume(p, q, x, -ymax + (j + 0.5) * dy, z)
    f += u * row * dy * dz
  }
  return f / 1e6
}

describe('Turner (1970) Workbook, chapter 3 problem 1', () => {
  it('3 g/s ground source, overcast night (D), 7 m/s, 3 km downwind → 1.1e-5 g/m³', () => {
    const p = plumeParams({ sigmaSet: 'pasquill-gifford', stabilityIndex: 3, wind: { ...plumeParams().wind, uRef: 7 } })
    const gPerM3 = gaussianPlume(p, 0.003, 3000, 0, 0) / 1000
    expect(Number(gPerM3.toPrecision(2))).toBe(1.1e-5)
  })
})

describe('mass conservation: crosswind-integrated flux × wind = emission rate (within 1 %)', () => {
  for (const [label, over] of [
    ['uniform wind, ground source, D', {}],
    ['uniform wind, 20 m source, B', { heightM: 20, stabilityIndex: 1 }],
    ['mixing lid 150 m, source 30 m, C', { heightM: 30, stabilityIndex: 2, mixingHeightM: 150 }],
    [
      'log-law sheared wind, 1 m source, neutral',
      { heightM: 1, wind: { uRef: 4, zRef: 10, kind: 'similarity', z0: 0.05, obukhov: Infinity, p: 0.15 } },
    ],
    [
      'stable similarity profile, F, 0.5 m source',
      {
        heightM: 0.5,
        stabilityIndex: 5,
        wind: { uRef: 2, zRef: 2, kind: 'similarity', z0: 0.01, obukhov: 15, p: 0.55 },
      },
    ],
  ] as const)
    it(label, () => {
      const p = plumeParams(over as never)
      for (const x of [50, 400, 2000]) {
        const f = flux(p, 1, x, p.mixingHeightM ?? Infinity)
        expect(Math.abs(f - 1)).toBeLessThan(0.01)
      }
    })
})

describe('symmetry and limits', () => {
  const p = plumeParams({ heightM: 2 })
  it('is symmetric in y and zero upwind', () => {
    for (const y of [5, 30, 100])
      expect(gaussianPlume(p, 1, 500, y, 1.5)).toBeCloseTo(gaussianPlume(p, 1, 500, -y, 1.5), 12)
    expect(gaussianPlume(p, 1, -10, 0, 0)).toBe(0)
  })
  it('ground-level centre line decreases monotonically with distance for a ground source', () => {
    const g = plumeParams()
    let prev = Infinity
    for (let x = 10; x < 20000; x *= 1.3) {
      const c = gaussianPlume(g, 1, x, 0, 0)
      expect(c).toBeLessThan(prev)
      prev = c
    }
    expect(prev).toBeLessThan(1e-3 * gaussianPlume(g, 1, 100, 0, 0))
  })
  it('far downwind under a lid the plume becomes uniformly mixed: C = Q/(√(2π) u σy zi)', () => {
    const q = plumeParams({ mixingHeightM: 200, stabilityIndex: 1, heightM: 10 })
    const x = 20000
    const sl = plumeSlice(q, x, { sy: 0, sz: 0, u: 0 })
    const expected = 1e6 / (Math.sqrt(2 * Math.PI) * sl.u * sl.sy * 200)
    expect(gaussianPlume(q, 1, x, 0, 50) / expected).toBeCloseTo(1, 3)
  })
  it('the image series equals the well-mixed limit where they meet (σz = 1.6 zi)', () => {
    const zi = 100
    const sz = 1.6 * zi * 0.999
    const series = verticalFactor(20, 10, sz, zi)
    const mixed = (Math.sqrt(2 * Math.PI) * sz) / zi
    expect(Math.abs(series / mixed - 1)).toBeLessThan(0.01)
  })
  it('near the source an elevated plume has not reached the ground', () => {
    const e = plumeParams({ heightM: 50 })
    expect(gaussianPlume(e, 1, 20, 0, 0)).toBeLessThan(1e-20)
  })
  it('transport speed tends to the wind at release height when σz ≪ h', () => {
    const w = { uRef: 5, zRef: 10, kind: 'power' as const, z0: 0.1, obukhov: Infinity, p: 0.25 }
    const e = plumeParams({ heightM: 60, wind: w })
    expect(transportSpeed(e, 0.5) / windAt(w, 60)).toBeCloseTo(1, 3)
  })
})
