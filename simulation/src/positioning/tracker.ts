import { copyState, createState, innovationVariance, N, predict, updateScalar } from './kalman'
import type { KalmanState } from './kalman'
import { median } from './linalg'
import { projectOnNetwork } from './roadNetwork'
import type { RoadNetwork, RoadProjection } from './roadNetwork'
import { FixSolver } from './solveFix'
import type { Anchor, Fix, Vec3 } from './types'

/**
 * Tight-coupled range tracking: each range updates a constant-velocity Kalman filter directly,
 * so epochs with one or two ranges still help (a loose LS-then-filter design would drop them).
 * A per-epoch robust LS solve (when redundant) screens NLOS ranges first; innovation gating
 * catches the rest. Optional constraints: a known tag height and a roadway network.
 */
export interface TrackerOptions {
  anchors: readonly Anchor[]
  mode: '2d' | '3d'
  /** Tag z in 2D mode (or a soft prior in 3D mode when given). */
  height_m?: number
  /** Range noise σ (m). */
  sigma_m?: number
  /** White-noise acceleration density, horizontal / vertical (m²/s³). */
  qH?: number
  qV?: number
  /** Known constant bias (m) subtracted from every range. */
  bias_m?: number
  /** Known per-anchor bias (m) subtracted from that anchor's ranges. */
  anchorBias_m?: Record<string, number>
  /** Estimate the common bias online from redundant epochs (live use without calibration). */
  estimateBias?: boolean
  /** Constrain positions to these roadways. */
  network?: RoadNetwork
  /** Half width of the roadways (m): the cross-track σ is half of it. */
  roadHalfWidth_m?: number
  /** Tag height above the roadway centre line (m) when a network is given. */
  tagHeightAboveRoad_m?: number
  /** Gap after which a track restarts from a fresh single-epoch fix (s). */
  gapReset_s?: number
}

export interface TrackStep {
  /** Filtered state after the epoch (null until the track starts). */
  state: KalmanState | null
  /** Predicted state before the epoch's updates (null at a (re)start). */
  predicted: KalmanState | null
  /** Ranges applied. */
  used: number
  /** Log-likelihood of the innovations (for choosing the motion noise). */
  logLik: number
  hdop: number
  rms_m: number
  restarted: boolean
}

interface Track {
  s: KalmanState | null
  disagree: number
}

const _H = new Float64Array(N)
const _proj: RoadProjection = { segment: 0, x: 0, y: 0, z: 0, distance_m: 0, ux: 1, uy: 0 }

export class RangeTracker {
  readonly o: Required<Pick<TrackerOptions, 'sigma_m' | 'qH' | 'qV' | 'gapReset_s' | 'roadHalfWidth_m'>> &
    TrackerOptions
  private solver = new FixSolver()
  private anchorIndex = new Map<string, number>()
  private tracks = new Map<string, Track>()
  private biasSamples = new Float64Array(2000)
  private biasN = 0
  bias_m: number

  constructor(opts: TrackerOptions) {
    this.o = { sigma_m: 0.1, qH: 0.5, qV: 0.01, gapReset_s: 5, roadHalfWidth_m: 2, ...opts }
    opts.anchors.forEach((a, i) => this.anchorIndex.set(a.id, i))
    this.bias_m = opts.bias_m ?? 0
  }

  /** Live use: one epoch of one tag → its filtered fix (null until a fix is possible). */
  update(tag: string, t_s: number, ranges: Record<string, number>): Fix | null {
    const idx: number[] = []
    const r: number[] = []
    for (const id in ranges) {
      const i = this.anchorIndex.get(id)
      const v = ranges[id]
      if (i === undefined || !Number.isFinite(v)) continue
      idx.push(i)
      r.push(v)
    }
    const step = this.step(tag, t_s, idx, r)
    if (!step.state) return null
    const x = step.state.x
    const P = step.state.P
    return {
      t_s,
      tag,
      x: x[0],
      y: x[1],
      z: x[2],
      quality: Math.sqrt(P[0] + P[N + 1]),
      hdop: step.hdop,
      rms_m: step.rms_m,
      used: step.used,
    }
  }

  /** Forgets a tag (e.g. it left the site). */
  drop(tag: string): void {
    this.tracks.delete(tag)
  }

