/**
 * The simulated people behind the live UWB picture: walkers on a route network (mine roadways,
 * park roads plus walkways through the process areas) with work/travel activities, and the raw
 * two-way ranges their tags would measure (noise, a system bias, per-anchor bias, NLOS episodes,
 * spikes, dropouts, a maximum range). Only the ranges leave this file: positions on screens come
 * from the real tracker, so what the operator sees has the real solver's errors.
 *
 * Deterministic: every random number comes from the walker's own fork of the host's seeded rng,
 * and time from the frame time, so a drill run twice with one seed moves everybody the same way.
 */
import type { Rng } from '@sim/core/rng'
import { anchorsAlongNetwork, createRoadNetwork, type Anchor, type RoadNetwork, type Vec3 } from '@sim/positioning'
import { mineNetwork } from '@sim/people'
import { ringToLocal, toLocal } from '@sim/geo/frames'
import type { Scene } from '@sim/scene/sceneSchema'
import type { Person } from '@sim/scene/mineSchema'

/** A place on the network: segment and fraction 0…1 from its `a` end. */
export interface NetPos {
  seg: number
  f: number
}

export interface RangeErrors {
  sigma_m: number
  bias_m: number
  anchorBiasSigma_m: number
  /** Per link and second: chance an NLOS episode (1–5 s) starts. */
  nlosRatePerS: number
  nlosMean_m: number
  spikeProb: number
  dropoutProb: number
  maxRange_m: number
  /** Anchors ranged per epoch (the nearest): two-way ranging costs airtime, so tags poll a few. */
  maxAnchors: number
}

/** Errors like the accuracy tests' mine scenario (docs/positioning.md): realistic, not kind. */
export const DEFAULT_RANGE_ERRORS: RangeErrors = {
  sigma_m: 0.1,
  bias_m: 0.2,
  anchorBiasSigma_m: 0.03,
  nlosRatePerS: 0.03,
  nlosMean_m: 0.6,
  spikeProb: 0.01,
  dropoutProb: 0.1,
  // Line-of-sight UWB in a straight roadway reaches 100 m and more; with 60 m a tag at a heading's
  // dead end hears two anchors and cannot start a 2D track.
  maxRange_m: 100,
  // Real TWR schedules poll 4–8 anchors per epoch; ranging every anchor in reach (50+ in the
  // park's process areas) would also make the tracker's NLOS screening 20× slower.
  maxAnchors: 8,
}

export const TAG_HEIGHT_M = 1

/** A test/drill instruction for one walker: go to a point (or jump there), then stay. */
export interface WalkerScript {
  to?: { e: number; n: number }
  teleport?: boolean
  /** Seconds to stay, counted from now (default: until the script is replaced or cleared). */
  hold_s?: number
  /** While holding, shuffle ±mill_m along the roadway (work in place) instead of standing still. */
  mill_m?: number
}

interface Walker {
  person: Person
  rng: Rng
  pos: Vec3
  at: NetPos
  path: Vec3[]
  leg: number
  speed: number
  /** Current pace (m/s): walking speed, or the slower working pace while milling. */
  pace: number
  holdUntil: number
  /** Working around `workAt` until this time (ms); −∞ when travelling. */
  workUntil: number
  workAt: NetPos | null
  millRadius: number
  spots: NetPos[]
  script: WalkerScript | null
  /** NLOS episodes per anchor index: [until ms, excess m]. */
  nlos: Map<number, [number, number]>
}

