import { analyseAnchors } from './anchorGeometry'
import { calibrateSession } from './calibrate'
import type { CalibEpoch, Calibration } from './calibrate'
import { N } from './kalman'
import type { KalmanState } from './kalman'
import { median } from './linalg'
import { rtsSmooth } from './smoother'
import { FixSolver } from './solveFix'
import { RangeTracker } from './tracker'
import type { RoadNetwork } from './roadNetwork'
import type { Anchor, Fix, RangeEpoch } from './types'

/**
 * Batch positioning of a whole recording (the `uwb` CLI): the file is available at once, so
 *  1. robust single-epoch fixes seed everything;
 *  2. a session self-calibration estimates each tag's constant range bias, per-anchor deviations,
 *     the range noise σ, and in 2D mode without a given height each tag's height;
 *  3. per tag, a tight-coupled Kalman filter runs forward with the calibrated ranges — the motion
 *     noise is chosen per tag by maximum likelihood among a few candidates — and an RTS smoother
 *     runs backward. Tracks restart after long gaps, and nothing is smoothed across a restart.
 */
export interface BatchOptions {
  /** Force the geometry mode instead of detecting it from the anchors. */
  mode?: '2d' | '3d'
  tagHeight_m?: number
  /** 'smooth' (default): filter + RTS; 'filter': causal filter only; 'epoch': single-epoch robust LS. */
  method?: 'smooth' | 'filter' | 'epoch'
  /** Session calibration of biases (default true). */
  calibrate?: boolean
  /** Per-anchor bias estimation inside the calibration (default true when enough data). */
  anchorBias?: boolean
  /** Range noise σ (m); estimated from the data when absent. */
  sigma_m?: number
  /** Candidate white-noise acceleration densities (m²/s³) for the per-tag likelihood choice. */
  qCandidates?: number[]
  network?: RoadNetwork
  roadHalfWidth_m?: number
  tagHeightAboveRoad_m?: number
  maxCalibrationEpochs?: number
}

export interface BatchResult {
  fixes: Fix[]
  mode: '2d' | '3d'
  sigma_m: number
  /** Per tag: estimated constant range bias (m), height used (m, 2D) and motion noise chosen. */
  tags: Record<string, { bias_m: number; height_m: number | null; q: number; epochs: number; fixes: number }>
  anchorBias_m: Record<string, number>
  outlierFraction: number
}

interface Ep {
  t: number
  idx: number[]
  r: number[]
}

