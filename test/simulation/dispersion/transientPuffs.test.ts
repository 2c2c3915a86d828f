import { describe, it, expect } from 'vitest'
import { runCase, type CaseResult } from '@sim/dispersion/runCase'
import { parseCase } from '@sim/dispersion/caseInput'
import { resolveScenario, concentrationAt, kernelAt } from '@sim/dispersion/scenario'
import { receptorTimeSeries } from '@sim/dispersion/dose'
import { createPuffState, releasePuff, advancePuffs, puffConcentration } from '@sim/dispersion/puffs'
import { gaussianPlume } from '@sim/dispersion/gaussianPlume'
import { baseCase, plumeParams } from './helpers'

const down = (x: number) => ({ east_m: -x * Math.SQRT1_2, north_m: -x * Math.SQRT1_2, height_m: 1.5 })

function scenario(over: Record<string, unknown>) {
  const p = parseCase(baseCase(over))
  if (!p.ok) throw new Error(p.error)
  return resolveScenario(p.value)
}

describe('finite and time-varying releases (retarded-time plume)', () => {
  it('a long release gives the steady plume near the source', () => {
    const steady = runCase(
      baseCase({ source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1 }, receptors: [down(200)] }),
    ) as CaseResult
    const long = runCase(
      baseCase({
        source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1, duration_s: 7200 },
        receptors: [down(200)],
      }),
    ) as CaseResult
    expect(long.concentrations_mg_m3[0] / steady.concentrations_mg_m3[0]).toBeCloseTo(1, 3)
  })
  it('a release shorter than the averaging time is diluted by duration/averaging time', () => {
    const s60 = runCase(
      baseCase({ source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1, duration_s: 60 }, receptors: [down(100)] }),
    ) as CaseResult
    const sInf = runCase(
      baseCase({ source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1 }, receptors: [down(100)] }),
    ) as CaseResult
    // σy differs too (shorter effective averaging), so only bound the ratio around 60/600 · (600/180)^0.2
    const ratio = s60.concentrations_mg_m3[0] / sInf.concentrations_mg_m3[0]
    expect(ratio).toBeGreaterThan(0.08)
    expect(ratio).toBeLessThan(0.2)
  })
  it('dose at a point equals mass × kernel for a puff (time integral of C)', () => {
    const s = scenario({ source: { kind: 'instantaneous', mass_kg: 10, height_m: 1 } })
    const r = down(300)
    const ts = receptorTimeSeries(s, r.east_m, r.north_m, 1.5, 1, 3600)
    const k = kernelAt(s, 300, 1.5, { sy: 0, sz: 0, u: 0, kernel: 0 } as never)
    expect((ts.doseMgMinM3 * 60) / (10 * k.kernel)).toBeCloseTo(1, 3)
    expect(ts.arrivalS).toBeGreaterThan(0)
  })
  it('the time series of a steady release plateaus at the plume value', () => {
    const s = scenario({ source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1 } })
    const r = down(300)
    const ts = receptorTimeSeries(s, r.east_m, r.north_m, 1.5, 10, 3000)
    expect(ts.cMgM3[ts.cMgM3.length - 1] / concentrationAt(s, r.east_m, r.north_m, 1.5)).toBeCloseTo(1, 3)
  })
})

describe('Gaussian puffs', () => {
  it('a chain of puffs in steady wind reproduces the steady plume (within 3 %)', () => {
    const p = plumeParams({ heightM: 2 })
    const st = createPuffState(4000)
    const dt = 1
    const q = 1
    const wind = { speedMs: 5, fromDeg: 270, stabilityIndex: 3, sigmaSet: 'briggs-rural' as const, mixingHeightM: null }
    for (let t = 0; t < 600; t += dt) {
      releasePuff(st, q * dt, 0, 0, 2, 0, 0)
      advancePuffs(st, wind, dt)
    }
    for (const x of [300, 1000]) {
      const cp = puffConcentration(st, x, 0, 1.5, null)
      const cg = gaussianPlume(p, q, x, 0, 1.5)
      expect(Math.abs(cp / cg - 1)).toBeLessThan(0.03)
    }
  })
  it('puffs follow a wind shift', () => {
    const st = createPuffState(10)
    releasePuff(st, 1, 0, 0, 1)
    const w = { speedMs: 4, fromDeg: 270, stabilityIndex: 3, sigmaSet: 'briggs-rural' as const, mixingHeightM: null }
    advancePuffs(st, w, 100)
    advancePuffs(st, { ...w, fromDeg: 180 }, 100)
    expect(st.e[0]).toBeCloseTo(400, 6)
    expect(st.n[0]).toBeCloseTo(400, 6)
    expect(st.dist[0]).toBeCloseTo(800, 6)
  })
  it('puff mass is conserved (volume integral of C = mass)', () => {
    const st = createPuffState(1)
    releasePuff(st, 2, 0, 0, 0)
    advancePuffs(st, { speedMs: 3, fromDeg: 0, stabilityIndex: 2, sigmaSet: 'briggs-rural', mixingHeightM: null }, 200)
    const sy = st.sy[0]
    const sz = st.sz[0]
    let m = 0
    const d = sy / 5
    const dz = sz / 10
    for (let z = dz / 2; z < 6 * sz; z += dz)
      for (let e = -6 * sy; e < 6 * sy; e += d)
        for (let n = st.n[0] - 6 * sy; n < st.n[0] + 6 * sy; n += d)
          m += puffConcentration(st, e + d / 2, n + d / 2, z, null) * d * d * dz
    expect(m / 1e6 / 2).toBeCloseTo(1, 2)
  })
})
