import type { Rng } from '../core/rng'
import type { RoadNetwork } from './roadNetwork'
import type { Anchor, RangeEpoch, Vec3 } from './types'

/**
 * UWB simulator: tags walk the road network and two-way ranges are produced with the error
 * sources real systems show: white noise, a constant system bias (uncalibrated antenna delay),
 * per-anchor bias, positive NLOS excess delay in episodes (a body or a machine blocking one
 * link for a while) plus isolated spikes, dropouts and a maximum range.
 */
export interface UwbSimOptions {
  anchors: readonly Anchor[]
  network: RoadNetwork
  /** Number of tags; ids are t0, t1, … */
  tags: number
  duration_s: number
  rate_hz?: number
  /** Tag height above the roadway centre line (m). */
  tagHeight_m?: number
  /** Walking speed mean and spread (m/s). */
  speed_mps?: number
  speedSpread_mps?: number
  /** Probability per second of stopping for a while (pauses 2–10 s). */
  pausePerS?: number
  noiseSigma_m?: number
  /** Constant bias added to every range (m). */
  bias_m?: number
  /** σ of a per-anchor bias, drawn once per anchor (m). */
  anchorBiasSigma_m?: number
  /** Probability that a link starts an NLOS episode in a given second; episodes last 1–5 s. */
  nlosRatePerS?: number
  /** Mean excess range during NLOS (exponential, m). */
  nlosMean_m?: number
  /** Probability of an isolated positive spike per range. */
  spikeProb?: number
  spikeMean_m?: number
  /** Probability that a range is missing. */
  dropoutProb?: number
  maxRange_m?: number
  rng: Rng
}

export interface SimTruth {
  t_s: number
  tag: string
  x: number
  y: number
  z: number
}

export interface UwbSimResult {
  epochs: RangeEpoch[]
  /** Truth per epoch, same order as `epochs`. */
  truth: SimTruth[]
  anchorBias: Record<string, number>
}

interface Walker {
  id: string
  seg: number
  /** Distance along the segment from its start node when `forward`, else from its end node. */
  along: number
  forward: boolean
  speed: number
  pauseLeft: number
  rng: Rng
}

function segLength(net: RoadNetwork, s: number): number {
  return Math.hypot(net.bx[s] - net.ax[s], net.by[s] - net.ay[s], net.bz[s] - net.az[s])
}

function walkerPosition(net: RoadNetwork, w: Walker, h: number): Vec3 {
  const L = segLength(net, w.seg) || 1
  const t = w.forward ? w.along / L : 1 - w.along / L
  const s = w.seg
  return {
    x: net.ax[s] + t * (net.bx[s] - net.ax[s]),
    y: net.ay[s] + t * (net.by[s] - net.ay[s]),
    z: net.az[s] + t * (net.bz[s] - net.az[s]) + h,
  }
}

/** Advances a walker by dt: at a node it takes a random other segment (turns back only at a dead end). */
function advance(net: RoadNetwork, w: Walker, dt: number, pausePerS: number): void {
  if (w.pauseLeft > 0) {
    w.pauseLeft -= dt
    return
  }
  if (w.rng.next() < pausePerS * dt) {
    w.pauseLeft = w.rng.uniform(2, 10)
    return
  }
  let left = w.speed * dt
  for (let guard = 0; guard < 100 && left > 0; guard++) {
    const L = segLength(net, w.seg)
    if (w.along + left < L) {
      w.along += left
      return
    }
    left -= L - w.along
    const node = w.forward ? net.nb[w.seg] : net.na[w.seg]
    const options = net.adjacency[node].filter((s) => s !== w.seg)
    const next = options.length ? options[w.rng.int(options.length)] : w.seg
    w.forward = net.na[next] === node
    w.seg = next
    w.along = 0
  }
}