export function solveBatch(
  anchors: readonly Anchor[],
  epochs: readonly RangeEpoch[],
  opts: BatchOptions = {},
): BatchResult {
  const anchorIndex = new Map(anchors.map((a, i) => [a.id, i]))
  const geom = analyseAnchors(anchors)
  const mode = opts.mode ?? (opts.network ? '2d' : geom.mode)
  const k = mode === '2d' ? 2 : 3
  // Group by tag, merge duplicate timestamps (average the ranges), sort by time.
  const byTag = new Map<string, Map<number, Map<number, number[]>>>()
  for (const e of epochs) {
    let tag = byTag.get(e.tag)
    if (!tag) byTag.set(e.tag, (tag = new Map()))
    let at = tag.get(e.t_s)
    if (!at) tag.set(e.t_s, (at = new Map()))
    for (const id in e.ranges) {
      const i = anchorIndex.get(id)
      const v = e.ranges[id]
      if (i === undefined || !Number.isFinite(v)) continue
      const list = at.get(i)
      if (list) list.push(v)
      else at.set(i, [v])
    }
  }
  const tagIds = [...byTag.keys()]
  const series: Ep[][] = tagIds.map((id) =>
    [...byTag.get(id)!.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, m]) => {
        const idx = [...m.keys()].sort((a, b) => a - b)
        return { t, idx, r: idx.map((i) => m.get(i)!.reduce((s, v) => s + v, 0) / m.get(i)!.length) }
      }),
  )
  const anchorZ = geom.centroid.z
  const sameZ = geom.verticalSpread_m < 0.01
  // Starting height for tags in 2D: body-worn below ceiling anchors, or just below a flat anchor plane.
  const initialHeight = opts.tagHeight_m ?? (anchorZ >= 1.5 && !sameZ ? 1.0 : anchorZ - 0.3)
  const solver = new FixSolver()
  let sigma = opts.sigma_m ?? 0.1

  // 1. Single-epoch robust fixes (seed for calibration and for the 'epoch' method).
  const seedFix = (ep: Ep, bias: number, height: number, estimateBias: boolean) => {
    for (let j = 0; j < ep.idx.length; j++) solver.load(j, anchors[ep.idx[j]], ep.r[j])
    return solver.solvePacked(ep.idx.length, {
      mode,
      height_m: height,
      sigma_m: sigma,
      estimateBias,
      bias_m: bias,
      biasSigma_m: 1,
    })
  }
  let cal: Calibration | null = null
  const T = tagIds.length
  // On a roadway network the anchors are locally collinear: single-epoch fixes are mirror-ambiguous
  // across the roadway, so the session calibration is skipped and the tracker estimates the bias.
  const calibrate = opts.calibrate ?? !opts.network
  if (calibrate && T > 0) {
    const maxEp = opts.maxCalibrationEpochs ?? 3000
    const perTag = Math.max(200, Math.ceil(maxEp / T))
    const calEpochs: CalibEpoch[] = []
    const biasSeeds: number[] = []
    series.forEach((ser, ti) => {
      const usable = ser.filter((e) => e.idx.length >= k + 1)
      const stride = Math.max(1, usable.length / perTag)
      for (let f = 0; f < usable.length; f += stride) {
        const ep = usable[Math.floor(f)]
        const fx = seedFix(ep, 0, initialHeight, true)
        if (!fx.ok) continue
        if (fx.used >= k + 2) biasSeeds.push(fx.bias)
        calEpochs.push({
          tag: ti,
          anchors: Int32Array.from(ep.idx),
          ranges: Float64Array.from(ep.r),
          p: { x: fx.x, y: fx.y, z: fx.z },
        })
      }
    })
    if (calEpochs.length >= 10) {
      // Seed positions again with the pooled bias so the calibration starts near the optimum.
      const b0 = biasSeeds.length ? median(biasSeeds) : 0
      for (const ce of calEpochs) {
        const fx = seedFix({ t: 0, idx: Array.from(ce.anchors), r: Array.from(ce.ranges) }, b0, initialHeight, false)
        if (fx.ok) ce.p = { x: fx.x, y: fx.y, z: fx.z }
      }
      cal = calibrateSession(calEpochs, {
        anchors,
        tags: T,
        mode,
        height_m: mode === '2d' ? opts.tagHeight_m : undefined,
        initialHeight_m: initialHeight,
        anchorPlaneZ: anchorZ,
        estimateAnchorBias: (opts.anchorBias ?? true) && calEpochs.length >= 100 && anchors.length >= k + 2,
        anchorBiasSigma_m: 0.1,
      })
      if (opts.sigma_m === undefined) sigma = Math.min(0.5, Math.max(0.02, cal.sigma_m))
    }
  }
  const anchorBias: Record<string, number> = {}
  anchors.forEach((a, i) => (anchorBias[a.id] = cal ? cal.anchorBias[i] : 0))

  const result: BatchResult = {
    fixes: [],
    mode,
    sigma_m: sigma,
    tags: {},
    anchorBias_m: anchorBias,
    outlierFraction: cal?.outlierFraction ?? NaN,
  }
  const method = opts.method ?? 'smooth'
  const qs = opts.qCandidates ?? [0.05, 0.3, 2]
  series.forEach((ser, ti) => {
    const tag = tagIds[ti]
    const bias = cal ? cal.tagBias[ti] : 0
    const height =
      mode === '2d' ? (cal && opts.tagHeight_m === undefined ? cal.tagHeight[ti] : initialHeight) : opts.tagHeight_m
    const info = {
      bias_m: bias,
      height_m: mode === '2d' ? (height ?? null) : null,
      q: NaN,
      epochs: ser.length,
      fixes: 0,
    }
    result.tags[tag] = info
    if (method === 'epoch') {
      for (const ep of ser) {
        const r = ep.r.map((v, j) => v - anchorBias[anchors[ep.idx[j]].id])
        const fx = seedFix({ ...ep, r }, bias, height ?? initialHeight, false)
        if (!fx.ok) continue
        result.fixes.push({
          t_s: ep.t,
          tag,
          x: fx.x,
          y: fx.y,
          z: fx.z,
          quality: fx.sigmaH,
          hdop: fx.hdop,
          rms_m: fx.rms_m,
          used: fx.used,
        })
      }
      info.fixes = ser.length
      return
    }
    let best: { ll: number; q: number; run: ReturnType<typeof runFilter> } | null = null
    for (const q of qs) {
      const run = runFilter(ser, tag, q)
      if (!best || run.logLik > best.ll) best = { ll: run.logLik, q, run }
    }
    if (!best) return
    info.q = best.q
    info.bias_m = best.run.bias
    const { steps } = best.run
    const filtered = steps.map((s) => s.state!)
    const smoothed =
      method === 'smooth'
        ? rtsSmooth(
            steps.map((s) => s.predicted),
            filtered,
          )
        : filtered
    steps.forEach((s, i) => {
      const st = smoothed[i]
      result.fixes.push({
        t_s: s.t,
        tag,
        x: st.x[0],
        y: st.x[1],
        z: st.x[2],
        quality: Math.sqrt(Math.max(0, st.P[0] + st.P[N + 1])),
        hdop: s.hdop,
        rms_m: s.rms_m,
        used: s.used,
      })
    })
    info.fixes = steps.length

    function runFilter(ser: Ep[], tag: string, q: number) {
      const tracker = new RangeTracker({
        anchors,
        mode,
        height_m: height,
        sigma_m: sigma,
        qH: q,
        qV: mode === '2d' ? 1e-4 : q,
        bias_m: bias,
        anchorBias_m: anchorBias,
        estimateBias: !!opts.network && opts.calibrate === undefined,
        network: opts.network,
        roadHalfWidth_m: opts.roadHalfWidth_m,
        tagHeightAboveRoad_m: opts.tagHeightAboveRoad_m,
      })
      const steps: {
        t: number
        state: KalmanState | null
        predicted: KalmanState | null
        hdop: number
        rms_m: number
        used: number
      }[] = []
      let logLik = 0
      for (const ep of ser) {
        const st = tracker.step(tag, ep.t, ep.idx, ep.r)
        logLik += st.logLik
        if (st.state)
          steps.push({
            t: ep.t,
            state: st.state,
            predicted: st.predicted,
            hdop: st.hdop,
            rms_m: st.rms_m,
            used: st.used,
          })
      }
      return { steps, logLik, bias: tracker.bias_m }
    }
  })
  result.fixes.sort((a, b) => a.t_s - b.t_s || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  return result
}
