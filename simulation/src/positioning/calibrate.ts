import { choleskySolve } from './linalg'
import type { Vec3 } from './types'

/**
 * Session self-calibration for batch positioning, bundle-adjustment style: every epoch's position
 * and a few global parameters are solved jointly by robust Gauss–Newton over all ranges,
 *
 *   r = |p_e − a| + b_tag + b_anchor + noise,
 *
 * - b_tag: the common constant range bias of a tag (antenna delay, uncalibrated system offset);
 *   observable at one epoch with enough anchors, and very well determined when pooled.
 * - b_anchor: per-anchor deviation from it, with a zero-mean prior (σ ≈ 0.1 m) that fixes the
 *   gauge b_tag + c, b_anchor − c; observable only through motion, hence the prior.
 * - z_tag: in 2D mode without a given tag height, one height per tag, pooled over the session
 *   (per epoch it is unobservable and mirror-ambiguous; nearly confounded with the bias).
 *
 * The per-epoch positions are eliminated by the Schur complement, so each iteration costs
 * O(epochs · ranges²) plus one small dense solve. Tukey weights with a MAD scale reject NLOS.
 */
export interface CalibEpoch {
  tag: number
  anchors: Int32Array
  ranges: Float64Array
  /** Initial position (updated in place). */
  p: Vec3
}

export interface CalibOptions {
  anchors: readonly Vec3[]
  tags: number
  mode: '2d' | '3d'
  /** Known tag height in 2D mode; when absent and mode is 2D a height per tag is estimated. */
  height_m?: number
  /** Initial height per tag when estimated. */
  initialHeight_m: number
  /** Which side of the anchor plane the tags are on when the height is estimated (−1 below, +1 above). */
  anchorPlaneZ: number
  estimateAnchorBias: boolean
  anchorBiasSigma_m: number
  iterations?: number
}

export interface Calibration {
  tagBias: Float64Array
  anchorBias: Float64Array
  tagHeight: Float64Array
  /** Robust σ of the range noise after calibration (m), corrected for the degrees of freedom used. */
  sigma_m: number
  /** Fraction of ranges given zero weight (outliers / NLOS). */
  outlierFraction: number
  iterations: number
}

