/**
 * Dispersion coefficients σy(x), σz(x) for a continuous plume, x = downwind distance in metres.
 *
 * Sets:
 * - 'briggs-rural' and 'briggs-urban': Briggs (1973) formulae as tabulated by Gifford (1976),
 *   "Turbulent diffusion-typing schemes: a review", Nucl. Saf. 17:68–86, Table 4 (open country and
 *   urban, the latter from the McElroy–Pooler St. Louis data). Fitted for 100 m < x < 10 km.
 * - 'pasquill-gifford': the Pasquill–Gifford curves of Turner's Workbook (1970) in the
 *   analytical form of the EPA ISC3 user's guide (EPA-454/B-95-003b, Vol. II, eqs. 1-34/1-35 and
 *   table 1-1). Base averaging time ~10 min.
 */
import type { StabilityClass } from './meteorology'

export type SigmaSet = 'briggs-rural' | 'briggs-urban' | 'pasquill-gifford'
export const SIGMA_SETS: readonly SigmaSet[] = ['briggs-rural', 'briggs-urban', 'pasquill-gifford']

/** σ = c·x·(1 + d·x)^e for each class: [c, d, e]. */
export type BriggsTerm = readonly [number, number, number]

export const BRIGGS_RURAL: Record<StabilityClass, { y: BriggsTerm; z: BriggsTerm }> = {
  A: { y: [0.22, 0.0001, -0.5], z: [0.2, 0, 1] },
  B: { y: [0.16, 0.0001, -0.5], z: [0.12, 0, 1] },
  C: { y: [0.11, 0.0001, -0.5], z: [0.08, 0.0002, -0.5] },
  D: { y: [0.08, 0.0001, -0.5], z: [0.06, 0.0015, -0.5] },
  E: { y: [0.06, 0.0001, -0.5], z: [0.03, 0.0003, -1] },
  F: { y: [0.04, 0.0001, -0.5], z: [0.016, 0.0003, -1] },
}

/** Urban set: A and B share the "A–B" row, E and F the "E–F" row (McElroy–Pooler). */
export const BRIGGS_URBAN: Record<StabilityClass, { y: BriggsTerm; z: BriggsTerm }> = {
  A: { y: [0.32, 0.0004, -0.5], z: [0.24, 0.001, 0.5] },
  B: { y: [0.32, 0.0004, -0.5], z: [0.24, 0.001, 0.5] },
  C: { y: [0.22, 0.0004, -0.5], z: [0.2, 0, 1] },
  D: { y: [0.16, 0.0004, -0.5], z: [0.14, 0.0003, -0.5] },
  E: { y: [0.11, 0.0004, -0.5], z: [0.08, 0.0015, -0.5] },
  F: { y: [0.11, 0.0004, -0.5], z: [0.08, 0.0015, -0.5] },
}

function briggs(t: BriggsTerm, x: number): number {
  return t[0] * x * Math.pow(1 + t[1] * x, t[2])
}

/** ISC3 σy: σy = 465.11628·x[km]·tan(TH), TH = 0.017453293·(c − d·ln x[km]). [c, d] per class. */
export const PG_SIGMA_Y: Record<StabilityClass, readonly [number, number]> = {
  A: [24.167, 2.5334],
  B: [18.333, 1.8096],
  C: [12.5, 1.0857],
  D: [8.333, 0.72382],
  E: [6.25, 0.54287],
  F: [4.1667, 0.36191],
}

