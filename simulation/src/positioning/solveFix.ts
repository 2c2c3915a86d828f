import { choleskySolve, invertSpd } from './linalg'
import type { Vec3 } from './types'

/**
 * One-epoch robust multilateration: a tag's ranges to n anchors → its position.
 *
 * 1. Initial guess from linearised multilateration (differences of squared range equations;
 *    with the bias as an extra linear unknown when there are enough anchors).
 * 2. Levenberg–Marquardt on the plain squared error, which converges from poor starts.
 * 3. NLOS/outlier rejection: while a residual exceeds 3σ and redundancy allows, drop the anchor
 *    whose removal gives the lowest Tukey cost over all ranges (leave-one-out consensus), then
 *    re-solve with Tukey's biweight (IRLS inside LM). NLOS excess delay is always positive, so the
 *    offending range is usually the one with the largest positive residual, but consensus finds
 *    it even when its error has pulled the whole solution towards it.
 * 4. Final plain LS on the inliers for the covariance, HDOP/GDOP and RMS residual.
 */

export interface FixOptions {
  /** '2d' fixes z at `height_m` (anchors coplanar); '3d' estimates z. */
  mode: '2d' | '3d'
  /** Tag height (m) in 2D mode; also the z of the initial guess in 3D mode. */
  height_m?: number
  /** Estimate a common range bias for this epoch (needs ≥ unknowns+1 anchors; else `bias_m` is used). */
  estimateBias?: boolean
  /** Known bias (m) subtracted from every range, or the prior mean when estimated. */
  bias_m?: number
  /** Prior σ of the bias when estimated (m); Infinity for free. */
  biasSigma_m?: number
  /** Range noise σ (m): outlier threshold and covariance scale. Default 0.1. */
  sigma_m?: number
  /** Starting point; when absent the linearised solution (or the anchor centroid) is used. */
  initial?: Vec3
  /** Reject outliers (default true). */
  robust?: boolean
}

export interface FixResult {
  ok: boolean
  x: number
  y: number
  z: number
  bias: number
  /** Horizontal covariance (m²). */
  cxx: number
  cxy: number
  cyy: number
  /** Estimated 1-σ horizontal error (m). */
  sigmaH: number
  hdop: number
  gdop: number
  rms_m: number
  used: number
  /** 1 for ranges kept, 0 for rejected (length n). */
  inlier: Uint8Array
  iterations: number
}

const MAX_N = 64
const MAX_M = 4

type Loss = 0 | 1 // 0: squared, 1: Tukey

/** Scratch buffers reused across calls; one per thread of work. Not re-entrant. */
export class FixSolver {
  private ax = new Float64Array(MAX_N)
  private ay = new Float64Array(MAX_N)
  private az = new Float64Array(MAX_N)
  private r = new Float64Array(MAX_N)
  private active = new Uint8Array(MAX_N)
  private H = new Float64Array(MAX_M * MAX_M)
  private g = new Float64Array(MAX_M)
  private inv = new Float64Array(MAX_M * MAX_M)
  private col = new Float64Array(MAX_M)
  private lin = new Float64Array(36)
  private linb = new Float64Array(6)
  private lmA = new Float64Array(MAX_M * MAX_M)
  private lmStep = new Float64Array(MAX_M)
  private J = new Float64Array(MAX_M)
  // Current parameters: x, y, z, b.
  private px = 0
  private py = 0
  private pz = 0
  private pb = 0
  private n = 0
  private k = 3
  private m = 3
  private estBias = false
  private z0 = 0
  private biasPrior = 0
  private biasW = 0
  private c = 0.5

  /**
   * @param anchors anchor positions (m)
   * @param ranges measured ranges (m), same order; NaN marks a missing range
   */
  solve(anchors: readonly Vec3[], ranges: ArrayLike<number>, opts: FixOptions): FixResult {
    let n = 0
    const idx: number[] = []
    for (let i = 0; i < anchors.length && n < MAX_N; i++) {
      const ri = ranges[i]
      if (!Number.isFinite(ri)) continue
      this.ax[n] = anchors[i].x
      this.ay[n] = anchors[i].y
      this.az[n] = anchors[i].z
      this.r[n] = ri
      idx.push(i)
      n++
    }
    const res = this.solvePacked(n, opts)
    // Map the inlier mask back to the caller's anchor order.
    const mask = new Uint8Array(anchors.length)
    for (let j = 0; j < n; j++) mask[idx[j]] = res.inlier[j]
    res.inlier = mask
    return res
  }

