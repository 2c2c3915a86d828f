/**
 * Dense-gas continuous plumes: the Britter–McQuaid (1988) workbook correlations, "Workbook on the
 * Dispersion of Dense Gases", HSE contract research report 17/1988, as digitised in the EPA TSCREEN
 * user's guide (EPA-454/B-94-023) and in CCPS "Guidelines for Consequence Analysis of Chemical
 * Releases" (1999) §2.3.2.
 *
 * Switch (a Richardson-number criterion at the source): dense-gas effects matter when
 *   Ri₀ = (g₀′ q₀ / (U³ D))^{1/3} ≥ 0.15,  g₀′ = g(ρ₀ − ρa)/ρa,  D = (q₀/U)^{1/2}
 * with q₀ the volume flow of released gas (m³/s) and U the wind at 10 m.
 *
 * Validity (stated in warnings when violated): ground-level, non-jet releases; flat terrain
 * without obstacles; neutral-ish conditions (the trials behind the curves); correlation
 * parameter α ≤ 1; concentrations C/C₀ ≥ 0.002. The dense phase ends there, or earlier where the
 * criterion evaluated on the diluted plume drops below 0.15 (see `britterMcQuaid`; our extension,
 * not in the workbook); the plume then continues as a passive ground-level Gaussian plume from a
 * virtual source matched to the dense centre-line concentration at that point. For
 * x/D < 30 the near-field correlation C/C₀ = 306(x/D)⁻² / (1 + 306(x/D)⁻²) of the workbook is used.
 * Only the maximum (centre-line, ground) concentration comes from the correlations; the crosswind
 * profile is Gaussian with σy = max(σy passive, 0.8·L_H) where L_H = L_H0 + 2.5·L_B^{1/3}·x^{2/3},
 * L_H0 = D + 8·L_B, L_B = g₀′q₀/U³ (gravity-spread half-width; 0.8 = 2/√(2π) gives the Gaussian the
 * same area as a top-hat of half-width L_H).
 */

export const G = 9.80665
export const DENSE_RI_THRESHOLD = 0.15

/** [C_m/C_0, breakpoints α, log10(x/D) values] — piecewise linear in α, flat below the first breakpoint. */
const BM_CURVES: readonly { c: number; alpha: readonly number[]; beta: readonly number[] }[] = [
  { c: 0.1, alpha: [-0.55, -0.14, 1], beta: [1.75, 1.85, 1.28] },
  { c: 0.05, alpha: [-0.68, -0.29, -0.18, 1], beta: [1.92, 2.06, 2.06, 1.4] },
  { c: 0.02, alpha: [-0.69, -0.31, -0.16, 1], beta: [2.08, 2.25, 2.25, 1.62] },
  { c: 0.01, alpha: [-0.7, -0.29, -0.2, 1], beta: [2.25, 2.45, 2.45, 1.83] },
  { c: 0.005, alpha: [-0.67, -0.28, -0.15, 1], beta: [2.4, 2.63, 2.63, 2.07] },
  { c: 0.002, alpha: [-0.69, -0.25, -0.13, 1], beta: [2.6, 2.77, 2.77, 2.21] },
]

function curveBeta(alpha: readonly number[], beta: readonly number[], a: number): number {
  if (a <= alpha[0]) return beta[0]
  for (let i = 1; i < alpha.length; i++) {
    if (a <= alpha[i]) {
      const f = (a - alpha[i - 1]) / (alpha[i] - alpha[i - 1])
      return beta[i - 1] + f * (beta[i] - beta[i - 1])
    }
  }
  // α > 1: extrapolate the last segment (outside the data; flagged by the caller)
  const n = alpha.length - 1
  const s = (beta[n] - beta[n - 1]) / (alpha[n] - alpha[n - 1])
  return beta[n] + s * (a - alpha[n])
}

export interface DenseGasInput {
  /** mass release rate, kg/s */
  qKgS: number
  /** density of the released gas at release conditions, kg/m³ */
  rho0: number
  /** ambient air density, kg/m³ */
  rhoA: number
  /** release temperature, K */
  t0K: number
  /** ambient temperature, K */
  tAirK: number
  /** wind speed at 10 m, m/s */
  u10: number
  /**
   * mole fraction of the substance in the gas leaving the source (1 = pure vapour; Pv/P for the
   * air–vapour layer over a non-boiling pool). rho0 is then the pure-vapour density.
   */
  moleFraction?: number
}

export interface DensePlume {
  richardson: number
  isDense: boolean
  alpha: number
  /** D = (q0/U)^½, m */
  lengthScaleD: number
  /** L_B = g0′q0/U³, m */
  buoyancyLength: number
  /** end of the dense phase: local criterion below 0.15 or C/C0 = 0.002 (end of the correlations), m */
  xEnd: number
  /** mg/m³ of the pure released gas (C0) */
  c0MgM3: number
  warnings: string[]
  /** log10(x/D) and log10(C/C0) points of the interpolation (ascending x) */
  logX: Float64Array
  logC: Float64Array
  tempCorrection: number
}

