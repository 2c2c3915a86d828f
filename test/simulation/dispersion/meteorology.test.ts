import { describe, it, expect } from 'vitest'
import {
  stabilityFromObukhov,
  stabilityFromTurner,
  obukhovForClass,
  windAt,
  averagingTimeSigmaFactor,
  psiM,
  STABILITY_CLASSES,
  type WindProfile,
} from '@sim/dispersion/meteorology'

describe('stability from Obukhov length and roughness (Golder 1972)', () => {
  it('classifies typical values', () => {
    expect(stabilityFromObukhov(-5, 0.1)).toBe('A')
    expect(stabilityFromObukhov(-15, 0.1)).toBe('B')
    expect(stabilityFromObukhov(-60, 0.1)).toBe('C')
    expect(stabilityFromObukhov(Infinity, 0.1)).toBe('D')
    expect(stabilityFromObukhov(1000, 0.1)).toBe('D')
    expect(stabilityFromObukhov(120, 0.1)).toBe('D')
    expect(stabilityFromObukhov(40, 0.1)).toBe('E')
    expect(stabilityFromObukhov(12, 0.1)).toBe('F')
  })
  it('is the inverse of the class centre line for every roughness', () => {
    for (const z0 of [0.003, 0.01, 0.1, 0.5])
      for (const c of STABILITY_CLASSES) expect(stabilityFromObukhov(obukhovForClass(c, z0), z0)).toBe(c)
  })
  it('rougher ground: the same class has a longer |L| (Golder nomogram; Pasquill 1974 L ∝ z0^0.1…0.3)', () => {
    for (const c of ['A', 'B', 'E', 'F'] as const)
      expect(Math.abs(obukhovForClass(c, 0.5))).toBeGreaterThan(Math.abs(obukhovForClass(c, 0.01)))
  })
})

describe('Turner key', () => {
  it('strong sun, light wind → A; overcast → D; clear night 2–3 m/s → F; night 3–5 m/s cloudy → D', () => {
    expect(stabilityFromTurner({ windSpeed10: 1.5, isDay: true, insolation: 'strong' })).toBe(0)
    expect(stabilityFromTurner({ windSpeed10: 4, isDay: true, cloudCover: 1 })).toBe(3)
    expect(stabilityFromTurner({ windSpeed10: 2.5, isDay: false, cloudCover: 0.1 })).toBe(5)
    expect(stabilityFromTurner({ windSpeed10: 4, isDay: false, cloudCover: 0.6 })).toBe(3)
    expect(stabilityFromTurner({ windSpeed10: 2.5, isDay: true, solarRadiationWm2: 800 })).toBe(1)
  })
  it('half classes: moderate sun at < 2 m/s is A-B', () => {
    expect(stabilityFromTurner({ windSpeed10: 1, isDay: true, insolation: 'moderate' })).toBe(0.5)
  })
})

describe('wind profile', () => {
  const base: WindProfile = { uRef: 5, zRef: 10, kind: 'power', z0: 0.1, obukhov: Infinity, p: 0.15 }
  it('returns the measured speed at the measurement height', () => {
    expect(windAt(base, 10)).toBeCloseTo(5, 10)
    expect(windAt({ ...base, kind: 'similarity' }, 10)).toBeCloseTo(5, 10)
    expect(windAt({ ...base, kind: 'similarity', obukhov: 30 }, 10)).toBeCloseTo(5, 10)
  })
  it('power law: u(1 m) = u10·0.1^p', () => {
    expect(windAt(base, 1)).toBeCloseTo(5 * 0.1 ** 0.15, 10)
  })
  it('neutral similarity is the log law', () => {
    expect(windAt({ ...base, kind: 'similarity' }, 2)).toBeCloseTo((5 * Math.log(2 / 0.1)) / Math.log(100), 10)
  })
  it('stable air shears more than neutral below the reference height', () => {
    const stable = windAt({ ...base, kind: 'similarity', obukhov: 20 }, 1)
    const neutral = windAt({ ...base, kind: 'similarity' }, 1)
    expect(stable).toBeLessThan(neutral)
  })
  it('ψm: zero when neutral, positive unstable, negative stable (≈ −5ζ for small ζ)', () => {
    expect(psiM(0)).toBe(0)
    expect(psiM(-1)).toBeGreaterThan(0)
    expect(psiM(0.01)).toBeCloseTo(-0.05, 2)
  })
})

describe('averaging time', () => {
  it('σy factor is (t/600)^0.2', () => {
    expect(averagingTimeSigmaFactor(600)).toBe(1)
    expect(averagingTimeSigmaFactor(3600)).toBeCloseTo(6 ** 0.2, 10)
  })
})
