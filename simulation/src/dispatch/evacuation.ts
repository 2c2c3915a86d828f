/**
 * Getting people out: walking routes to the nearest safe muster point that stay out of the
 * plume, muster capacity, and accountability (who has not arrived).
 *
 * People walk on every road in both directions (one-way is for vehicles) at `WALK_SPEED`, plus a
 * straight first leg to one of the few nearest road nodes, a straight last leg from the road to
 * the muster point, and — for anyone within `DIRECT_M` of a muster point — straight across the
 * yard. Legs are clipped against the zones like edges: a leg through AEGL-3 is impassable.
 *
 * A muster point is safe when it lies outside AEGL-2 and AEGL-3 (and the 60 %/10 % LEL zones).
 * One search per safe muster point gives every person's walking time to it; people are then
 * placed by "largest regret first" (those who lose most by not getting their nearest point are
 * placed first), splitting building groups over points when one fills. That greedy is not a
 * proven optimum of the capacitated problem but never overfills a point while another safe one
 * has room; people left over go to their nearest safe point and are reported as overflow.
 */
import { toLocal, toLngLat, type LngLat } from '../geo/frames'
import type { Scene } from '../scene/sceneSchema'
import {
  AEGL2_FACTOR,
  DOWNWIND_FACTOR,
  FORBIDDEN_TOLERANCE_M,
  LEAST_BAD_S_PER_M,
  isDownwind,
  pointSeverity,
  segmentExposure,
  type GraphHazard,
} from './hazard'
import { assembleRoute, createWorkspace, search, type Route, type RoutePiece, type SearchSeed } from './route'
import { buildGraph, nearestNodes, type RoadGraph, type SegmentInput } from './roadGraph'

/** Walking speed, m/s: a brisk walk wearing an escape hood, slower than the 1.4 m/s free walk. */
export const WALK_SPEED = 1.2
/** Within this distance people walk straight to a muster point, m. */
export const DIRECT_M = 150
/** Nearest road nodes tried for the first and last legs. */
const LEG_NODES = 3

export interface Evacuee {
  id: string
  e: number
  n: number
  /** People in the group (a building's occupants); 1 for a tracked person. */
  count?: number
}

export interface MusterInput {
  id: string
  e: number
  n: number
  capacity: number
}

export interface EvacAssignment {
  personId: string
  count: number
  musterId: string
  etaS: number
  distanceM: number
  safe: boolean
  route: Route
}

export interface MusterStatus {
  id: string
  capacity: number
  assigned: number
  safe: boolean
  severity: 'forbidden' | 'penalised' | 'advisory' | 'clear'
  lngLat: LngLat
}

export interface EvacuationPlan {
  assignments: EvacAssignment[]
  musters: MusterStatus[]
  /** Groups placed beyond every safe point's capacity (still routed to the nearest safe point). */
  overflow: { personId: string; count: number; musterId: string }[]
  /** People with no way to any safe muster point. */
  stranded: { personId: string; count: number; reason: string }[]
}

interface WalkGraph {
  graph: RoadGraph
  /** Original (directed) edge of each walking edge, for hazard lookup and road names. */
  orig: Int32Array
}

const walkCache = new WeakMap<RoadGraph, WalkGraph>()

/** The same nodes with every segment two-way (pedestrians ignore one-way signs). */
export function walkingGraph(g: RoadGraph): WalkGraph {
  const hit = walkCache.get(g)
  if (hit) return hit
  const segments: SegmentInput[] = []
  const origOfSeg: number[] = []
  for (let k = 0; k < g.edgeCount; k++) {
    const t = g.edgeTwin[k]
    if (t >= 0 && t < k) continue
    segments.push({ from: g.edgeFrom[k], to: g.edgeTo[k], speedKmh: WALK_SPEED * 3.6, road: g.edgeRoad[k] })
    origOfSeg.push(k)
  }
  const graph = buildGraph({
    origin: g.origin,
    nodeE: g.nodeE,
    nodeN: g.nodeN,
    segments,
    roadIds: g.roadIds,
    roadNames: g.roadNames,
  })
  const orig = new Int32Array(graph.edgeCount)
  // buildGraph adds each two-way segment as edges 2s (forward) and 2s+1 (backward).
  for (let s = 0; s < segments.length; s++) {
    orig[2 * s] = origOfSeg[s]
    orig[2 * s + 1] = g.edgeTwin[origOfSeg[s]] >= 0 ? g.edgeTwin[origOfSeg[s]] : origOfSeg[s]
  }
  const w = { graph, orig }
  walkCache.set(g, w)
  return w
}

