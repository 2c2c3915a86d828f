/**
 * Steady Gaussian plume with ground reflection and reflection at the top of the mixing layer.
 *
 *   C(x,y,z) = Q / (2π ū σy σz) · exp(−y²/2σy²) · Σ_k [ e^{−(z−h+2k·zi)²/2σz²} + e^{−(z+h+2k·zi)²/2σz²} ]
 *
 * (Turner 1970 Workbook eq. 3.1 with image sources; Seinfeld & Pandis §18). When σz > 1.6·zi the
 * plume is taken as uniformly mixed below zi: C = Q/(√(2π) ū σy zi) (Turner eq. 5.2).
 *
 * Transport speed ū: the concentration-weighted mean of the wind profile over the plume's own
 * vertical distribution, ū(x) = ∫u(z)c(z)dz / ∫c(z)dz. This is the speed for which the mass flux
 * ∫∫ u(z)·C dy dz equals the emission rate (so the crosswind-integrated flux conserves mass with the
 * sheared wind), and it tends to u(h) — "the wind at release height" — when σz ≪ h.
 */
import { windAt, type WindProfile } from './meteorology'
import { sigmaYFromSigmaTheta, sigmasAt, type SigmaSet } from './sigmas'

export interface PlumeParams {
  /** release (or effective) height, m */
  heightM: number
  sigmaSet: SigmaSet
  /** stability index 0..5 (A..F), fractional for half classes */
  stabilityIndex: number
  wind: WindProfile
  /** mixing height, m; null = unbounded */
  mixingHeightM: number | null
  /** multiplier on σy for the averaging time (1 at the σ set's 10-min base) */
  sigmaYFactor: number
  /** if set, σy comes from σθ (Draxler) instead of the class curves; radians */
  sigmaThetaRad: number | null
  /** initial (source) spread, m: σ² = σ(x)² + σ0² */
  sigmaY0: number
  sigmaZ0: number
  /** floor on the transport speed, m/s (Gaussian models are not valid in calm air) */
  minWindMs: number
}

/** σ and transport speed at one downwind distance. */
export interface PlumeSlice {
  sy: number
  sz: number
  u: number
}

const _s = { sy: 0, sz: 0 }
const N_QUAD = 32

/** Concentration-weighted mean wind over the reflected vertical profile (see file header). */
export function transportSpeed(p: PlumeParams, sz: number): number {
  const w = p.wind
  if (w.kind === 'none') return Math.max(w.uRef, p.minWindMs)
  const h = p.heightM
  const top = p.mixingHeightM ?? Infinity
  const z0 = Math.max(0, h - 5 * sz)
  const z1 = Math.min(top, h + 5 * sz)
  const dz = (z1 - z0) / N_QUAD
  let num = 0
  let den = 0
  const inv = 1 / (2 * sz * sz)
  for (let i = 0; i < N_QUAD; i++) {
    const z = z0 + (i + 0.5) * dz
    const c = Math.exp(-(z - h) * (z - h) * inv) + Math.exp(-(z + h) * (z + h) * inv)
    num += c * windAt(w, z)
    den += c
  }
  const u = den > 0 ? num / den : windAt(w, h)
  return Math.max(u, p.minWindMs)
}

/**
 * σy, σz and ū at downwind distance x (> 0), written into `out`.
 * @param x downwind distance, m
 */
export function plumeSlice(p: PlumeParams, x: number, out: PlumeSlice): PlumeSlice {
  sigmasAt(p.sigmaSet, p.stabilityIndex, x, _s)
  const sz = Math.sqrt(_s.sz * _s.sz + p.sigmaZ0 * p.sigmaZ0)
  const u = transportSpeed(p, sz)
  const syBase = p.sigmaThetaRad !== null ? sigmaYFromSigmaTheta(p.sigmaThetaRad, x, u) : _s.sy * p.sigmaYFactor
  out.sy = Math.sqrt(syBase * syBase + p.sigmaY0 * p.sigmaY0)
  out.sz = sz
  out.u = u
  return out
}

/**
 * Vertical factor Σ images (dimensionless) for receptor height z, release height h, spread σz and
 * mixing height zi. Multiply by 1/(2π ū σy σz).
 */
export function verticalFactor(z: number, h: number, sz: number, zi: number | null): number {
  if (zi === null || !Number.isFinite(zi)) {
    const a = z - h
    const b = z + h
    return Math.exp((-a * a) / (2 * sz * sz)) + Math.exp((-b * b) / (2 * sz * sz))
  }
  if (z > zi || h > zi) return 0
  if (sz > 1.6 * zi) return (Math.sqrt(2 * Math.PI) * sz) / zi
  let v = 0
  const inv = 1 / (2 * sz * sz)
  for (let k = -3; k <= 3; k++) {
    const a = z - h + 2 * k * zi
    const b = z + h + 2 * k * zi
    v += Math.exp(-a * a * inv) + Math.exp(-b * b * inv)
  }
  return v
}

/**
 * Centre-line amplitude A(x, z) in mg/m³ for rate q kg/s: C(x, y, z) = A·exp(−y²/2σy²).
 * Also returns the slice (σ, ū) through `slice`.
 */
export function plumeAmplitude(p: PlumeParams, qKgS: number, x: number, z: number, slice: PlumeSlice): number {
  plumeSlice(p, x, slice)
  const v = verticalFactor(z, p.heightM, slice.sz, p.mixingHeightM)
  return (qKgS * 1e6 * v) / (2 * Math.PI * slice.u * slice.sy * slice.sz)
}

const _slice: PlumeSlice = { sy: 0, sz: 0, u: 0 }

/**
 * Concentration of a steady plume at a receptor, mg/m³.
 * @param qKgS emission rate, kg/s
 * @param x downwind, m (≤ 0 gives 0)
 * @param y crosswind, m
 * @param z receptor height above ground, m
 * @example gaussianPlume(params, 0.5, 300, 0, 1.5)
 */
export function gaussianPlume(p: PlumeParams, qKgS: number, x: number, y: number, z: number): number {
  if (x <= 0) return 0
  const a = plumeAmplitude(p, qKgS, x, z, _slice)
  return a * Math.exp((-y * y) / (2 * _slice.sy * _slice.sy))
}