/** The walk network and anchors of a scene: the mine's roadways and anchors, or a generated park layout. */
export function peopleLayout(scene: Scene): { network: RoadNetwork; anchors: Anchor[]; generatedAnchors: boolean } {
  if (scene.kind === 'mine' && scene.mine) {
    const anchors = scene.uwbAnchors.map((a) => {
      const l = toLocal(scene.origin, a.position)
      return { id: a.id, x: l.e, y: l.n, z: a.height_m }
    })
    return { network: mineNetwork(scene), anchors, generatedAnchors: false }
  }
  const network = parkWalkNetwork(scene)
  if (scene.uwbAnchors.length) {
    const anchors = scene.uwbAnchors.map((a) => {
      const l = toLocal(scene.origin, a.position)
      return { id: a.id, x: l.e, y: l.n, z: a.height_m }
    })
    return { network, anchors, generatedAnchors: false }
  }
  // The park scene has no anchors (its generator is not ours): hang them every ≤ 30 m along the
  // walkways and roads, alternating sides, 3 m up — a typical plant deployment on pipe racks and poles.
  const anchors = anchorsAlongNetwork(network, 30, 3, 2).map((a, i) => ({
    ...a,
    id: `PA-${String(i + 1).padStart(4, '0')}`,
  }))
  return { network, anchors, generatedAnchors: true }
}

/**
 * The park's walkable network: its internal roads, plus for every production/hazardous zone a
 * walkway loop inside it (the zone's outline shrunk to 70 % about its centre, so a person on it is
 * clearly inside) joined to the nearest road by a spur — people walk from the road into the unit.
 */
export function parkWalkNetwork(scene: Scene): RoadNetwork {
  const roads: Vec3[][] = scene.roads.features
    .filter((f) => f.properties.class !== 'external')
    .map((f) =>
      f.geometry.coordinates.map((c) => {
        const l = toLocal(scene.origin, c)
        return { x: l.e, y: l.n, z: 0 }
      }),
    )
  const loops: Vec3[][] = []
  const joins: { road: number; seg: number; p: Vec3 }[] = []
  for (const z of scene.zones) {
    if (z.kind !== 'production' && z.kind !== 'hazardous') continue
    const ring = ringToLocal(scene.origin, z.polygon)
    const k = ring.length / 2
    let ce = 0
    let cn = 0
    for (let i = 0; i < k; i++) {
      ce += ring[2 * i]
      cn += ring[2 * i + 1]
    }
    ce /= k
    cn /= k
    const loop: Vec3[] = []
    for (let i = 0; i < k; i++)
      loop.push({ x: ce + 0.7 * (ring[2 * i] - ce), y: cn + 0.7 * (ring[2 * i + 1] - cn), z: 0 })
    loop.push({ ...loop[0] })
    // Spur from the loop vertex nearest to a road to that road's nearest point.
    let best = { d: Infinity, road: -1, seg: -1, p: loop[0], from: loop[0] }
    for (const v of loop)
      roads.forEach((line, ri) => {
        for (let s = 0; s + 1 < line.length; s++) {
          const q = closest(line[s], line[s + 1], v)
          const d = Math.hypot(q.x - v.x, q.y - v.y)
          if (d < best.d) best = { d, road: ri, seg: s, p: q, from: v }
        }
      })
    loops.push(loop)
    if (best.road >= 0) {
      loops.push([{ ...best.from }, { ...best.p }])
      joins.push({ road: best.road, seg: best.seg, p: best.p })
    }
  }
  // Split the roads at the spur ends so the network joins there (it joins at shared vertices only).
  const split = roads.map((line, ri) => {
    const out: Vec3[] = []
    for (let s = 0; s < line.length; s++) {
      out.push(line[s])
      if (s + 1 === line.length) break
      const here = joins.filter((j) => j.road === ri && j.seg === s)
      here.sort((a, b) => dist2(line[s], a.p) - dist2(line[s], b.p))
      for (const j of here) if (dist2(out[out.length - 1], j.p) > 1e-4 && dist2(line[s + 1], j.p) > 1e-4) out.push(j.p)
    }
    return out
  })
  return createRoadNetwork([...split, ...loops], 20)
}

function closest(a: Vec3, b: Vec3, p: Vec3): Vec3 {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const L2 = dx * dx + dy * dy
  const t = L2 > 0 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / L2)) : 0
  return { x: a.x + t * dx, y: a.y + t * dy, z: a.z + t * (b.z - a.z) }
}