  /** Solves with anchors and ranges already loaded by `load`. */
  load(i: number, a: Vec3, range: number): void {
    this.ax[i] = a.x
    this.ay[i] = a.y
    this.az[i] = a.z
    this.r[i] = range
  }

  solvePacked(n: number, opts: FixOptions): FixResult {
    const sigma = opts.sigma_m ?? 0.1
    this.n = n
    this.k = opts.mode === '2d' ? 2 : 3
    this.z0 = opts.height_m ?? 0
    this.biasPrior = opts.bias_m ?? 0
    const bs = opts.biasSigma_m ?? Infinity
    this.biasW = Number.isFinite(bs) ? 1 / (bs * bs) : 0
    this.estBias = !!opts.estimateBias && n >= this.k + 2
    this.m = this.k + (this.estBias ? 1 : 0)
    this.c = 4.685 * sigma
    const out: FixResult = {
      ok: false,
      x: NaN,
      y: NaN,
      z: NaN,
      bias: this.biasPrior,
      cxx: NaN,
      cxy: NaN,
      cyy: NaN,
      sigmaH: NaN,
      hdop: NaN,
      gdop: NaN,
      rms_m: NaN,
      used: 0,
      inlier: new Uint8Array(n),
      iterations: 0,
    }
    // Fewer ranges than unknowns + 1 leaves mirror solutions: no fix.
    if (n < this.k + 1) return out
    for (let i = 0; i < n; i++) this.active[i] = 1
    this.initialGuess(opts.initial)
    let iters = this.lm(0, 40)
    if (opts.initial && this.rms() > 3 * sigma) {
      // A caller's guess (e.g. a stale track) can sit in a mirror basin: retry from the linear solution.
      const sx = this.px
      const sy = this.py
      const sz = this.pz
      const sb = this.pb
      const c0 = this.cost(0)
      this.initialGuess(undefined)
      iters += this.lm(0, 40)
      if (this.cost(0) > c0) {
        this.px = sx
        this.py = sy
        this.pz = sz
        this.pb = sb
      }
    }
    if (opts.robust !== false && n > this.m) {
      // Greedy leave-one-out while an outlier remains and one more can be spared.
      let active = n
      while (active >= this.m + 2 && this.maxAbsResidual() > 3 * sigma) {
        const sx = this.px
        const sy = this.py
        const sz = this.pz
        const sb = this.pb
        let best = -1
        let bestCost = Infinity
        let bx = sx
        let by = sy
        let bz = sz
        let bb = sb
        for (let i = 0; i < n; i++) {
          if (!this.active[i]) continue
          this.active[i] = 0
          this.px = sx
          this.py = sy
          this.pz = sz
          this.pb = sb
          iters += this.lm(0, 15)
          this.active[i] = 1
          const cost = this.cost(1, true)
          if (cost < bestCost) {
            bestCost = cost
            best = i
            bx = this.px
            by = this.py
            bz = this.pz
            bb = this.pb
          }
        }
        this.px = bx
        this.py = by
        this.pz = bz
        this.pb = bb
        if (best < 0) break
        this.active[best] = 0
        active--
      }
      // Tukey IRLS over all ranges lets a wrongly dropped range back in, then inliers are those within 3σ.
      for (let i = 0; i < n; i++) this.active[i] = 1
      iters += this.lm(1, 20)
      let kept = 0
      for (let i = 0; i < n; i++) {
        const e = this.residual(i)
        this.active[i] = Math.abs(e) <= 3 * sigma ? 1 : 0
        kept += this.active[i]
      }
      if (kept < this.k + 1) for (let i = 0; i < n; i++) this.active[i] = 1
      iters += this.lm(0, 10)
    }
    // Covariance and DOP from the final inlier set.
    let used = 0
    let ss = 0
    for (let i = 0; i < n; i++) {
      if (!this.active[i]) continue
      used++
      const e = this.residual(i)
      ss += e * e
    }
    this.normal(0, false)
    const m = this.m
    const ok = invertSpd(this.H.subarray(0, m * m), m, this.inv, this.col)
    out.x = this.px
    out.y = this.py
    out.z = this.k === 2 ? this.z0 : this.pz
    out.bias = this.estBias ? this.pb : this.biasPrior
    out.rms_m = Math.sqrt(ss / Math.max(1, used))
    out.used = used
    out.iterations = iters
    for (let i = 0; i < n; i++) out.inlier[i] = this.active[i]
    if (ok) {
      const inv = this.inv
      // Unit-weight normal matrix, so inv is the DOP matrix.
      out.hdop = Math.sqrt(inv[0] + inv[m + 1])
      let tr = 0
      for (let i = 0; i < m; i++) tr += inv[i * m + i]
      out.gdop = Math.sqrt(tr)
      // A-posteriori scale when redundancy allows, never below the nominal noise.
      const dof = used - m
      const s = dof > 0 ? Math.max(sigma, Math.sqrt(ss / dof)) : sigma
      out.cxx = s * s * inv[0]
      out.cxy = s * s * inv[1]
      out.cyy = s * s * inv[m + 1]
      out.sigmaH = Math.sqrt(out.cxx + out.cyy)
      out.ok = Number.isFinite(out.x) && Number.isFinite(out.y) && used >= this.k + 1
    }
    return out
  }

