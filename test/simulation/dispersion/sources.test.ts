import { describe, it, expect } from 'vitest'
import { gasOrificeRate, gasHoleRelease, tankDrainRelease, poolEvaporation, totalMass } from '@sim/dispersion/sources'
import { findSubstance, R_GAS } from '@sim/dispersion/substances/properties'

const nh3 = findSubstance('ammonia')!
const cl2 = findSubstance('chlorine')!
const toluene = findSubstance('toluene')!

describe('gas through a hole', () => {
  it('choked above the critical pressure ratio, with the textbook formula', () => {
    const A = (Math.PI * 0.01 ** 2) / 4
    const r = gasOrificeRate(1e6, 300, A, 70.906, 1.33, 1, 101325)
    expect(r.choked).toBe(true)
    const g = 1.33
    const m = 0.070906
    const expected = A * 1e6 * Math.sqrt(((g * m) / (R_GAS * 300)) * (2 / (g + 1)) ** ((g + 1) / (g - 1)))
    expect(r.rateKgS).toBeCloseTo(expected, 10)
    // ≈ 0.28 kg/s of chlorine gas through a 1 cm hole at 10 bar, 300 K (hand calculation)
    expect(r.rateKgS).toBeCloseTo(0.2817, 3)
  })
  it('unchoked below it, continuous at the critical ratio, zero at ambient', () => {
    const A = 1e-4
    const crit = ((1.33 + 1) / 2) ** (1.33 / 0.33) * 101325
    const a = gasOrificeRate(crit * 1.0001, 300, A, 70.906, 1.33, 1)
    const b = gasOrificeRate(crit * 0.9999, 300, A, 70.906, 1.33, 1)
    expect(a.choked).toBe(true)
    expect(b.choked).toBe(false)
    expect(b.rateKgS / a.rateKgS).toBeCloseTo(1, 3)
    expect(gasOrificeRate(101325, 300, A, 70.906, 1.33, 1).rateKgS).toBe(0)
  })
  it('a finite vessel blows down: rate falls and the mass released equals the inventory above ambient', () => {
    const V = 2
    const P = 5e5
    const T = 293
    const h = gasHoleRelease(cl2, {
      pressurePa: P,
      temperatureK: T,
      holeDiameterM: 0.01,
      cd: 0.61,
      vesselVolumeM3: V,
      maxDurationS: 36000,
      pAmbPa: 101325,
    })
    expect(h.rates[0]).toBeGreaterThan(h.rates[h.rates.length - 1])
    const inv = ((P - 101325) * V * 0.070906) / (R_GAS * T)
    expect(Math.abs(totalMass(h) / inv - 1)).toBeLessThan(0.03)
  })
})

describe('liquid draining from a tank', () => {
  const base = {
    tankDiameterM: 2,
    liquidHeightM: 3,
    holeDiameterM: 0.02,
    cd: 0.61,
    headPressurePa: 101325,
    airTemperatureK: 293.15,
    u10: 3,
    ground: 'concrete' as const,
    maxPoolAreaM2: null,
    maxDurationS: 36000,
    pAmbPa: 101325,
  }
  it('initial rate is Torricelli, ṁ = Cd·A·ρ·√(2gh)', () => {
    const h = tankDrainRelease(toluene, { ...base, liquidTemperatureK: 293.15, maxDurationS: 1 })
    // rate into the air is the pool's; check the drain itself through the note
    expect(h.notes[0]).toContain('tank drain')
    const expected = 0.61 * Math.PI * 0.0001 * 866.9 * Math.sqrt(2 * 9.80665 * 3)
    expect(h.notes[0]).toContain(expected.toPrecision(3))
  })
  it('a superheated liquefied gas flashes: ammonia at 20 °C puts vapour + aerosol straight into the air', () => {
    const h = tankDrainRelease(nh3, { ...base, liquidTemperatureK: 293.15, headPressurePa: null, maxDurationS: 600 })
    expect(h.notes.join(' ')).toMatch(/flash fraction 1\d\.\d %/)
    expect(h.rates[0]).toBeGreaterThan(0.5)
  })
  it('mass is conserved: a non-volatile drain empties into the pool and the pool never emits more than it got', () => {
    const inventory = 866.9 * Math.PI * 1 * 3
    const h = tankDrainRelease(toluene, { ...base, liquidTemperatureK: 293.15 })
    expect(totalMass(h)).toBeLessThanOrEqual(inventory * 1.001)
    expect(totalMass(h)).toBeGreaterThan(0)
  })
})

describe('evaporating pool', () => {
  it('a boiling ammonia pool on soil evaporates fast at first and slows as the ground cools (∝ t^-½ at fixed area)', () => {
    const p = poolEvaporation(nh3, {
      spillMassKg: 5000,
      liquidTemperatureK: nh3.boilingPointK,
      airTemperatureK: 293.15,
      u10: 3,
      ground: 'soil',
      maxAreaM2: 100,
      maxDurationS: 3600,
    })
    const r100 = p.rates[99]
    const r400 = p.rates[399]
    expect(r100 / r400).toBeCloseTo(2, 1)
  })
  it('evaporated mass never exceeds the spill', () => {
    const p = poolEvaporation(toluene, {
      spillMassKg: 100,
      liquidTemperatureK: 293.15,
      airTemperatureK: 293.15,
      u10: 5,
      ground: 'concrete',
      maxAreaM2: null,
      maxDurationS: 7200,
    })
    let m = 0
    for (const r of p.rates) m += r
    expect(m).toBeLessThanOrEqual(100 + 1e-9)
    expect(p.maxRadiusM).toBeGreaterThan(1)
  })
  it('Mackay–Matsugu: a toluene pool of ~20 m² in 3 m/s wind evaporates of order 10 g/s', () => {
    const p = poolEvaporation(toluene, {
      spillMassKg: 1e5,
      liquidTemperatureK: 293.15,
      airTemperatureK: 293.15,
      u10: 3,
      ground: 'concrete',
      maxAreaM2: 20,
      maxDurationS: 600,
    })
    expect(p.rates[500]).toBeGreaterThan(0.003)
    expect(p.rates[500]).toBeLessThan(0.05)
  })
})
