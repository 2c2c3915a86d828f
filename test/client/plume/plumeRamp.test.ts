import { describe, expect, test } from 'vitest'
import { quantiseField } from '@sim/twin/plumeWire'
import { buildPlumeLut, colorizeField, plumeColor, PLUME_COLORS } from '../../../client/src/plume/plumeRamp'
import { writeRingRibbon, ribbonFloats } from '../../../client/src/plume/zoneRibbon'
import { levelsOfSubstance, zoneLevelIndex } from '../../../client/src/plume/plumeBuffer'

const LEVELS = [1.5, 5.8, 58] // chlorine AEGL-1/2/3 60 min, mg/m³

describe('plume colour ramp', () => {
  test('transparent below a tenth of level 1, fading in to yellow at level 1', () => {
    expect(plumeColor(0, LEVELS)[3]).toBe(0)
    expect(plumeColor(0.1, LEVELS)[3]).toBe(0)
    const mid = plumeColor(0.5, LEVELS)
    expect(mid[3]).toBeGreaterThan(0)
    expect(mid[3]).toBeLessThan(PLUME_COLORS.level1[3])
    expect(plumeColor(1.5, LEVELS)).toEqual(PLUME_COLORS.level1)
  })

  test('orange at level 2, red at level 3, purple at ten times level 3', () => {
    expect(plumeColor(5.8, LEVELS)).toEqual(PLUME_COLORS.level2)
    expect(plumeColor(58, LEVELS)).toEqual(PLUME_COLORS.level3)
    expect(plumeColor(580, LEVELS)).toEqual(PLUME_COLORS.extreme)
    expect(plumeColor(1e5, LEVELS)).toEqual(PLUME_COLORS.extreme)
  })

  test('alpha never decreases with concentration', () => {
    let last = -1
    for (let c = 0.01; c < 1e4; c *= 1.3) {
      const a = plumeColor(c, LEVELS)[3]
      expect(a).toBeGreaterThanOrEqual(last)
      last = a
    }
  })

  test('two levels (flammables: 10 % / 60 % LEL) still give a full ramp', () => {
    expect(plumeColor(60, [10, 60])).toEqual(PLUME_COLORS.level2)
    expect(plumeColor(600, [10, 60])).toEqual(PLUME_COLORS.level3)
  })

  test('the lookup table colours a quantised field; byte 0 is transparent', () => {
    const lut = buildPlumeLut(LEVELS)
    expect(lut.length).toBe(1024)
    expect(lut[3]).toBe(0)
    const field = quantiseField(new Float32Array([0, 0.05, 2, 100, 5000]))
    const out = new Uint8Array(field.length * 4)
    const lit = colorizeField(field, lut, out)
    expect(lit).toBe(3)
    expect(out[3]).toBe(0)
    expect(out[4 * 3 + 0]).toBeGreaterThan(200) // 100 mg/m³: red channel high
  })
})

describe('threat-zone ribbons and levels', () => {
  test('a closed square ring becomes two triangles per edge, y = height, z = −north', () => {
    const ring = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0] // repeated first point is dropped
    const out = new Float32Array(ribbonFloats(4))
    const o = writeRingRibbon(ring, 2, 1.5, out, 0)
    expect(o).toBe(ribbonFloats(4))
    for (let i = 1; i < o; i += 3) expect(out[i]).toBe(1.5)
    // First edge runs east along n = 0: its corners sit 1 m either side (z = ∓1).
    expect([out[2], out[5]].sort()).toEqual([-1, 1])
  })

  test('a ring that does not fit is skipped, not half-written', () => {
    const out = new Float32Array(10)
    expect(writeRingRibbon([0, 0, 1, 0, 1, 1], 1, 0, out, 0)).toBe(0)
  })

  test('zone level index by label, else by value', () => {
    const levels = levelsOfSubstance('Cl2')
    expect(levels.map((l) => l.label)).toEqual(['AEGL-1 (60 min)', 'AEGL-2 (60 min)', 'AEGL-3 (60 min)'])
    expect(zoneLevelIndex({ label: 'AEGL-2 (60 min)', level_mg_m3: 0 }, levels)).toBe(1)
    expect(zoneLevelIndex({ label: '?', level_mg_m3: levels[2].mgM3 }, levels)).toBe(2)
  })
})