function dist2(a: Vec3, b: Vec3): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2
}

/** Shortest paths on the network, one Dijkstra tree per source node, cached (the network is small). */
class Router {
  private readonly trees = new Map<number, { dist: Float64Array; prev: Int32Array }>()
  readonly len: Float64Array
  constructor(readonly net: RoadNetwork) {
    const n = net.ax.length
    this.len = new Float64Array(n)
    for (let s = 0; s < n; s++)
      this.len[s] = Math.hypot(net.bx[s] - net.ax[s], net.by[s] - net.ay[s], net.bz[s] - net.az[s])
  }

  point(p: NetPos): Vec3 {
    const n = this.net
    const s = p.seg
    return {
      x: n.ax[s] + p.f * (n.bx[s] - n.ax[s]),
      y: n.ay[s] + p.f * (n.by[s] - n.ay[s]),
      z: n.az[s] + p.f * (n.bz[s] - n.az[s]),
    }
  }

  private tree(src: number): { dist: Float64Array; prev: Int32Array } {
    let t = this.trees.get(src)
    if (t) return t
    const net = this.net
    const V = net.nodes.length
    const dist = new Float64Array(V).fill(Infinity)
    const prev = new Int32Array(V).fill(-1)
    const done = new Uint8Array(V)
    dist[src] = 0
    // O(V²) Dijkstra: networks here have a few hundred nodes and trees are cached.
    for (;;) {
      let u = -1
      for (let v = 0; v < V; v++) if (!done[v] && dist[v] < Infinity && (u < 0 || dist[v] < dist[u])) u = v
      if (u < 0) break
      done[u] = 1
      for (const s of net.adjacency[u]) {
        const v = net.na[s] === u ? net.nb[s] : net.na[s]
        const d = dist[u] + this.len[s]
        if (d < dist[v]) {
          dist[v] = d
          prev[v] = u
        }
      }
    }
    t = { dist, prev }
    this.trees.set(src, t)
    return t
  }

  /** Polyline from `a` to `b` along the network (just the two points when unreachable). */
  path(a: NetPos, b: NetPos): Vec3[] {
    const pa = this.point(a)
    const pb = this.point(b)
    if (a.seg === b.seg) return [pa, pb]
    const net = this.net
    const la = this.len[a.seg]
    const lb = this.len[b.seg]
    let best = Infinity
    let from = -1
    let to = -1
    for (const [sa, da] of [[net.na[a.seg], a.f * la] as const, [net.nb[a.seg], (1 - a.f) * la] as const]) {
      const tr = this.tree(sa)
      for (const [sb, db] of [[net.na[b.seg], b.f * lb] as const, [net.nb[b.seg], (1 - b.f) * lb] as const]) {
        const d = da + tr.dist[sb] + db
        if (d < best) {
          best = d
          from = sa
          to = sb
        }
      }
    }
    if (from < 0) return [pa, pb]
    const prev = this.tree(from).prev
    const nodes: number[] = []
    for (let v = to; v >= 0; v = v === from ? -1 : prev[v]) nodes.push(v)
    nodes.reverse()
    return [pa, ...nodes.map((v) => net.nodes[v]), pb]
  }
}

/** Anchors in a uniform grid of cells, for "which anchors can this tag hear" (numeric keys: no string garbage per query). */
class AnchorGrid {
  private readonly cells = new Map<number, number[]>()
  constructor(
    readonly anchors: readonly Anchor[],
    readonly cell: number,
  ) {
    anchors.forEach((a, i) => {
      const k = key(Math.floor(a.x / cell), Math.floor(a.y / cell))
      const c = this.cells.get(k)
      if (c) c.push(i)
      else this.cells.set(k, [i])
    })
  }
  near(x: number, y: number, out: number[]): number[] {
    out.length = 0
    const ci = Math.floor(x / this.cell)
    const cj = Math.floor(y / this.cell)
    for (let i = ci - 1; i <= ci + 1; i++)
      for (let j = cj - 1; j <= cj + 1; j++) {
        const c = this.cells.get(key(i, j))
        if (c) for (const a of c) out.push(a)
      }
    return out
  }
}

