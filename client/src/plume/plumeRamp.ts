/**
 * Colour of the ground heatmap by concentration relative to the substance's levels of concern:
 * transparent below a tenth of the lowest level, fading in to yellow at level 1 (AEGL-1), orange
 * at level 2, red at level 3 and purple at ten times the highest level. The field arrives as one
 * byte per cell (log scale, plumeWire.ts), so the whole ramp is a 256-entry RGBA table built
 * once per set of levels; a texture update is then one table look-up per cell.
 */
import { dequantise } from '@sim/twin/plumeWire'

export type Rgba = [number, number, number, number]

/** Ramp stops (sRGB 0–255, alpha 0–255). The same hues as the zone outlines. */
export const PLUME_COLORS = {
  level1: [255, 214, 0, 150] as Rgba,
  level2: [255, 140, 0, 175] as Rgba,
  level3: [255, 40, 40, 200] as Rgba,
  extreme: [190, 60, 255, 215] as Rgba,
} as const

/** Zone outline colours by level index (0 = AEGL-1 / the lowest level). */
export const ZONE_LINE_COLORS = ['#ffd600', '#ff8c00', '#ff2828'] as const

const lerp = (a: number, b: number, f: number) => a + (b - a) * f

function mix(a: Rgba, b: Rgba, f: number, out: Rgba): Rgba {
  for (let k = 0; k < 4; k++) out[k] = Math.round(lerp(a[k], b[k], f))
  return out
}

/** Fraction of the way from lo to hi on a log scale, clamped to 0…1. */
function logFraction(c: number, lo: number, hi: number): number {
  if (c <= lo) return 0
  if (c >= hi) return 1
  return Math.log(c / lo) / Math.log(hi / lo)
}

/**
 * Colour of a concentration (mg/m³) given the levels of concern (ascending, 1 to 3 of them).
 * With fewer than three levels the missing ones are spread a decade apart above the last.
 */
export function plumeColor(c: number, levels: readonly number[], out: Rgba = [0, 0, 0, 0]): Rgba {
  const l1 = levels[0] ?? 1
  const l2 = levels[1] ?? l1 * 10
  const l3 = levels[2] ?? l2 * 10
  const floor = l1 / 10
  const top = l3 * 10
  if (c < l1) {
    // Below level 1: the level-1 hue fading in from nothing at a tenth of the level.
    mix(PLUME_COLORS.level1, PLUME_COLORS.level1, 0, out)
    out[3] = c > floor ? Math.round(PLUME_COLORS.level1[3] * logFraction(c, floor, l1)) : 0
    return out
  }
  if (c < l2) return mix(PLUME_COLORS.level1, PLUME_COLORS.level2, logFraction(c, l1, l2), out)
  if (c < l3) return mix(PLUME_COLORS.level2, PLUME_COLORS.level3, logFraction(c, l2, l3), out)
  return mix(PLUME_COLORS.level3, PLUME_COLORS.extreme, logFraction(c, l3, top), out)
}

/** The 256-entry RGBA table for quantised bytes (entry 0 = no gas = transparent). */
export function buildPlumeLut(levels: readonly number[], out: Uint8Array = new Uint8Array(256 * 4)): Uint8Array {
  const rgba: Rgba = [0, 0, 0, 0]
  for (let q = 0; q < 256; q++) {
    plumeColor(q === 0 ? 0 : dequantise(q), levels, rgba)
    out.set(rgba, q * 4)
  }
  return out
}

/** Write the RGBA texels of a quantised field through the table (allocation-free). */
export function colorizeField(field: Uint8Array, lut: Uint8Array, out: Uint8Array): number {
  let lit = 0
  for (let i = 0, o = 0; i < field.length; i++, o += 4) {
    const k = field[i] * 4
    out[o] = lut[k]
    out[o + 1] = lut[k + 1]
    out[o + 2] = lut[k + 2]
    out[o + 3] = lut[k + 3]
    if (lut[k + 3] > 0) lit++
  }
  return lit
}
