/**
 * Meteorology for the dispersion models: Pasquill–Gifford stability (given, from the Obukhov
 * length and roughness, or from wind speed and insolation), the wind profile, and the
 * averaging-time correction.
 *
 * Stability is carried as a continuous *index* 0…5 for A…F so that Turner's half classes
 * ("A–B") can be represented (index 0.5); σ values for a fractional index are interpolated
 * geometrically between the two neighbouring classes (sigmas.ts).
 */

export const STABILITY_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F'] as const
export type StabilityClass = (typeof STABILITY_CLASSES)[number]

export function classToIndex(c: StabilityClass): number {
  return STABILITY_CLASSES.indexOf(c)
}

/** Label of an index: "D", or "A-B" for a half class. */
export function indexToLabel(index: number): string {
  const lo = Math.floor(index)
  const hi = Math.ceil(index)
  return lo === hi ? STABILITY_CLASSES[lo] : `${STABILITY_CLASSES[lo]}-${STABILITY_CLASSES[hi]}`
}

/**
 * Golder (1972) nomogram, as fitted by 1/L = a + b·log10(z0) for the centre line of each class
 * (coefficients as tabulated in Seinfeld & Pandis, Atmospheric Chemistry and Physics, table
 * "Pasquill stability classes and Obukhov length", after Golder 1972). Valid for 0.001 ≤ z0 ≤ 0.5 m.
 */
export const GOLDER_FIT: Record<StabilityClass, { a: number; b: number }> = {
  A: { a: -0.096, b: 0.029 },
  B: { a: -0.037, b: 0.029 },
  C: { a: -0.002, b: 0.018 },
  D: { a: 0, b: 0 },
  E: { a: 0.004, b: -0.018 },
  F: { a: 0.035, b: -0.036 },
}

/**
 * Pasquill class from the Obukhov length and roughness: the class whose Golder centre line is
 * nearest in 1/L (so class boundaries lie half-way between neighbouring lines).
 * @param obukhovM Obukhov length L, m (negative unstable, positive stable, ±∞ neutral)
 * @param z0 roughness length, m
 */