/** Cell key; scenes span far fewer than 2^20 cells a side. */
const key = (i: number, j: number) => (i + 0x80000) * 0x100000 + (j + 0x80000)

export interface WalkerOptions {
  network: RoadNetwork
  anchors: readonly Anchor[]
  /** Zone outlines (local rings) by id: a person's work spots are the places inside their work zone. */
  zoneRings: Map<string, Float64Array>
  /** Outlines nobody travels to on their own (restricted zones; intruders are scripted). */
  avoid: Float64Array[]
  errors?: RangeErrors
  rng: Rng
  mine: boolean
}

/** Everybody's simulated movement and tag ranges. */
export class WalkerSim {
  readonly walkers: Walker[]
  readonly router: Router
  private readonly grid: AnchorGrid
  private readonly err: RangeErrors
  private readonly anchorBias: Float64Array
  private readonly near: number[] = []
  private readonly cand: number[] = []
  private readonly allSpots: NetPos[]
  private readonly travelSpots: NetPos[]

  constructor(
    people: readonly Person[],
    private readonly o: WalkerOptions,
    t0: number,
  ) {
    this.router = new Router(o.network)
    this.err = o.errors ?? DEFAULT_RANGE_ERRORS
    this.grid = new AnchorGrid(o.anchors, Math.max(20, this.err.maxRange_m))
    const biasRng = o.rng.fork('anchor-bias')
    this.anchorBias = Float64Array.from(o.anchors, () => this.err.anchorBiasSigma_m * biasRng.normal())
    // Candidate places every 10 m along every segment; per zone, those inside it.
    this.allSpots = []
    for (let s = 0; s < this.router.len.length; s++) {
      const k = Math.max(1, Math.round(this.router.len[s] / 10))
      for (let i = 0; i < k; i++) this.allSpots.push({ seg: s, f: (i + 0.5) / k })
    }
    this.travelSpots = this.allSpots.filter((p) => {
      const q = this.router.point(p)
      return !o.avoid.some((ring) => inRing(ring, q.x, q.y))
    })
    if (!this.travelSpots.length) this.travelSpots = this.allSpots
    const spotsIn = new Map<string, NetPos[]>()
    for (const [id, ring] of o.zoneRings) {
      spotsIn.set(
        id,
        this.allSpots.filter((p) => {
          const q = this.router.point(p)
          return inRing(ring, q.x, q.y) && !o.avoid.some((r) => r !== ring && inRing(r, q.x, q.y))
        }),
      )
    }
    this.walkers = people.map((person) => {
      const rng = o.rng.fork(`walker:${person.id}`)
      const spots = (person.workZoneId && spotsIn.get(person.workZoneId)) || []
      const at =
        spots.length && rng.next() < 0.8
          ? spots[rng.int(spots.length)]
          : this.travelSpots[rng.int(this.travelSpots.length)]
      const p = this.router.point(at)
      const w: Walker = {
        person,
        rng,
        pos: { x: p.x, y: p.y, z: p.z + TAG_HEIGHT_M },
        at,
        path: [],
        leg: 0,
        speed: Math.max(0.6, (o.mine ? 1.0 : 1.2) + 0.15 * rng.normal()),
        pace: 1,
        holdUntil: t0 + rng.uniform(0, 20_000),
        workUntil: -Infinity,
        workAt: null,
        millRadius: 12,
        spots,
        script: null,
        nlos: new Map(),
      }
      return w
    })
  }

