import { describe, it, expect } from 'vitest'
import { SUBSTANCES, SOURCES } from '@sim/dispersion/substances/table'
import {
  findSubstance,
  vapourPressure,
  defaultLevelsOfConcern,
  ppmToMgM3,
  aeglMgM3,
} from '@sim/dispersion/substances/properties'

describe('substance table', () => {
  it('has at least 15 substances, each with every source named', () => {
    expect(SUBSTANCES.length).toBeGreaterThanOrEqual(15)
    for (const s of SUBSTANCES) for (const k of Object.values(s.src)) expect(SOURCES[k]).toBeTruthy()
  })
  it('resolves names, formulas, Chinese names and CAS numbers', () => {
    for (const n of ['NH3', 'ammonia', 'Ammonia', '7664-41-7', '液氨']) expect(findSubstance(n)?.id).toBe('ammonia')
    for (const n of ['Cl2', 'chlorine', '7782-50-5', '氯气']) expect(findSubstance(n)?.id).toBe('chlorine')
    expect(findSubstance('LPG')?.id).toBe('propane')
    expect(findSubstance('hydrogen sulfide')?.id).toBe('hydrogen-sulfide')
    expect(findSubstance('unobtainium')).toBeUndefined()
  })
  it('every vapour-pressure curve passes through 1 atm at the normal boiling point (±6 %)', () => {
    for (const s of SUBSTANCES) {
      const p = vapourPressure(s, s.boilingPointK)
      expect(Math.abs(p / 101325 - 1), s.id).toBeLessThan(0.06)
      expect(vapourPressure(s, s.boilingPointK + 10)).toBeGreaterThan(p)
    }
  })
  it('AEGLs are ordered (tier 1 < 2 < 3) and do not increase with duration', () => {
    for (const s of SUBSTANCES) {
      for (const d of [0, 1, 2]) {
        const t = [s.aegl1?.[d], s.aegl2?.[d], s.aegl3?.[d]].filter((v): v is number => typeof v === 'number')
        for (let i = 1; i < t.length; i++) expect(t[i], s.id).toBeGreaterThan(t[i - 1])
      }
      for (const tier of [s.aegl1, s.aegl2, s.aegl3])
        if (tier)
          for (let d = 1; d < 3; d++)
            if (tier[d] !== null && tier[d - 1] !== null) expect(tier[d]!).toBeLessThanOrEqual(tier[d - 1]!)
    }
  })
  it('ammonia default levels are the 60-min AEGLs: 21, 111, 766 mg/m³ (the issue example)', () => {
    const l = defaultLevelsOfConcern(findSubstance('NH3')!).map((x) => x.mgM3)
    expect(l.map((v) => Math.round(v))).toEqual([21, 111, 766])
    expect(aeglMgM3(findSubstance('Cl2')!, 3, 60)).toBeCloseTo(ppmToMgM3(20, 70.906), 10)
  })
  it('methane has no AEGLs: default levels are 10 % and 60 % of the LEL', () => {
    const l = defaultLevelsOfConcern(findSubstance('methane')!)
    expect(l.map((x) => x.label)).toEqual(['10% LEL', '60% LEL'])
  })
})