export function stabilityFromObukhov(obukhovM: number, z0: number): StabilityClass {
  // The fit was drawn for roughness between ~1 mm and ~0.5 m; clamp outside so the lines do not cross.
  const logz0 = Math.log10(Math.min(0.5, Math.max(0.001, z0)))
  const invL = Number.isFinite(obukhovM) && obukhovM !== 0 ? 1 / obukhovM : 0
  let best: StabilityClass = 'D'
  let bestD = Infinity
  for (const c of STABILITY_CLASSES) {
    const { a, b } = GOLDER_FIT[c]
    const d = Math.abs(invL - (a + b * logz0))
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best
}

/** Obukhov length at the centre line of a class (inverse of the Golder fit), m; Infinity for D. */
export function obukhovForClass(c: StabilityClass, z0: number): number {
  const logz0 = Math.log10(Math.min(0.5, Math.max(0.001, z0)))
  const { a, b } = GOLDER_FIT[c]
  const inv = a + b * logz0
  return inv === 0 ? Infinity : 1 / inv
}

export type Insolation = 'strong' | 'moderate' | 'slight'

export interface TurnerInput {
  /** wind speed at 10 m, m/s */
  windSpeed10: number
  isDay: boolean
  /** daytime: incoming solar radiation W/m² (EPA SRDT thresholds) or a named insolation */
  solarRadiationWm2?: number | null
  insolation?: Insolation | null
  /** cloud cover as a fraction 0…1 */
  cloudCover?: number | null
}

// Turner (1970) / Pasquill (1961) key, day columns strong/moderate/slight, night thin-overcast
// (≥ 4/8 low cloud) / clear (≤ 3/8). Values are indices; .5 are Turner's half classes.
const DAY_TABLE: readonly (readonly [number, number, number])[] = [
  [0, 0.5, 1], // < 2 m/s
  [0.5, 1, 2], // 2–3
  [1, 1.5, 2], // 3–5
  [2, 2.5, 3], // 5–6
  [2, 3, 3], // ≥ 6
]
const NIGHT_TABLE: readonly (readonly [number, number])[] = [
  [5, 5], // < 2 m/s: Turner leaves it blank; F is the usual conservative fill
  [4, 5], // 2–3
  [3, 4], // 3–5
  [3, 3], // 5–6
  [3, 3], // ≥ 6
]

function windRow(u: number): number {
  return u < 2 ? 0 : u < 3 ? 1 : u < 5 ? 2 : u < 6 ? 3 : 4
}

/**
 * Stability index from wind speed, day/night and insolation or cloud (Turner 1970 key; EPA
 * 2000 "Meteorological Monitoring Guidance for Regulatory Modeling Applications" SRDT
 * thresholds 925/675/175 W/m² when solar radiation is measured). Fully overcast → D.
 */
export function stabilityFromTurner(inp: TurnerInput): number {
  const row = windRow(inp.windSpeed10)
  const cloud = inp.cloudCover ?? null
  if (cloud !== null && cloud >= 0.95) return 3
  if (inp.isDay) {
    let col: 0 | 1 | 2
    if (inp.solarRadiationWm2 != null) {
      const r = inp.solarRadiationWm2
      if (r < 175) return 3
      col = r >= 925 ? 0 : r >= 675 ? 1 : 2
    } else if (inp.insolation) {
      col = inp.insolation === 'strong' ? 0 : inp.insolation === 'moderate' ? 1 : 2
    } else {
      // Without radiation, cloud reduces insolation (Turner: > 5/8 cloud lowers it one step).
      col = cloud === null ? 1 : cloud > 0.625 ? 2 : cloud > 0.3 ? 1 : 0
    }
    return DAY_TABLE[row][col]
  }
  const clear = cloud === null ? true : cloud <= 3 / 8
  return NIGHT_TABLE[row][clear ? 1 : 0]
}

/** Power-law wind-profile exponents p, u(z) = u_r (z/z_r)^p (EPA ISC3 user's guide, Vol. II, table 1-2). */
export const POWER_LAW_P = {
  rural: [0.07, 0.07, 0.1, 0.15, 0.35, 0.55],
  urban: [0.15, 0.15, 0.2, 0.25, 0.3, 0.3],
} as const

/**
 * Integrated stability function ψm for momentum at ζ = z/L: Paulson (1970) for unstable air,
 * Beljaars & Holtslag (1991) for stable air (stays sensible for ζ > 1, where the log-linear
 * −5ζ of Businger–Dyer over-damps the profile).
 */
export function psiM(zOverL: number): number {
  if (!Number.isFinite(zOverL) || zOverL === 0) return 0
  if (zOverL > 0) {
    const a = 1
    const b = 2 / 3
    const c = 5
    const d = 0.35
    return -(a * zOverL + b * (zOverL - c / d) * Math.exp(-d * zOverL) + (b * c) / d)
  }
  const x = Math.pow(1 - 16 * zOverL, 0.25)
  return 2 * Math.log((1 + x) / 2) + Math.log((1 + x * x) / 2) - 2 * Math.atan(x) + Math.PI / 2
}

export interface WindProfile {
  /** measured wind speed, m/s */
  uRef: number
  /** measurement height, m */
  zRef: number
  /** 'similarity' (needs L and z0), 'power' (class exponent) or 'none' (uniform, u = uRef) */
  kind: 'similarity' | 'power' | 'none'
  z0: number
  obukhov: number
  p: number
}

/**
 * Wind speed at height z from the profile. Similarity: u ∝ ln(z/z0) − ψm(z/L) (Monin–Obukhov
 * surface layer). Power: u_r (z/z_r)^p. Heights are floored at 2·z0 (inside the roughness
 * sub-layer the log law does not hold and the speed would go to zero).
 */
export function windAt(w: WindProfile, z: number): number {
  if (w.kind === 'none') return w.uRef
  if (w.kind === 'power') return w.uRef * Math.pow(Math.max(z, 0.5) / w.zRef, w.p)
  const zz = Math.max(z, 2 * w.z0)
  const num = Math.log(zz / w.z0) - psiM(zz / w.obukhov)
  const den = Math.log(w.zRef / w.z0) - psiM(w.zRef / w.obukhov)
  return (w.uRef * Math.max(num, 0.1)) / Math.max(den, 0.1)
}

/** Base averaging time of the Pasquill–Gifford and Briggs σy curves: ~10 min (Turner 1970 Workbook §3). */
export const SIGMA_BASE_AVERAGING_S = 600
/** Exponent of the averaging-time power law (Turner 1970 Workbook §3 "other sampling times": 0.17–0.2; 0.2 used). */
export const AVERAGING_EXPONENT = 0.2

/**
 * Factor applied to σy for an averaging time t: (t / t0)^0.2 so that concentrations scale as
 * (t/t0)^-0.2 (Turner 1970, Gifford 1975). t0 = 600 s is the base of the σ sets used here.
 */
export function averagingTimeSigmaFactor(averagingS: number, baseS = SIGMA_BASE_AVERAGING_S): number {
  return Math.pow(Math.max(averagingS, 1) / baseS, AVERAGING_EXPONENT)
}

/** Typical σθ at the middle of each class's range, degrees (EPA 2000 σθ method, table 6-7). */
export const CLASS_SIGMA_THETA_DEG = [25, 20, 15, 10, 5.6, 2.5] as const