  /**
   * Advances one tag's track by one epoch. `anchorIdx`/`ranges` are raw ranges (biases are
   * subtracted here). The batch smoother uses the returned predicted and filtered states.
   */
  step(tag: string, t_s: number, anchorIdx: readonly number[], rawRanges: readonly number[]): TrackStep {
    const o = this.o
    let tr = this.tracks.get(tag)
    if (!tr) {
      tr = { s: null, disagree: 0 }
      this.tracks.set(tag, tr)
    }
    const n = anchorIdx.length
    const k = o.mode === '2d' ? 2 : 3
    const ranges = new Float64Array(n)
    for (let j = 0; j < n; j++) {
      const a = o.anchors[anchorIdx[j]]
      ranges[j] = rawRanges[j] - this.bias_m - (o.anchorBias_m?.[a.id] ?? 0)
      this.solver.load(j, a, ranges[j])
    }
    const height = this.heightAt(tr.s)
    const result: TrackStep = {
      state: null,
      predicted: null,
      used: 0,
      logLik: 0,
      hdop: NaN,
      rms_m: NaN,
      restarted: false,
    }
    const prior: Vec3 | undefined = tr.s ? this.predictedPosition(tr.s, t_s) : undefined
    const fix =
      n >= k + 1
        ? this.solver.solvePacked(n, {
            mode: o.mode,
            height_m: height,
            sigma_m: o.sigma_m,
            initial: prior,
            estimateBias: !!o.estimateBias,
            bias_m: 0,
            biasSigma_m: 0.5,
          })
        : null
    if (fix?.ok) {
      result.hdop = fix.hdop
      result.rms_m = fix.rms_m
      const good = fix.used >= k + 2 && fix.gdop < 10 && fix.rms_m < 2 * o.sigma_m
      if (o.estimateBias && !o.network && Number.isFinite(fix.bias) && good) this.addBiasSample(fix.bias)
    }
    const fixUsable = !!fix?.ok && fix.rms_m < 4 * o.sigma_m
    let restart = !tr.s || t_s - tr.s.t > o.gapReset_s
    if (tr.s && !restart && fixUsable && fix) {
      // A track that disagrees with good single-epoch fixes for a while has diverged: restart it.
      const p = this.predictedPosition(tr.s, t_s)
      const d2 = (fix.x - p.x) ** 2 + (fix.y - p.y) ** 2
      const v = tr.s.P[0] + tr.s.P[N + 1] + fix.cxx + fix.cyy + 4 * o.sigma_m * o.sigma_m
      tr.disagree = d2 > 25 * v ? tr.disagree + 1 : 0
      if (tr.disagree >= 3) restart = true
    }
    if (restart) {
      if (!fixUsable || !fix) {
        if (!tr.s || t_s - tr.s.t > o.gapReset_s) tr.s = null
        return result
      }
      const pv = Math.max(fix.cxx + fix.cyy, 0.01)
      let x0 = fix.x
      let y0 = fix.y
      let z0 = fix.z
      const p = o.network ? projectOnNetwork(o.network, fix.x, fix.y, _proj) : null
      if (p) {
        // Collinear anchors along a roadway leave a mirror solution across it: start on the roadway.
        x0 = p.x
        y0 = p.y
        z0 = p.z + (o.tagHeightAboveRoad_m ?? 1)
      }
      tr.s = createState(x0, y0, z0, t_s, pv, 1.0)
      if (k === 2) tr.s.P[2 * N + 2] = 0.01
      tr.disagree = 0
      result.restarted = true
    } else if (tr.s) {
      predict(tr.s, t_s - tr.s.t, o.qH, o.qV)
      tr.s.t = t_s
      result.predicted = copyState(tr.s)
    }
    const s = tr.s
    if (!s) return result
    // Height first: it fixes the geometry the range updates linearise on.
    this.applyConstraints(s)
    const sig2 = o.sigma_m * o.sigma_m
    for (let j = 0; j < n; j++) {
      if (fixUsable && fix && n >= k + 2 && !fix.inlier[j]) continue
      const a = o.anchors[anchorIdx[j]]
      const dx = s.x[0] - a.x
      const dy = s.x[1] - a.y
      const dz = s.x[2] - a.z
      const d = Math.max(1e-6, Math.sqrt(dx * dx + dy * dy + dz * dz))
      _H.fill(0)
      _H[0] = dx / d
      _H[1] = dy / d
      _H[2] = dz / d
      const nu = ranges[j] - d
      const S = innovationVariance(s, _H, sig2)
      const z = nu / Math.sqrt(S)
      // NLOS makes ranges long: gate positive innovations tighter than negative ones.
      if (z > 4 || z < -6) {
        result.logLik -= 0.5 * (16 + Math.log(S))
        continue
      }
      // Huber: inflate the noise of moderately surprising ranges instead of trusting them fully.
      const infl = Math.abs(z) > 2 ? (Math.abs(z) / 2) ** 2 : 1
      const S1 = updateScalar(s, _H, nu, sig2 * infl)
      result.logLik -= 0.5 * ((nu * nu) / S1 + Math.log(S1))
      result.used++
    }
    this.applyConstraints(s)
    if (o.estimateBias && o.network && result.used >= 3 && !result.restarted) {
      // On roadways single-epoch fixes cannot see the bias (collinear anchors), but the constrained
      // track can: the mean post-fit residual of the ranges used is a bias sample.
      let sum = 0
      let cnt = 0
      for (let j = 0; j < n; j++) {
        const a = o.anchors[anchorIdx[j]]
        const e = ranges[j] - Math.hypot(s.x[0] - a.x, s.x[1] - a.y, s.x[2] - a.z)
        if (Math.abs(e) < 3 * o.sigma_m + 0.5) {
          sum += e
          cnt++
        }
      }
      if (cnt >= 3) this.addBiasSample(this.bias_m - (o.bias_m ?? 0) + sum / cnt)
    }
    result.state = copyState(s)
    return result
  }

