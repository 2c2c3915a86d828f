/**
 * Finite and time-varying releases in steady weather, without puffs: the "retarded-time plume".
 *
 * A release segment [t_i, t_{i+1}) at rate Q_i reaches distance x after the travel time x/ū and
 * arrives smeared by along-wind dispersion σx (taken equal to σy, as for Gaussian puffs), i.e. by
 * σt = σx/ū in time. The concentration at (x, y, z, t) is the steady-plume kernel per unit rate times
 *   Q̃_x(t) = Σ_i Q_i [Φ((t − t_i − x/ū)/σt) − Φ((t − t_{i+1} − x/ū)/σt)] + M·φ((t − x/ū)/σt)/σt
 * which is exactly what a chain of Gaussian puffs gives in uniform wind (the slender-plume limit).
 * Averaging over a window t_a has a closed form through G(u) = uΦ(u) + φ(u), the antiderivative of Φ.
 */
import type { ReleaseHistory } from './sources'

const SQRT2 = Math.SQRT2
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)

/** Complementary error function (Numerical Recipes erfcc, |ε| < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  return x >= 0 ? r : 2 - r
}

export function erf(x: number): number {
  return 1 - erfc(x)
}

/** Standard normal CDF. */
export function normCdf(u: number): number {
  return 0.5 * erfc(-u / SQRT2)
}

/** ∫_{-∞}^{u} Φ(s) ds = uΦ(u) + φ(u). */
function gInt(u: number): number {
  if (u === Infinity) return Infinity
  if (u === -Infinity) return 0
  return u * normCdf(u) + INV_SQRT_2PI * Math.exp(-0.5 * u * u)
}

/**
 * Emission rate seen at distance x, averaged over the window (t − ta, t], kg/s.
 * @param travelS x/ū, s
 * @param sigmaTS along-wind spread in time, s
 * @param taS averaging time, s
 * @param t observation time since release start, s
 */
export function averagedArrivingRate(
  h: ReleaseHistory,
  travelS: number,
  sigmaTS: number,
  taS: number,
  t: number,
): number {
  const s = Math.max(sigmaTS, 1e-3)
  const ta = Math.max(taS, 1e-3)
  let acc = 0
  // ∫_{t-ta}^{t} Φ((τ − T)/s) dτ = s [G((t − T)/s) − G((t − ta − T)/s)]
  const box = (T: number) => (T === Infinity ? 0 : s * (gInt((t - T) / s) - gInt((t - ta - T) / s)))
  for (let i = 0; i < h.rates.length; i++) {
    const q = h.rates[i]
    if (q === 0) continue
    acc += q * (box(h.times[i] + travelS) - box(h.times[i + 1] + travelS))
  }
  if (h.instantMassKg > 0) acc += h.instantMassKg * (normCdf((t - travelS) / s) - normCdf((t - ta - travelS) / s))
  return acc / ta
}

/** True when the release is one segment from 0 to ∞ (a steady plume: nothing to average). */
export function isSteady(h: ReleaseHistory): boolean {
  return h.instantMassKg === 0 && h.rates.length === 1 && h.times[0] <= 0 && h.times[1] === Infinity
}

/**
 * The largest averaged arriving rate over all times — the rate that multiplies the steady plume
 * kernel for the "maximum t_a-average concentration" at distance x, kg/s.
 */
export function peakAveragedRate(h: ReleaseHistory, travelS: number, sigmaTS: number, taS: number): number {
  if (isSteady(h)) return h.rates[0]
  const nSeg = h.rates.length
  const start = nSeg ? h.times[0] : 0
  const endRaw = nSeg ? h.times[nSeg] : 0
  const end = Number.isFinite(endRaw) ? endRaw : start + 10 * taS + 10 * sigmaTS + 1e5
  const t0 = start + travelS - 4 * sigmaTS
  const t1 = end + travelS + taS + 4 * sigmaTS
  const n = 160
  let best = 0
  let bestT = t0
  for (let i = 0; i <= n; i++) {
    const t = t0 + ((t1 - t0) * i) / n
    const v = averagedArrivingRate(h, travelS, sigmaTS, taS, t)
    if (v > best) {
      best = v
      bestT = t
    }
  }
  // Golden-section refinement around the best sample.
  let a = bestT - (t1 - t0) / n
  let b = bestT + (t1 - t0) / n
  const gr = 0.6180339887
  for (let k = 0; k < 30; k++) {
    const c = b - gr * (b - a)
    const d = a + gr * (b - a)
    if (averagedArrivingRate(h, travelS, sigmaTS, taS, c) > averagedArrivingRate(h, travelS, sigmaTS, taS, d)) b = d
    else a = c
  }
  return Math.max(best, averagedArrivingRate(h, travelS, sigmaTS, taS, (a + b) / 2))
}
