import { describe, expect, it } from 'vitest'
import { categorize, ExposureTracker, gridSampler, triage, type LevelsOfConcern } from '@sim/people'

const T0 = 1_700_000_000_000
// Chlorine's 60-min AEGLs in mg/m³ (0.5, 2, 20 ppm × 70.9 / 24.45).
const CL2: LevelsOfConcern = { aegl1: 1.45, aegl2: 5.8, aegl3: 58 }

describe('exposure and triage', () => {
  it('dose is ∫ c dt for a known c(t) (trapezoid: exact when linear along the walk)', () => {
    // c(e, n) = 2·e mg/m³; the person walks e = 0.5·t m → c(t) = t mg/m³; ∫₀¹²⁰ t dt = 7200 mg·s/m³ = 120 mg·min/m³.
    const tr = new ExposureTracker({ levels: CL2 })
    for (let k = 0; k <= 1200; k++) tr.update(T0 + k * 100, [{ id: 'w', e: 0.5 * (k / 10), n: 0 }], (e) => 2 * e)
    const x = tr.get('w')!
    expect(x.dose_mg_min_m3).toBeCloseTo(120, 9)
    expect(x.peak_mgM3).toBeCloseTo(120, 9)
    expect(x.peakAt).toBe(T0 + 120_000)
    // Time above 58 mg/m³ (AEGL-3): from t = 58 s to 120 s = 62 s; above 5.8: 114.2 s; above 1.45: 118.55 s.
    expect(x.timeAbove_s[2]).toBeCloseTo(62, 6)
    expect(x.timeAbove_s[1]).toBeCloseTo(114.2, 6)
    expect(x.timeAbove_s[0]).toBeCloseTo(118.55, 6)
    expect(x.category).toBe('immediate')
  })

  it('does not integrate across a gap (no fix = unknown, not invented)', () => {
    const tr = new ExposureTracker({ levels: CL2, maxGap_s: 5 })
    tr.update(T0, [{ id: 'a', e: 0, n: 0 }], () => 10)
    tr.update(T0 + 60_000, [{ id: 'a', e: 0, n: 0 }], () => 10) // 60 s gap
    tr.update(T0 + 61_000, [{ id: 'a', e: 0, n: 0 }], () => 10)
    expect(tr.get('a')!.dose_mg_min_m3).toBeCloseTo(10 / 60, 12)
  })

  it('categorises by time above AEGL-k (≥ 10 s) or the AEGL-k hour dose', () => {
    const base = { dose_mg_min_m3: 0, timeAbove_s: [0, 0, 0] as [number, number, number] }
    expect(categorize(base, CL2)).toBe('none')
    expect(categorize({ ...base, timeAbove_s: [9, 0, 0] }, CL2)).toBe('none')
    expect(categorize({ ...base, timeAbove_s: [10, 0, 0] }, CL2)).toBe('minor')
    expect(categorize({ ...base, timeAbove_s: [60, 20, 0] }, CL2)).toBe('delayed')
    expect(categorize({ ...base, timeAbove_s: [60, 60, 12] }, CL2)).toBe('immediate')
    // Long low exposure: 60 min at AEGL-2 = the AEGL-2 hour dose.
    expect(categorize({ dose_mg_min_m3: 5.8 * 60, timeAbove_s: [3600, 0, 0] }, CL2)).toBe('delayed')
    // A substance without AEGL-3 cannot put anyone in 'immediate'.
    expect(categorize({ ...base, timeAbove_s: [60, 60, 60] }, { ...CL2, aegl3: null })).toBe('delayed')
  })

  it('sorts the triage list most exposed first and raises one event per category rise', () => {
    const tr = new ExposureTracker({ levels: CL2 })
    // Four people at fixed distances from a plume axis: c = 100·exp(−n²/200).
    const people = [
      { id: 'far', e: 0, n: 60 },
      { id: 'axis', e: 0, n: 0 },
      { id: 'mid', e: 0, n: 18 },
      { id: 'edge', e: 0, n: 25 },
    ]
    const rises: string[] = []
    for (let k = 0; k <= 600; k++)
      for (const ev of tr.update(T0 + k * 100, people, (_e, n) => 100 * Math.exp((-n * n) / 200)))
        rises.push(`${ev.personId}:${ev.category}`)
    const list = tr.triage()
    expect(list.map((x) => [x.personId, x.category, x.rank])).toEqual([
      ['axis', 'immediate', 1],
      ['mid', 'delayed', 2],
      ['edge', 'minor', 3],
      ['far', 'none', 4],
    ])
    // Constant exposure: every level's 10 s are reached on the same tick, so one event with the top category.
    expect(rises).toEqual(['axis:immediate', 'mid:delayed', 'edge:minor'])
    // Ties break by id, so the order is stable.
    const tied = triage([
      { ...list[3], personId: 'b' },
      { ...list[3], personId: 'a' },
    ])
    expect(tied.map((x) => x.personId)).toEqual(['a', 'b'])
  })

  it('samples a gridded field bilinearly in scene metres', () => {
    // 3 × 2 cells of 10 m, grid origin (−15, −10) m from a source at scene (100, 50); value = i + 10·j.
    const field = Float32Array.from([0, 1, 2, 10, 11, 12])
    const c = gridSampler(field, { originE: -15, originN: -10, cellM: 10, nx: 3, ny: 2 }, 100, 50)
    expect(c(100 - 10, 50 - 5)).toBeCloseTo(0, 6) // centre of cell (0, 0)
    expect(c(100 + 5, 50)).toBeCloseTo(6.5, 6) // between cells (1..2, 0..1)
    expect(c(100 + 500, 50)).toBe(0)
  })
})