  /** Online common bias: the median of recent per-epoch samples (NLOS skews a mean), applied to later epochs. */
  private addBiasSample(b: number): void {
    this.biasSamples[this.biasN++ % this.biasSamples.length] = b
    // Once the window is full, re-take the median every 250 samples, not 25: the bias is a constant,
    // and with 2,000 tags at 10 Hz a 2,000-sample median every 25 epochs was a sixth of the server's tick.
    if (this.biasN < 50 || this.biasN % (this.biasN < this.biasSamples.length ? 25 : 250) === 0) {
      const m = Math.min(this.biasN, this.biasSamples.length)
      this.bias_m = (this.o.bias_m ?? 0) + median(this.biasSamples.subarray(0, m))
    }
  }

  /** Height (2D mode / known height) and roadway pseudo-measurements. */
  private applyConstraints(s: KalmanState): void {
    const o = this.o
    if (o.network) {
      const p = projectOnNetwork(o.network, s.x[0], s.x[1], _proj)
      if (p) {
        // Cross-track offset to the roadway centre line, σ = half the half-width.
        const nx = -p.uy
        const ny = p.ux
        _H.fill(0)
        _H[0] = nx
        _H[1] = ny
        const off = nx * (s.x[0] - p.x) + ny * (s.x[1] - p.y)
        const sc = o.roadHalfWidth_m / 2
        updateScalar(s, _H, -off, sc * sc)
        _H.fill(0)
        _H[2] = 1
        updateScalar(s, _H, p.z + (o.tagHeightAboveRoad_m ?? 1) - s.x[2], 0.05 * 0.05)
        return
      }
    }
    if (o.height_m !== undefined) {
      _H.fill(0)
      _H[2] = 1
      const sz = o.mode === '2d' ? 0.01 : 0.3
      updateScalar(s, _H, o.height_m - s.x[2], sz * sz)
    }
  }

  private heightAt(s: KalmanState | null): number | undefined {
    if (this.o.height_m !== undefined) return this.o.height_m
    if (s) return s.x[2]
    // No track yet: assume a body-worn tag a metre below the anchors.
    let z = 0
    for (const a of this.o.anchors) z += a.z / this.o.anchors.length
    return z - 1
  }

  private predictedPosition(s: KalmanState, t: number): Vec3 {
    const dt = Math.max(0, t - s.t)
    return { x: s.x[0] + dt * s.x[3], y: s.x[1] + dt * s.x[4], z: s.x[2] + dt * s.x[5] }
  }
}