function walkCosts(w: WalkGraph, h: GraphHazard, leastBad: boolean): Float64Array {
  const c = new Float64Array(w.graph.edgeCount)
  for (let k = 0; k < c.length; k++) {
    const o = w.orig[k]
    const t = w.graph.edgeTime[k]
    const len = w.graph.edgeLength[k] || 1
    const factor = 1 + ((AEGL2_FACTOR - 1) * h.penalisedM[o]) / len + (h.downwind[o] ? DOWNWIND_FACTOR - 1 : 0)
    const f = h.forbiddenM[o]
    c[k] = f > FORBIDDEN_TOLERANCE_M ? (leastBad ? t * factor + LEAST_BAD_S_PER_M * f : Infinity) : t * factor
  }
  return c
}

function legCost(h: GraphHazard, ax: number, ay: number, bx: number, by: number, leastBad: boolean): number {
  const len = Math.hypot(bx - ax, by - ay)
  const t = len / WALK_SPEED
  if (len === 0) return 0
  const x = segmentExposure(h.zones, ax, ay, bx, by)
  const factor =
    1 +
    ((AEGL2_FACTOR - 1) * x.penalisedM) / len +
    (isDownwind(h, (ax + bx) / 2, (ay + by) / 2) ? DOWNWIND_FACTOR - 1 : 0)
  if (x.forbiddenM > FORBIDDEN_TOLERANCE_M) return leastBad ? t * factor + LEAST_BAD_S_PER_M * x.forbiddenM : Infinity
  return t * factor
}

interface MusterTree {
  dist: Float64Array
  prev: Int32Array
  reached: Uint8Array
  /** Last-leg cost from each seed node to the muster point (seed nodes only). */
  seeds: SearchSeed[]
}