  /** Script one walker (tests, drills); null hands them back to their routine. */
  script(i: number, s: WalkerScript | null, t: number): void {
    const w = this.walkers[i]
    w.script = s
    w.path = []
    w.holdUntil = t
    w.workUntil = -Infinity
    w.workAt = null
    if (!s?.to) return
    const target = this.nearestSpot(s.to.e, s.to.n)
    if (s.teleport) {
      w.at = target
      const p = this.router.point(target)
      w.pos = { x: p.x, y: p.y, z: p.z + TAG_HEIGHT_M }
    } else this.walkTo(w, target)
    const hold = s.hold_s ?? Infinity
    // A scripted hold is "work in place" when milling, otherwise standing still (man-down tests).
    w.workAt = s.mill_m ? target : null
    w.millRadius = s.mill_m ?? 12
    w.workUntil = s.mill_m ? t + hold * 1000 : -Infinity
    w.holdUntil = s.mill_m ? t : t + hold * 1000
  }

  /** The network place nearest to a plan point (exactly on a roadway/walkway). */
  nearestSpot(e: number, n: number): NetPos {
    const net = this.o.network
    let best: NetPos = { seg: 0, f: 0 }
    let bd = Infinity
    for (let s = 0; s < net.ax.length; s++) {
      const q = closest(
        { x: net.ax[s], y: net.ay[s], z: net.az[s] },
        { x: net.bx[s], y: net.by[s], z: net.bz[s] },
        { x: e, y: n, z: 0 },
      )
      const d = (q.x - e) ** 2 + (q.y - n) ** 2
      if (d < bd) {
        bd = d
        const L = Math.hypot(net.bx[s] - net.ax[s], net.by[s] - net.ay[s])
        best = { seg: s, f: L > 0 ? Math.hypot(q.x - net.ax[s], q.y - net.ay[s]) / L : 0 }
      }
    }
    return best
  }

  /** Move everyone by the time since the last step (s), at frame time t (ms). */
  step(t: number, dt: number): void {
    for (const w of this.walkers) {
      if (w.path.length) {
        this.move(w, w.pace * dt)
        continue
      }
      if (t < w.holdUntil) continue
      this.nextActivity(w, t)
    }
  }

  private move(w: Walker, dist: number): void {
    let left = dist
    while (left > 0 && w.leg < w.path.length) {
      const target = w.path[w.leg]
      const dx = target.x - w.pos.x
      const dy = target.y - w.pos.y
      const dz = target.z + TAG_HEIGHT_M - w.pos.z
      const L = Math.hypot(dx, dy, dz)
      if (L <= left) {
        w.pos = { x: target.x, y: target.y, z: target.z + TAG_HEIGHT_M }
        left -= L
        w.leg++
      } else {
        const k = left / L
        w.pos = { x: w.pos.x + k * dx, y: w.pos.y + k * dy, z: w.pos.z + k * dz }
        left = 0
      }
    }
    if (w.leg >= w.path.length) w.path = []
  }

  private walkTo(w: Walker, to: NetPos): void {
    w.path = this.router.path(w.at, to)
    w.pace = w.speed
    w.leg = 0
    w.at = to
  }

  /**
   * The routine: people with a work zone mostly work there (short moves of a few metres around a
   * spot with pauses of 5–25 s — nobody stands still a full minute, which would be a man-down
   * alarm), now and then walk somewhere else and back; the others (transport, patrol) travel.
   */
  private nextActivity(w: Walker, t: number): void {
    const r = w.rng
    if (w.script) {
      if (w.workAt && t < w.workUntil) return this.mill(w, w.workAt, t)
      if (w.script.hold_s === undefined) {
        w.holdUntil = Infinity
        return
      }
      w.script = null
    }
    if (w.workAt && t < w.workUntil) return this.mill(w, w.workAt, t)
    w.workAt = null
    if (w.spots.length && r.next() < 0.75) {
      const spot = w.spots[r.int(w.spots.length)]
      this.walkTo(w, spot)
      w.workAt = spot
      w.millRadius = 12
      w.workUntil = t + r.uniform(120, 600) * 1000
      return
    }
    this.walkTo(w, this.travelSpots[r.int(this.travelSpots.length)])
    w.holdUntil = t + r.uniform(3, 20) * 1000
  }