export function simulateUwb(o: UwbSimOptions): UwbSimResult {
  const rate = o.rate_hz ?? 10
  const dt = 1 / rate
  const h = o.tagHeight_m ?? 1.0
  const sigma = o.noiseSigma_m ?? 0.07
  const bias = o.bias_m ?? 0
  const nlosRate = o.nlosRatePerS ?? 0
  const nlosMean = o.nlosMean_m ?? 0.5
  const spikeProb = o.spikeProb ?? 0
  const spikeMean = o.spikeMean_m ?? 1.5
  const dropout = o.dropoutProb ?? 0
  const maxRange = o.maxRange_m ?? 60
  const net = o.network
  const anchorRng = o.rng.fork('anchor-bias')
  const anchorBias: Record<string, number> = {}
  for (const a of o.anchors) anchorBias[a.id] = (o.anchorBiasSigma_m ?? 0) * anchorRng.normal()
  const walkers: Walker[] = []
  const nseg = net.ax.length
  for (let i = 0; i < o.tags; i++) {
    const rng = o.rng.fork(`tag${i}`)
    const seg = rng.int(nseg)
    walkers.push({
      id: `t${i}`,
      seg,
      along: rng.uniform(0, segLength(net, seg)),
      forward: rng.next() < 0.5,
      speed: Math.max(0.2, (o.speed_mps ?? 1.2) + (o.speedSpread_mps ?? 0.2) * rng.normal()),
      pauseLeft: 0,
      rng,
    })
  }
  // NLOS episode end time per tag×anchor link.
  const nlosUntil = new Float64Array(o.tags * o.anchors.length).fill(-1)
  const nlosExcess = new Float64Array(o.tags * o.anchors.length)
  const epochs: RangeEpoch[] = []
  const truth: SimTruth[] = []
  const steps = Math.floor(o.duration_s * rate)
  const phase = walkers.map((w) => w.rng.uniform(0, dt))
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < walkers.length; i++) {
      const w = walkers[i]
      const t = Math.round((k * dt + phase[i]) * 1e4) / 1e4
      advance(net, w, dt, o.pausePerS ?? 0.02)
      const p = walkerPosition(net, w, h)
      const ranges: Record<string, number> = {}
      for (let j = 0; j < o.anchors.length; j++) {
        const a = o.anchors[j]
        const d = Math.hypot(p.x - a.x, p.y - a.y, p.z - a.z)
        const link = i * o.anchors.length + j
        // Draw every random number for every link so that changing one error source does not reshuffle the others.
        const uDrop = w.rng.next()
        const uNlos = w.rng.next()
        const uSpike = w.rng.next()
        const noise = w.rng.normal()
        const eNlos = -Math.log(1 - w.rng.next()) * nlosMean
        const eSpike = -Math.log(1 - w.rng.next()) * spikeMean
        const dur = w.rng.uniform(1, 5)
        if (d > maxRange || uDrop < dropout) continue
        if (t > nlosUntil[link] && uNlos < nlosRate * dt) {
          nlosUntil[link] = t + dur
          nlosExcess[link] = eNlos
        }
        let r = d + bias + anchorBias[a.id] + sigma * noise
        if (t <= nlosUntil[link]) r += nlosExcess[link] * (0.7 + 0.6 * w.rng.next())
        if (uSpike < spikeProb) r += eSpike
        ranges[a.id] = Math.round(Math.max(0, r) * 1e4) / 1e4
      }
      epochs.push({ t_s: t, tag: w.id, ranges })
      truth.push({ t_s: t, tag: w.id, x: p.x, y: p.y, z: p.z })
    }
  }
  return { epochs, truth, anchorBias }
}

/** Anchors along every segment of a network, at most `spacing_m` apart, alternating sides, at `height_m` above the centre line. */
export function anchorsAlongNetwork(net: RoadNetwork, spacing_m: number, height_m: number, offset_m = 2): Anchor[] {
  const out: Anchor[] = []
  const seen = new Set<string>()
  let side = 1
  for (let s = 0; s < net.ax.length; s++) {
    const L = Math.hypot(net.bx[s] - net.ax[s], net.by[s] - net.ay[s])
    const n = Math.max(1, Math.ceil(L / spacing_m))
    const ux = (net.bx[s] - net.ax[s]) / (L || 1)
    const uy = (net.by[s] - net.ay[s]) / (L || 1)
    for (let i = 0; i <= n; i++) {
      const t = i / n
      const x = net.ax[s] + t * (net.bx[s] - net.ax[s]) - uy * offset_m * side
      const y = net.ay[s] + t * (net.by[s] - net.ay[s]) + ux * offset_m * side
      const k = `${Math.round(x)},${Math.round(y)}`
      if (seen.has(k)) continue
      seen.add(k)
      side = -side
      out.push({ id: `a${out.length}`, x, y, z: net.az[s] + t * (net.bz[s] - net.az[s]) + height_m })
    }
  }
  return out
}
