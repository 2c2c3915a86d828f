/**
 * Concentration versus time and dose at a point, for a plume scenario in steady weather
 * (retarded-time model of transient.ts). C(t) is the mean over each output step; the dose is
 * ∫C dt and, when an exponent n is given, the toxic load ∫Cⁿ dt (ten Berge et al. 1986).
 */
import { kernelAt, toPlumeFrame, type AmpOut, type Scenario } from './scenario'
import { averagedArrivingRate } from './transient'

export interface TimeSeries {
  /** step end times, s since release start */
  tS: number[]
  /** mean concentration over each step, mg/m³ */
  cMgM3: number[]
  /** ∫C dt, mg·min/m³ */
  doseMgMinM3: number
  /** ∫Cⁿ dt in (mg/m³)ⁿ·min, when n is given */
  toxicLoad: number | null
  /** first time the concentration exceeds 1 % of its peak, s (null = never) */
  arrivalS: number | null
  peakMgM3: number
}

const _k: AmpOut = { sy: 0, u: 0, kernel: 0 }

/**
 * @param dtS output step, s
 * @param endS last time, s (default: release end + travel time + 3 steps, or 1 h for a steady release)
 * @param n toxic-load exponent (optional)
 */
export function receptorTimeSeries(
  s: Scenario,
  east: number,
  north: number,
  z: number,
  dtS: number,
  endS: number | null = null,
  n: number | null = null,
): TimeSeries {
  const { x, y } = toPlumeFrame(s, east, north)
  const out: TimeSeries = {
    tS: [],
    cMgM3: [],
    doseMgMinM3: 0,
    toxicLoad: n === null ? null : 0,
    arrivalS: null,
    peakMgM3: 0,
  }
  if (x <= 0) return out
  kernelAt(s, x, z, _k)
  const k = _k.kernel * Math.exp((-y * y) / (2 * _k.sy * _k.sy))
  const travel = x / _k.u
  const sigT = _k.sy / _k.u
  const h = s.release
  const relEnd = h.rates.length ? h.times[h.rates.length] : 0
  const end = endS ?? (Number.isFinite(relEnd) ? relEnd : 3600) + travel + 4 * sigT + 3 * dtS
  const steps = Math.min(20000, Math.ceil(end / dtS))
  for (let i = 1; i <= steps; i++) {
    const t = i * dtS
    const c = Math.min(k * averagedArrivingRate(h, travel, sigT, dtS, t), s.capMgM3)
    out.tS.push(t)
    out.cMgM3.push(c)
    out.doseMgMinM3 += (c * dtS) / 60
    if (out.toxicLoad !== null && n !== null) out.toxicLoad += (Math.pow(c, n) * dtS) / 60
    out.peakMgM3 = Math.max(out.peakMgM3, c)
  }
  for (let i = 0; i < out.cMgM3.length; i++)
    if (out.cMgM3[i] > 0.01 * out.peakMgM3) {
      out.arrivalS = out.tS[i] - dtS
      break
    }
  return out
}