export function calibrateSession(epochs: CalibEpoch[], o: CalibOptions): Calibration {
  const T = o.tags
  const A = o.anchors.length
  const est2dHeight = o.mode === '2d' && o.height_m === undefined
  const k = o.mode === '2d' ? 2 : 3
  const offA = T
  const offH = T + (o.estimateAnchorBias ? A : 0)
  const G = offH + (est2dHeight ? T : 0)
  const tagBias = new Float64Array(T)
  const anchorBias = new Float64Array(A)
  const tagHeight = new Float64Array(T).fill(o.height_m ?? o.initialHeight_m)
  const S = new Float64Array(G * G)
  const s = new Float64Array(G)
  const Hpp = new Float64Array(9)
  const inv = new Float64Array(9)
  // Per-epoch storage for back-substitution: Hpp⁻¹ (k×k), Hpg (k × touched), gp, touched ids.
  const maxTouched = 2 + 64
  const store = epochs.map(() => ({
    inv: new Float64Array(9),
    hpg: new Float64Array(3 * maxTouched),
    gp: new Float64Array(3),
    touched: new Int32Array(maxTouched),
    nt: 0,
  }))
  const resid: number[] = []
  let scale = 0.3
  let outlierFraction = 0
  let it = 0
  const maxIt = o.iterations ?? 12
  for (; it < maxIt; it++) {
    // Robust scale from the current residuals (MAD), floored so a perfect fit stays stable.
    resid.length = 0
    for (const ep of epochs) {
      const z = k === 3 ? ep.p.z : tagHeight[ep.tag]
      for (let j = 0; j < ep.anchors.length; j++) {
        const a = o.anchors[ep.anchors[j]]
        const d = Math.hypot(ep.p.x - a.x, ep.p.y - a.y, z - a.z)
        resid.push(ep.ranges[j] - d - tagBias[ep.tag] - (o.estimateAnchorBias ? anchorBias[ep.anchors[j]] : 0))
      }
    }
    const med = medianOf(resid)
    for (let i = 0; i < resid.length; i++) resid[i] = Math.abs(resid[i] - med)
    scale = Math.max(0.01, 1.4826 * medianOf(resid))
    const c = 4.685 * scale
    S.fill(0)
    s.fill(0)
    let rejected = 0
    let total = 0
    epochs.forEach((ep, e) => {
      const st = store[e]
      const nt = 1 + (o.estimateAnchorBias ? ep.anchors.length : 0) + (est2dHeight ? 1 : 0)
      st.nt = nt
      st.touched[0] = ep.tag
      if (o.estimateAnchorBias) for (let j = 0; j < ep.anchors.length; j++) st.touched[1 + j] = offA + ep.anchors[j]
      if (est2dHeight) st.touched[nt - 1] = offH + ep.tag
      Hpp.fill(0)
      st.hpg.fill(0, 0, k * nt)
      st.gp.fill(0)
      const hgg = new Float64Array(nt * nt)
      const gg = new Float64Array(nt)
      const z = k === 3 ? ep.p.z : tagHeight[ep.tag]
      const Jg = new Float64Array(nt)
      for (let j = 0; j < ep.anchors.length; j++) {
        const a = o.anchors[ep.anchors[j]]
        const dx = ep.p.x - a.x
        const dy = ep.p.y - a.y
        const dz = z - a.z
        const d = Math.max(1e-6, Math.sqrt(dx * dx + dy * dy + dz * dz))
        const r = ep.ranges[j] - d - tagBias[ep.tag] - (o.estimateAnchorBias ? anchorBias[ep.anchors[j]] : 0)
        const u = r / c
        // Weights in 1/m² so the priors below are in their own units.
        const w = u * u < 1 ? (1 - u * u) ** 2 / (scale * scale) : 0
        total++
        if (w === 0) {
          rejected++
          continue
        }
        const Jp = [dx / d, dy / d, dz / d]
        Jg.fill(0)
        Jg[0] = 1
        if (o.estimateAnchorBias) Jg[1 + j] = 1
        if (est2dHeight) Jg[nt - 1] = dz / d
        for (let i = 0; i < k; i++) {
          st.gp[i] += w * Jp[i] * r
          for (let l = 0; l < k; l++) Hpp[i * 3 + l] += w * Jp[i] * Jp[l]
          for (let l = 0; l < nt; l++) st.hpg[i * nt + l] += w * Jp[i] * Jg[l]
        }
        for (let i = 0; i < nt; i++) {
          gg[i] += w * Jg[i] * r
          for (let l = 0; l < nt; l++) hgg[i * nt + l] += w * Jg[i] * Jg[l]
        }
      }
      // Hpp⁻¹ (k ≤ 3) with a little damping so a poorly seen epoch cannot blow up.
      const hp = new Float64Array(k * k)
      for (let i = 0; i < k; i++) for (let l = 0; l < k; l++) hp[i * k + l] = Hpp[i * 3 + l] + (i === l ? 1e-3 : 0)
      if (!invSmall(hp, k, inv)) {
        st.nt = 0
        return
      }
      st.inv.set(inv.subarray(0, k * k))
      // Schur complement: S += Hgg − Hgp Hpp⁻¹ Hpg, s += gg − Hgp Hpp⁻¹ gp.
      const ig = new Float64Array(k) // Hpp⁻¹ gp
      for (let i = 0; i < k; i++) for (let l = 0; l < k; l++) ig[i] += inv[i * k + l] * st.gp[l]
      const iH = new Float64Array(k * nt) // Hpp⁻¹ Hpg
      for (let i = 0; i < k; i++)
        for (let l = 0; l < nt; l++) {
          let acc = 0
          for (let m = 0; m < k; m++) acc += inv[i * k + m] * st.hpg[m * nt + l]
          iH[i * nt + l] = acc
        }
      for (let a = 0; a < nt; a++) {
        const ga = st.touched[a]
        let sa = gg[a]
        for (let i = 0; i < k; i++) sa -= st.hpg[i * nt + a] * ig[i]
        s[ga] += sa
        for (let b = 0; b < nt; b++) {
          let v = hgg[a * nt + b]
          for (let i = 0; i < k; i++) v -= st.hpg[i * nt + a] * iH[i * nt + b]
          S[ga * G + st.touched[b]] += v
        }
      }
    })
    outlierFraction = total ? rejected / total : 0
    // Priors: anchor deviations are small and zero-mean; tag bias and height weakly bounded.
    for (let t = 0; t < T; t++) {
      S[t * G + t] += 1
      s[t] += -tagBias[t]
    }
    if (o.estimateAnchorBias) {
      const wa = 1 / (o.anchorBiasSigma_m * o.anchorBiasSigma_m)
      for (let a = 0; a < A; a++) {
        const i = offA + a
        S[i * G + i] += wa
        s[i] += -wa * anchorBias[a]
      }
    }
    if (est2dHeight) {
      for (let t = 0; t < T; t++) {
        const i = offH + t
        S[i * G + i] += 1 / 4
        s[i] += (o.initialHeight_m - tagHeight[t]) / 4
      }
    }
    for (let i = 0; i < G; i++) S[i * G + i] *= 1 + 1e-6
    const dg = s.slice()
    if (!choleskySolve(S.slice(), dg, G)) break
    let maxStep = 0
    for (let t = 0; t < T; t++) tagBias[t] += clamp(dg[t], 0.5)
    if (o.estimateAnchorBias) for (let a = 0; a < A; a++) anchorBias[a] += clamp(dg[offA + a], 0.5)
    if (est2dHeight) {
      for (let t = 0; t < T; t++) {
        tagHeight[t] += clamp(dg[offH + t], 1)
        // Mirror ambiguity: keep the tag on the side of the anchor plane it started on.
        const side = Math.sign(o.initialHeight_m - o.anchorPlaneZ) || -1
        if ((tagHeight[t] - o.anchorPlaneZ) * side < 0) tagHeight[t] = o.anchorPlaneZ
      }
    }
    for (let i = 0; i < G; i++) maxStep = Math.max(maxStep, Math.abs(dg[i]))
    epochs.forEach((ep, e) => {
      const st = store[e]
      if (!st.nt) return
      const nt = st.nt
      const rhs = new Float64Array(k)
      for (let i = 0; i < k; i++) {
        let v = st.gp[i]
        for (let l = 0; l < nt; l++) v -= st.hpg[i * nt + l] * dg[st.touched[l]]
        rhs[i] = v
      }
      const dp = [0, 0, 0]
      for (let i = 0; i < k; i++) for (let l = 0; l < k; l++) dp[i] += st.inv[i * k + l] * rhs[l]
      ep.p.x += clamp(dp[0], 2)
      ep.p.y += clamp(dp[1], 2)
      if (k === 3) ep.p.z += clamp(dp[2], 2)
      else ep.p.z = tagHeight[ep.tag]
      maxStep = Math.max(maxStep, Math.abs(dp[0]), Math.abs(dp[1]))
    })
    if (maxStep < 1e-4 && it > 2) break
  }
  // Residual dof correction: each epoch spent k of its n ranges on its own position.
  let nObs = 0
  let nPar = 0
  for (const ep of epochs) {
    nObs += ep.anchors.length
    nPar += k
  }
  const sigma_m = scale * Math.sqrt(nObs / Math.max(1, nObs - nPar))
  return { tagBias, anchorBias, tagHeight, sigma_m, outlierFraction, iterations: it + 1 }
}