/** Plan the evacuation of `people` to `musters` under the hazard `h`. Pure. */
export function planEvacuation(
  g: RoadGraph,
  h: GraphHazard,
  people: readonly Evacuee[],
  musters: readonly MusterInput[],
): EvacuationPlan {
  const w = walkingGraph(g)
  const wg = w.graph
  const ws = createWorkspace(wg)
  const status: MusterStatus[] = musters.map((m) => {
    const severity = pointSeverity(h.zones, m.e, m.n)
    return {
      id: m.id,
      capacity: m.capacity,
      assigned: 0,
      safe: severity === 'clear' || severity === 'advisory',
      severity,
      lngLat: toLngLat(g.origin, m.e, m.n),
    }
  })
  const safeIdx = musters.map((_, i) => i).filter((i) => status[i].safe)
  const personSeeds = people.map((p) => nearestNodes(wg, p.e, p.n, LEG_NODES))
  const nP = people.length
  const nM = safeIdx.length
  const cost = new Float64Array(nP * nM).fill(Infinity)
  const leastBadFlag = new Uint8Array(nP * nM)
  const trees: (MusterTree | null)[][] = [[], []]

  const fill = (leastBad: boolean, only: Uint8Array | null) => {
    const costs = walkCosts(w, h, leastBad)
    // First legs do not depend on the muster point: cost them once per person.
    const firstLeg = people.map((p, i) =>
      only && !only[i]
        ? []
        : personSeeds[i].map((s) => legCost(h, p.e, p.n, wg.nodeE[s.node], wg.nodeN[s.node], leastBad)),
    )
    for (let j = 0; j < nM; j++) {
      const m = musters[safeIdx[j]]
      const seeds = nearestNodes(wg, m.e, m.n, LEG_NODES).map((c) => ({
        node: c.node,
        cost: legCost(h, wg.nodeE[c.node], wg.nodeN[c.node], m.e, m.n, leastBad),
      }))
      // The walking graph is symmetric, so one search from the muster point serves everyone.
      search(wg, costs, seeds, ws, { reverse: true })
      const tree: MusterTree = {
        dist: new Float64Array(wg.nodeCount).fill(Infinity),
        prev: Int32Array.from(ws.prev),
        reached: new Uint8Array(wg.nodeCount),
        seeds,
      }
      for (let v = 0; v < wg.nodeCount; v++)
        if (ws.stamp[v] === ws.gen) {
          tree.dist[v] = ws.dist[v]
          tree.reached[v] = 1
        }
      trees[leastBad ? 1 : 0][j] = tree
      for (let i = 0; i < nP; i++) {
        if (only && !only[i]) continue
        const p = people[i]
        let best = Infinity
        if (Math.hypot(p.e - m.e, p.n - m.n) <= DIRECT_M) best = legCost(h, p.e, p.n, m.e, m.n, leastBad)
        personSeeds[i].forEach((s, k) => {
          const d = tree.dist[s.node]
          if (d < Infinity) best = Math.min(best, firstLeg[i][k] + d)
        })
        if (best < cost[i * nM + j]) {
          cost[i * nM + j] = best
          leastBadFlag[i * nM + j] = leastBad ? 1 : 0
        }
      }
    }
  }
  fill(false, null)
  const noSafe = new Uint8Array(nP)
  let anyNoSafe = false
  for (let i = 0; i < nP; i++) {
    let ok = false
    for (let j = 0; j < nM; j++) if (cost[i * nM + j] < Infinity) ok = true
    if (!ok) {
      noSafe[i] = 1
      anyNoSafe = true
    }
  }
  if (anyNoSafe && nM > 0) fill(true, noSafe)

  // Largest regret first: (second-best − best) per group.
  const order = people.map((_, i) => {
    let b1 = Infinity,
      b2 = Infinity
    for (let j = 0; j < nM; j++) {
      const c = cost[i * nM + j]
      if (c < b1) {
        b2 = b1
        b1 = c
      } else if (c < b2) b2 = c
    }
    return { i, regret: b1 === Infinity ? -1 : b2 === Infinity ? Infinity : b2 - b1, best: b1 }
  })
  order.sort((a, b) => b.regret - a.regret || a.best - b.best || a.i - b.i)

  const assignments: EvacAssignment[] = []
  const overflow: EvacuationPlan['overflow'] = []
  const stranded: EvacuationPlan['stranded'] = []
  for (const { i } of order) {
    const p = people[i]
    let left = p.count ?? 1
    const ranked = [...Array(nM).keys()]
      .filter((j) => cost[i * nM + j] < Infinity)
      .sort((a, b) => cost[i * nM + a] - cost[i * nM + b])
    if (ranked.length === 0) {
      stranded.push({
        personId: p.id,
        count: left,
        reason: nM === 0 ? 'no muster point is outside the AEGL-2 zone' : 'no walking route to any safe muster point',
      })
      continue
    }
    for (const j of ranked) {
      if (left <= 0) break
      const st = status[safeIdx[j]]
      const room = st.capacity - st.assigned
      if (room <= 0) continue
      const take = Math.min(room, left)
      st.assigned += take
      left -= take
      assignments.push(buildAssignment(g, w, h, trees, p, take, musters[safeIdx[j]], j, leastBadFlag[i * nM + j] === 1))
    }
    if (left > 0) {
      const j = ranked[0]
      status[safeIdx[j]].assigned += left
      overflow.push({ personId: p.id, count: left, musterId: musters[safeIdx[j]].id })
      assignments.push(buildAssignment(g, w, h, trees, p, left, musters[safeIdx[j]], j, leastBadFlag[i * nM + j] === 1))
    }
  }
  return { assignments, musters: status, overflow, stranded }
}