  private residual(i: number): number {
    const dx = this.px - this.ax[i]
    const dy = this.py - this.ay[i]
    const dz = (this.k === 2 ? this.z0 : this.pz) - this.az[i]
    return this.r[i] - Math.sqrt(dx * dx + dy * dy + dz * dz) - (this.estBias ? this.pb : this.biasPrior)
  }

  private rms(): number {
    let ss = 0
    let n = 0
    for (let i = 0; i < this.n; i++) {
      if (!this.active[i]) continue
      const e = this.residual(i)
      ss += e * e
      n++
    }
    return Math.sqrt(ss / Math.max(1, n))
  }

  private maxAbsResidual(): number {
    let mx = 0
    for (let i = 0; i < this.n; i++) if (this.active[i]) mx = Math.max(mx, Math.abs(this.residual(i)))
    return mx
  }

  /** Robust cost; `all` includes inactive ranges (to judge a leave-one-out candidate on every range). */
  private cost(loss: Loss, all = false): number {
    const c = this.c
    let s = 0
    for (let i = 0; i < this.n; i++) {
      if (!all && !this.active[i]) continue
      const e = this.residual(i)
      if (loss === 0) s += 0.5 * e * e
      else {
        const u = e / c
        s += u * u < 1 ? ((c * c) / 6) * (1 - (1 - u * u) ** 3) : (c * c) / 6
      }
    }
    if (this.estBias && this.biasW > 0) s += 0.5 * this.biasW * (this.pb - this.biasPrior) ** 2
    return s
  }

  /** Builds JᵀWJ into H and JᵀWe into g (weighted when `weighted`). */
  private normal(loss: Loss, weighted = true): void {
    const m = this.m
    const k = this.k
    const H = this.H
    const g = this.g
    H.fill(0, 0, m * m)
    g.fill(0, 0, m)
    const c = this.c
    const J = this.J
    for (let i = 0; i < this.n; i++) {
      if (!this.active[i]) continue
      const dx = this.px - this.ax[i]
      const dy = this.py - this.ay[i]
      const dz = (k === 2 ? this.z0 : this.pz) - this.az[i]
      const d = Math.max(1e-6, Math.sqrt(dx * dx + dy * dy + dz * dz))
      const e = this.r[i] - d - (this.estBias ? this.pb : this.biasPrior)
      let w = 1
      if (weighted && loss === 1) {
        const u = e / c
        w = u * u < 1 ? (1 - u * u) ** 2 : 0
      }
      if (w === 0) continue
      // d(pred)/d(params): the unit vector from anchor to tag, and 1 for the bias.
      J[0] = dx / d
      J[1] = dy / d
      J[2] = dz / d
      if (this.estBias) J[k] = 1
      for (let a = 0; a < m; a++) {
        g[a] += w * J[a] * e
        for (let b = 0; b <= a; b++) H[a * m + b] += w * J[a] * J[b]
      }
    }
    if (this.estBias && this.biasW > 0) {
      H[k * m + k] += this.biasW
      g[k] += this.biasW * (this.biasPrior - this.pb)
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) H[b * m + a] = H[a * m + b]
  }