/** ISC3 σz = a·x[km]^b on distance ranges: [upper bound km, a, b]; σz capped at 5000 m. */
export const PG_SIGMA_Z: Record<StabilityClass, readonly (readonly [number, number, number])[]> = {
  A: [
    [0.1, 122.8, 0.9447],
    [0.15, 158.08, 1.0542],
    [0.2, 170.22, 1.0932],
    [0.25, 179.52, 1.1262],
    [0.3, 217.41, 1.2644],
    [0.4, 258.89, 1.4094],
    [0.5, 346.75, 1.7283],
    [Infinity, 453.85, 2.1166],
  ],
  B: [
    [0.2, 90.673, 0.93198],
    [0.4, 98.483, 0.98332],
    [Infinity, 109.3, 1.0971],
  ],
  C: [[Infinity, 61.141, 0.91465]],
  D: [
    [0.3, 34.459, 0.86974],
    [1, 32.093, 0.81066],
    [3, 32.093, 0.64403],
    [10, 33.504, 0.60486],
    [30, 36.65, 0.56589],
    [Infinity, 44.053, 0.51179],
  ],
  E: [
    [0.1, 24.26, 0.8366],
    [0.3, 23.331, 0.81956],
    [1, 21.628, 0.7566],
    [2, 21.628, 0.63077],
    [4, 22.534, 0.57154],
    [10, 24.703, 0.50527],
    [20, 26.97, 0.46713],
    [40, 35.42, 0.37615],
    [Infinity, 47.618, 0.29592],
  ],
  F: [
    [0.2, 15.209, 0.81558],
    [0.7, 14.457, 0.78407],
    [1, 13.953, 0.68465],
    [2, 13.953, 0.63227],
    [3, 14.823, 0.54503],
    [7, 16.187, 0.4649],
    [15, 17.836, 0.41507],
    [30, 22.651, 0.32681],
    [60, 27.074, 0.27436],
    [Infinity, 34.219, 0.21716],
  ],
}

function pgSigmaY(c: StabilityClass, x: number): number {
  const xk = x / 1000
  const [cc, d] = PG_SIGMA_Y[c]
  const th = 0.017453293 * (cc - d * Math.log(xk))
  return 465.11628 * xk * Math.tan(th)
}

function pgSigmaZ(c: StabilityClass, x: number): number {
  const xk = x / 1000
  for (const [upper, a, b] of PG_SIGMA_Z[c]) {
    if (xk <= upper) return Math.min(5000, a * Math.pow(xk, b))
  }
  return 5000
}

/** σy of one pure class, m. */
export function sigmaYClass(set: SigmaSet, c: StabilityClass, x: number): number {
  if (set === 'pasquill-gifford') return pgSigmaY(c, x)
  return briggs((set === 'briggs-urban' ? BRIGGS_URBAN : BRIGGS_RURAL)[c].y, x)
}

/** σz of one pure class, m. */
export function sigmaZClass(set: SigmaSet, c: StabilityClass, x: number): number {
  if (set === 'pasquill-gifford') return pgSigmaZ(c, x)
  return briggs((set === 'briggs-urban' ? BRIGGS_URBAN : BRIGGS_RURAL)[c].z, x)
}

const CLASSES: readonly StabilityClass[] = ['A', 'B', 'C', 'D', 'E', 'F']

/**
 * σy and σz for a (possibly fractional) stability index, written into `out` to avoid
 * allocation. Half classes are the geometric mean of the neighbours (Turner: "A–B" is between A and B).
 */
export function sigmasAt(set: SigmaSet, index: number, x: number, out: { sy: number; sz: number }): void {
  const lo = Math.max(0, Math.min(5, Math.floor(index)))
  const hi = Math.max(0, Math.min(5, Math.ceil(index)))
  const f = index - lo
  if (lo === hi || f === 0) {
    out.sy = sigmaYClass(set, CLASSES[lo], x)
    out.sz = sigmaZClass(set, CLASSES[lo], x)
    return
  }
  const yl = sigmaYClass(set, CLASSES[lo], x)
  const yh = sigmaYClass(set, CLASSES[hi], x)
  const zl = sigmaZClass(set, CLASSES[lo], x)
  const zh = sigmaZClass(set, CLASSES[hi], x)
  out.sy = Math.exp((1 - f) * Math.log(yl) + f * Math.log(yh))
  out.sz = Math.exp((1 - f) * Math.log(zl) + f * Math.log(zh))
}

/**
 * Lateral spread from the measured standard deviation of wind direction (Draxler 1976, adopted
 * in Irwin 1983 and Hanna, Briggs & Hosker 1982 "Handbook on Atmospheric Diffusion" §4):
 * σy = σθ·x·fy(t), fy = 1 / (1 + 0.9·√(t/Ti)), t = x/u travel time, Ti = 50 s for
 * near-surface releases. σθ must be measured over the averaging time of interest.
 * @param sigmaThetaRad σθ, radians
 * @param x downwind distance, m
 * @param u transport speed, m/s
 */
export function sigmaYFromSigmaTheta(sigmaThetaRad: number, x: number, u: number, ti = 50): number {
  const t = x / Math.max(u, 0.1)
  return (sigmaThetaRad * x) / (1 + 0.9 * Math.sqrt(t / ti))
}