function buildAssignment(
  g: RoadGraph,
  w: WalkGraph,
  h: GraphHazard,
  trees: (MusterTree | null)[][],
  p: Evacuee,
  count: number,
  m: MusterInput,
  j: number,
  leastBad: boolean,
): EvacAssignment {
  const wg = w.graph
  const tree = trees[leastBad ? 1 : 0][j]!
  const leg = (ax: number, ay: number, bx: number, by: number): RoutePiece => ({
    ax,
    ay,
    bx,
    by,
    edge: -1,
    time: Math.hypot(bx - ax, by - ay) / WALK_SPEED,
    whole: false,
  })
  // Re-derive the best option (direct or via one of the nearest nodes) for this muster point.
  let best = Infinity
  let pieces: RoutePiece[] = []
  if (Math.hypot(p.e - m.e, p.n - m.n) <= DIRECT_M) {
    best = legCost(h, p.e, p.n, m.e, m.n, leastBad)
    pieces = [leg(p.e, p.n, m.e, m.n)]
  }
  for (const s of nearestNodes(wg, p.e, p.n, LEG_NODES)) {
    const d = tree.dist[s.node]
    if (d === Infinity) continue
    const c = legCost(h, p.e, p.n, wg.nodeE[s.node], wg.nodeN[s.node], leastBad) + d
    if (c >= best) continue
    best = c
    pieces = [leg(p.e, p.n, wg.nodeE[s.node], wg.nodeN[s.node])]
    let x = s.node
    for (let guard = 0; tree.prev[x] >= 0 && tree.reached[x] && guard <= wg.nodeCount; guard++) {
      const we = tree.prev[x]
      const y = wg.edgeTo[we]
      pieces.push({
        ax: wg.nodeE[x],
        ay: wg.nodeN[x],
        bx: wg.nodeE[y],
        by: wg.nodeN[y],
        edge: w.orig[we],
        time: wg.edgeTime[we],
        whole: true,
      })
      x = y
    }
    pieces.push(leg(wg.nodeE[x], wg.nodeN[x], m.e, m.n))
  }
  const route = assembleRoute(
    g,
    h,
    pieces.filter((q) => q.time > 0),
    leastBad ? 'leastBad' : 'safe',
  )
  if (!route.safe)
    route.message = `no walking route avoids the forbidden zone; least-bad route runs ${Math.round(route.exposure.forbiddenM)} m inside it`
  return { personId: p.id, count, musterId: m.id, etaS: route.etaS, distanceM: route.lengthM, safe: route.safe, route }
}

/** Building occupants as evacuee groups (centroid of the footprint, day-shift occupancy). */
export function occupantsFromScene(scene: Pick<Scene, 'origin' | 'buildings'>): Evacuee[] {
  return scene.buildings
    .filter((b) => b.occupancy > 0)
    .map((b) => {
      let e = 0,
        n = 0
      for (const q of b.footprint) {
        const l = toLocal(scene.origin, q)
        e += l.e
        n += l.n
      }
      return { id: `building:${b.id}`, e: e / b.footprint.length, n: n / b.footprint.length, count: b.occupancy }
    })
}

/** The scene's muster points in local metres. */
export function musterPointsFromScene(scene: Pick<Scene, 'origin' | 'musterPoints'>): MusterInput[] {
  return scene.musterPoints.map((m) => {
    const l = toLocal(scene.origin, m.position)
    return { id: m.id, e: l.e, n: l.n, capacity: m.capacity }
  })
}

// ---------------------------------------------------------------------------------------------
// Muster accountability: a fold over events.

export interface EvacuationOrderedEvent {
  type: 'evacuation.ordered'
  evacuationId: string
  /** Who is expected where (a building group with its head count). */
  expected: { personId: string; musterId: string; count: number }[]
}

export interface MusterCheckedInEvent {
  type: 'muster.checked_in'
  personId: string
  musterId: string
  /** 'uwb' when the tag was seen inside the muster radius; 'manual' for a warden's roll call. */
  via: 'uwb' | 'manual'
}

export interface MusterHeadcountEvent {
  type: 'muster.headcount'
  musterId: string
  /** Group counted (a building group id), or null for untracked extras. */
  groupId: string | null
  count: number
}

export type MusterEvent = EvacuationOrderedEvent | MusterCheckedInEvent | MusterHeadcountEvent

export interface MusterState {
  evacuationId: string | null
  /** personId → expected muster point and head count. */
  expected: Record<string, { musterId: string; count: number }>
  /** personId → where they checked in. */
  arrived: Record<string, { musterId: string; via: 'uwb' | 'manual' }>
  /** musterId → groupId → counted heads. */
  headcounts: Record<string, Record<string, number>>
}