/** The Richardson-number switch and the correlation set for one release. */
export function britterMcQuaid(inp: DenseGasInput): DensePlume {
  const warnings: string[] = []
  const xm = Math.min(1, Math.max(1e-6, inp.moleFraction ?? 1))
  // Source mixture: substance concentration c0 = x·ρ_pure, density x·ρ_pure + (1 − x)·ρ_air (isothermal).
  const c0 = xm * inp.rho0
  const rhoMix = c0 + (1 - xm) * inp.rhoA * (inp.tAirK / inp.t0K)
  const q0 = inp.qKgS / c0
  const u = Math.max(inp.u10, 0.5)
  const g0 = (G * (rhoMix - inp.rhoA)) / inp.rhoA
  const D = Math.sqrt(q0 / u)
  const ri = g0 > 0 ? Math.cbrt((g0 * q0) / (u * u * u * D)) : 0
  const alpha = g0 > 0 ? 0.2 * Math.log10((g0 * g0 * q0) / Math.pow(u, 5)) : -Infinity
  if (alpha > 1)
    warnings.push(`dense gas: α = ${alpha.toFixed(2)} > 1 is outside the Britter–McQuaid correlations; extrapolated`)
  // Knots: the near-field correlation at x/D = 30, then the six workbook curves.
  const n = BM_CURVES.length + 1
  const logX = new Float64Array(n)
  const logC = new Float64Array(n)
  logX[0] = Math.log10(30)
  logC[0] = Math.log10(nearField(30))
  for (let i = 0; i < BM_CURVES.length; i++) {
    const cv = BM_CURVES[i]
    logX[i + 1] = Math.max(curveBeta(cv.alpha, cv.beta, alpha), logX[i] + 1e-3)
    logC[i + 1] = Math.log10(cv.c)
  }
  const tc = inp.tAirK / inp.t0K
  // End of the dense phase. The buoyancy flux g′q is conserved as the plume dilutes while its
  // volume flux grows as C0/C, so the same criterion evaluated on the diluted plume,
  // Ri(x) = Ri0·(C/C0)^{1/6}, falls below the threshold at C/C0 = (0.15/Ri0)^6. Beyond that (or
  // beyond the last correlation point, C/C0 = 0.002) the plume is continued as a passive one.
  const cEnd = ri > 0 ? Math.max(0.002, Math.min(1, Math.pow(DENSE_RI_THRESHOLD / ri, 6))) : 1
  let xEndD: number
  if (cEnd >= nearField(30)) xEndD = Math.sqrt((306 * (1 - cEnd)) / cEnd)
  else {
    const lc = Math.log10(cEnd)
    let i = 1
    while (i < n - 1 && lc < logC[i]) i++
    const f = (lc - logC[i - 1]) / (logC[i] - logC[i - 1])
    xEndD = Math.pow(10, logX[i - 1] + f * (logX[i] - logX[i - 1]))
  }
  return {
    richardson: ri,
    isDense: ri >= DENSE_RI_THRESHOLD,
    alpha,
    lengthScaleD: D,
    buoyancyLength: (g0 * q0) / (u * u * u),
    xEnd: D * xEndD,
    c0MgM3: c0 * 1e6,
    warnings,
    logX,
    logC,
    tempCorrection: tc,
  }
}

function nearField(xd: number): number {
  const a = 306 / (xd * xd)
  return a / (1 + a)
}

/** Centre-line ground concentration from the correlations, mg/m³ (x ≤ xEnd). */
export function denseCentreline(p: DensePlume, x: number): number {
  const xd = x / p.lengthScaleD
  let c: number
  if (xd <= 30) c = xd > 0 ? nearField(xd) : 1
  else {
    const lx = Math.log10(xd)
    const n = p.logX.length
    let i = 1
    while (i < n - 1 && lx > p.logX[i]) i++
    const f = (lx - p.logX[i - 1]) / (p.logX[i] - p.logX[i - 1])
    c = Math.pow(10, p.logC[i - 1] + f * (p.logC[i] - p.logC[i - 1]))
  }
  // Non-isothermal correction of the workbook: volume fraction at release temperature → mixture.
  const t = p.tempCorrection
  return (p.c0MgM3 * c * t) / (1 - c + c * t)
}

/** Gravity-spread half-width L_H(x), m. */
export function denseHalfWidth(p: DensePlume, x: number): number {
  const lh0 = p.lengthScaleD + 8 * p.buoyancyLength
  return lh0 + 2.5 * Math.cbrt(p.buoyancyLength) * Math.pow(Math.max(x, 0), 2 / 3)
}