  /** Levenberg–Marquardt; returns the iterations used. */
  private lm(loss: Loss, maxIter: number): number {
    const m = this.m
    const A = this.lmA
    const step = this.lmStep
    let lambda = 1e-3
    let cost = this.cost(loss)
    let it = 0
    for (; it < maxIter; it++) {
      this.normal(loss)
      let accepted = false
      for (let tries = 0; tries < 8 && !accepted; tries++) {
        for (let i = 0; i < m * m; i++) A[i] = this.H[i]
        for (let i = 0; i < m; i++) {
          A[i * m + i] += lambda * (this.H[i * m + i] + 1e-9) + 1e-12
          step[i] = this.g[i]
        }
        if (!choleskySolve(A, step, m)) {
          lambda *= 10
          continue
        }
        const ox = this.px
        const oy = this.py
        const oz = this.pz
        const ob = this.pb
        this.px += step[0]
        this.py += step[1]
        if (this.k === 3) this.pz += step[2]
        if (this.estBias) this.pb += step[this.k]
        const nc = this.cost(loss)
        if (nc <= cost) {
          accepted = true
          cost = nc
          lambda = Math.max(1e-9, lambda * 0.2)
        } else {
          this.px = ox
          this.py = oy
          this.pz = oz
          this.pb = ob
          lambda *= 10
        }
      }
      let norm = 0
      for (let i = 0; i < m; i++) norm += step[i] * step[i]
      if (!accepted || norm < 1e-12) break
    }
    return it + 1
  }

  /**
   * Linearised multilateration: rᵢ² − |aᵢ|² = −2aᵢ·p + 2rᵢb + (|p|² − b²) is linear in
   * (p, b, w = |p|² − b²). Without enough anchors for b, b is the prior and moves to the left.
   * In 2D the known height difference is removed from each squared range first.
   */
  private initialGuess(initial?: Vec3): void {
    const n = this.n
    const k = this.k
    let cx = 0
    let cy = 0
    let cz = 0
    for (let i = 0; i < n; i++) {
      cx += this.ax[i] / n
      cy += this.ay[i] / n
      cz += this.az[i] / n
    }
    this.pb = this.biasPrior
    if (initial) {
      this.px = initial.x
      this.py = initial.y
      this.pz = k === 2 ? this.z0 : initial.z
      return
    }
    this.px = cx
    this.py = cy
    this.pz = k === 2 ? this.z0 : cz - 1
    const withBias = this.estBias && n >= k + 3
    const u = k + (withBias ? 1 : 0) + 1 // unknowns: p, (b), w
    if (n < u) return
    const A = this.lin
    const B = this.linb
    A.fill(0, 0, u * u)
    B.fill(0, 0, u)
    const row = [0, 0, 0, 0, 0]
    for (let i = 0; i < n; i++) {
      // Centre coordinates on the centroid for conditioning.
      const x = this.ax[i] - cx
      const y = this.ay[i] - cy
      const z = this.az[i] - cz
      const dz0 = this.z0 - this.az[i]
      let rr = withBias ? this.r[i] : this.r[i] - this.biasPrior
      if (!withBias) rr = Math.max(0, rr)
      let lhs = rr * rr - x * x - y * y
      if (k === 3) lhs -= z * z
      else lhs -= dz0 * dz0
      row[0] = -2 * x
      row[1] = -2 * y
      if (k === 3) row[2] = -2 * z
      if (withBias) row[k] = 2 * rr
      row[u - 1] = 1
      for (let a = 0; a < u; a++) {
        B[a] += row[a] * lhs
        for (let b = 0; b < u; b++) A[a * u + b] += row[a] * row[b]
      }
    }
    for (let a = 0; a < u; a++) A[a * u + a] += 1e-9
    if (!choleskySolve(A, B, u)) return
    if (!Number.isFinite(B[0]) || !Number.isFinite(B[1])) return
    this.px = B[0] + cx
    this.py = B[1] + cy
    if (k === 3) {
      this.pz = B[2] + cz
      // Coplanar anchors make the linear z meaningless; keep it below the anchors.
      if (!Number.isFinite(this.pz) || Math.abs(B[2]) > 1e3) this.pz = cz - 1
    }
    if (withBias && Number.isFinite(B[k]) && Math.abs(B[k]) < 5) this.pb = B[k]
  }
}

const _solver = new FixSolver()

/** Convenience wrapper over a shared `FixSolver`. NaN ranges are skipped. */
export function solveFix(anchors: readonly Vec3[], ranges: ArrayLike<number>, opts: FixOptions): FixResult {
  return _solver.solve(anchors, ranges, opts)
}