export function emptyMusterState(): MusterState {
  return { evacuationId: null, expected: {}, arrived: {}, headcounts: {} }
}

/** Pure fold step; unknown event types return the state unchanged. */
export function reduceMuster(s: MusterState, ev: MusterEvent | { type: string }): MusterState {
  switch (ev.type) {
    case 'evacuation.ordered': {
      const o = ev as EvacuationOrderedEvent
      const expected: MusterState['expected'] = {}
      for (const x of o.expected) {
        const prev = expected[x.personId]
        // A building group split over points: keep the larger share as the expected point.
        if (!prev || x.count > prev.count)
          expected[x.personId] = { musterId: x.musterId, count: x.count + (prev?.count ?? 0) }
        else prev.count += x.count
      }
      return { evacuationId: o.evacuationId, expected, arrived: {}, headcounts: {} }
    }
    case 'muster.checked_in': {
      const c = ev as MusterCheckedInEvent
      if (s.arrived[c.personId]) return s
      return { ...s, arrived: { ...s.arrived, [c.personId]: { musterId: c.musterId, via: c.via } } }
    }
    case 'muster.headcount': {
      const c = ev as MusterHeadcountEvent
      const m = { ...(s.headcounts[c.musterId] ?? {}), [c.groupId ?? '(other)']: c.count }
      return { ...s, headcounts: { ...s.headcounts, [c.musterId]: m } }
    }
    default:
      return s
  }
}

/** Check-ins for tracked people now within `radiusM` of a muster point (not yet arrived). */
export function detectArrivals(
  s: MusterState,
  positions: readonly { id: string; e: number; n: number }[],
  musters: readonly MusterInput[],
  radiusM = 30,
): MusterCheckedInEvent[] {
  const out: MusterCheckedInEvent[] = []
  for (const p of positions) {
    if (s.arrived[p.id]) continue
    let best: MusterInput | null = null
    let bd = radiusM
    for (const m of musters) {
      const d = Math.hypot(p.e - m.e, p.n - m.n)
      if (d <= bd) {
        bd = d
        best = m
      }
    }
    if (best) out.push({ type: 'muster.checked_in', personId: p.id, musterId: best.id, via: 'uwb' })
  }
  return out
}

export interface MusterReport {
  totalExpected: number
  totalArrived: number
  musters: { id: string; expected: number; arrived: number; missing: string[] }[]
  /** Tracked people (and groups short of their head count) not yet accounted for. */
  missing: { personId: string; musterId: string; count: number }[]
}

/** Expected vs arrived per muster point, and who is missing. */
export function musterReport(s: MusterState): MusterReport {
  const per = new Map<string, { id: string; expected: number; arrived: number; missing: string[] }>()
  const row = (id: string) => {
    let r = per.get(id)
    if (!r) per.set(id, (r = { id, expected: 0, arrived: 0, missing: [] }))
    return r
  }
  const missing: MusterReport['missing'] = []
  let totalExpected = 0
  let totalArrived = 0
  for (const [personId, x] of Object.entries(s.expected)) {
    const r = row(x.musterId)
    r.expected += x.count
    totalExpected += x.count
    if (x.count === 1 && s.arrived[personId]) {
      row(s.arrived[personId].musterId).arrived += 1
      totalArrived += 1
      continue
    }
    // A group is accounted by head counts summed over every muster point.
    let counted = s.arrived[personId] ? 1 : 0
    for (const [mid, groups] of Object.entries(s.headcounts))
      if (groups[personId]) {
        counted += groups[personId]
        row(mid).arrived += groups[personId]
      }
    if (s.arrived[personId]) row(s.arrived[personId].musterId).arrived += 1
    counted = Math.min(counted, x.count)
    totalArrived += counted
    if (counted < x.count) {
      r.missing.push(personId)
      missing.push({ personId, musterId: x.musterId, count: x.count - counted })
    }
  }
  for (const [id, groups] of Object.entries(s.headcounts)) if (groups['(other)']) row(id).arrived += groups['(other)']
  return { totalExpected, totalArrived, musters: [...per.values()], missing }
}