function clamp(v: number, lim: number): number {
  return v > lim ? lim : v < -lim ? -lim : v
}

function invSmall(a: Float64Array, k: number, out: Float64Array): boolean {
  if (k === 2) {
    const det = a[0] * a[3] - a[1] * a[2]
    if (!(Math.abs(det) > 1e-18)) return false
    out[0] = a[3] / det
    out[1] = -a[1] / det
    out[2] = -a[2] / det
    out[3] = a[0] / det
    return true
  }
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a
  const c0 = a4 * a8 - a5 * a7
  const c1 = a5 * a6 - a3 * a8
  const c2 = a3 * a7 - a4 * a6
  const det = a0 * c0 + a1 * c1 + a2 * c2
  if (!(Math.abs(det) > 1e-18)) return false
  out[0] = c0 / det
  out[1] = (a2 * a7 - a1 * a8) / det
  out[2] = (a1 * a5 - a2 * a4) / det
  out[3] = c1 / det
  out[4] = (a0 * a8 - a2 * a6) / det
  out[5] = (a2 * a3 - a0 * a5) / det
  out[6] = c2 / det
  out[7] = (a1 * a6 - a0 * a7) / det
  out[8] = (a0 * a4 - a1 * a3) / det
  return true
}

function medianOf(xs: number[]): number {
  if (!xs.length) return 0
  const s = Float64Array.from(xs).sort()
  const m = s.length >> 1
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m])
}