  /**
   * Work in place: step to the other side of the work spot, at least 3 m, then pause 5–20 s. Short
   * shuffles chained with long pauses would look like a motionless person to the man-down
   * detector (speed over 10 s < 0.2 m/s for a minute), which a working person is not.
   */
  private mill(w: Walker, centre: NetPos, t: number): void {
    const r = w.rng
    const L = this.router.len[centre.seg] || 1
    const R = Math.max(3, w.millRadius)
    const cur = w.at.seg === centre.seg ? (w.at.f - centre.f) * L : 0
    const side = cur >= 0 ? -1 : 1
    const off = side * r.uniform(Math.min(R, Math.max(0, 3 - Math.abs(cur))), R)
    const to = { seg: centre.seg, f: Math.max(0, Math.min(1, centre.f + off / L)) }
    w.path = [this.router.point(to)]
    w.leg = 0
    w.at = to
    // Working pace, slower than walking; the pause starts on arrival.
    w.pace = 0.4
    const d = Math.hypot(w.path[0].x - w.pos.x, w.path[0].y - w.pos.y)
    w.holdUntil = t + (r.uniform(5, 20) + d / w.pace) * 1000
  }

  /** One epoch of ranges for walker i at time t (ms), dt s since the previous epoch. */
  ranges(i: number, t: number, dt: number): Record<string, number> {
    const w = this.walkers[i]
    const e = this.err
    const r = w.rng
    const out: Record<string, number> = {}
    const anchors = this.o.anchors
    const cand = this.cand
    cand.length = 0
    for (const j of this.grid.near(w.pos.x, w.pos.y, this.near)) {
      const a = anchors[j]
      const d = Math.hypot(w.pos.x - a.x, w.pos.y - a.y, w.pos.z - a.z)
      if (d <= e.maxRange_m) cand.push(d, j)
    }
    // The nearest maxAnchors (pairs [d, j] flattened; a selection pass, k is small).
    const k = Math.min(e.maxAnchors, cand.length / 2)
    for (let m = 0; m < k; m++) {
      let best = m
      for (let q = m + 1; q < cand.length / 2; q++) if (cand[2 * q] < cand[2 * best]) best = q
      if (best !== m) {
        const d0 = cand[2 * m]
        const j0 = cand[2 * m + 1]
        cand[2 * m] = cand[2 * best]
        cand[2 * m + 1] = cand[2 * best + 1]
        cand[2 * best] = d0
        cand[2 * best + 1] = j0
      }
    }
    for (let m = 0; m < k; m++) {
      const d = cand[2 * m]
      const j = cand[2 * m + 1]
      const a = anchors[j]
      if (r.next() < e.dropoutProb) continue
      let range = d + e.bias_m + this.anchorBias[j] + e.sigma_m * r.normal()
      const ep = w.nlos.get(j)
      if (ep && t <= ep[0]) range += ep[1] * (0.7 + 0.6 * r.next())
      else {
        if (ep) w.nlos.delete(j)
        if (r.next() < e.nlosRatePerS * dt) {
          const ex = -Math.log(1 - r.next()) * e.nlosMean_m
          w.nlos.set(j, [t + r.uniform(1, 5) * 1000, ex])
          range += ex
        }
      }
      if (r.next() < e.spikeProb) range += -Math.log(1 - r.next()) * 1.5
      out[a.id] = Math.round(Math.max(0, range) * 1e4) / 1e4
    }
    return out
  }
}

export function inRing(ring: ArrayLike<number>, e: number, n: number): boolean {
  let inside = false
  const k = ring.length / 2
  for (let i = 0, j = k - 1; i < k; j = i++) {
    const xi = ring[2 * i]
    const yi = ring[2 * i + 1]
    const xj = ring[2 * j]
    const yj = ring[2 * j + 1]
    if (yi > n !== yj > n && e < ((xj - xi) * (n - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
