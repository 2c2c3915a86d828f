/**
 * Hazard-aware shortest paths.
 *
 * `search` is Dijkstra (or A* when a single target is given) over a cost array, with a binary
 * heap on typed arrays and lazy deletion; the workspace's arrays are reset by a generation stamp
 * so a search costs what it visits, not the graph's size. It runs forwards from seeds (a unit's
 * position) or backwards over in-edges (from an incident to every unit at once).
 *
 * `route` answers "from here to there": first with `costSafe` (AEGL-3 impassable); when that finds
 * nothing it says so and retries with `costLeastBad`, which returns the route with the fewest
 * metres inside AEGL-3. Cost shapes the path; the ETA is always plain travel time along it.
 */
import { toLngLat } from '../geo/frames'
import {
  AEGL2_FACTOR,
  DOWNWIND_FACTOR,
  FORBIDDEN_TOLERANCE_M,
  LEAST_BAD_S_PER_M,
  isDownwind,
  segmentExposure,
  type GraphHazard,
} from './hazard'
import { nearestNode, type RoadGraph } from './roadGraph'

export type CostMode = 'safe' | 'leastBad' | 'time'

export interface SearchWorkspace {
  dist: Float64Array
  /** Edge used to reach the node (forward search), or to leave it towards the seed (backward). −1 at seeds. */
  prev: Int32Array
  stamp: Uint32Array
  gen: number
  /** Marks the nodes still to settle when a search has `targets`. */
  tmark: Uint32Array
  /** Per node, the sum of `opts.sum` along its path (e.g. plain travel time under hazard costs). */
  sum: Float64Array
  heapNode: Int32Array
  heapKey: Float64Array
}

export function createWorkspace(g: RoadGraph): SearchWorkspace {
  const cap = g.edgeCount + g.nodeCount + 16
  return {
    dist: new Float64Array(g.nodeCount),
    prev: new Int32Array(g.nodeCount),
    stamp: new Uint32Array(g.nodeCount),
    gen: 0,
    tmark: new Uint32Array(g.nodeCount),
    sum: new Float64Array(g.nodeCount),
    heapNode: new Int32Array(cap),
    heapKey: new Float64Array(cap),
  }
}

/** Cost of reaching a node in the workspace's last search (Infinity if not reached). */
export function costTo(ws: SearchWorkspace, v: number): number {
  return ws.stamp[v] === ws.gen ? ws.dist[v] : Infinity
}

export function costArray(h: GraphHazard, g: RoadGraph, mode: CostMode): Float64Array {
  return mode === 'safe' ? h.costSafe : mode === 'leastBad' ? h.costLeastBad : g.edgeTime
}

export interface SearchSeed {
  node: number
  cost: number
}

/**
 * Dijkstra from seeds over `cost` (per edge; Infinity = impassable). With `target`, stops when it
 * is settled and uses the straight-line A* heuristic (distance / fastest speed, admissible since
 * every cost is at least the travel time) unless `heuristic` is false. With `reverse`, follows
 * in-edges: costs are then "from the node to the seeds".
 */
export function search(
  g: RoadGraph,
  cost: Float64Array,
  seeds: readonly SearchSeed[],
  ws: SearchWorkspace,
  opts: {
    reverse?: boolean
    target?: number
    heuristic?: boolean
    maxCost?: number
    /** Stop once all of these nodes are settled (the rest of the graph is not needed). */
    targets?: Int32Array
    /** Per-edge quantity summed along every path into `ws.sum` (seeds start at 0). */
    sum?: Float64Array
  } = {},
): SearchWorkspace {
  if (ws.dist.length !== g.nodeCount) throw new Error('workspace was made for another graph')
  ws.gen = (ws.gen + 1) >>> 0
  if (ws.gen === 0) {
    ws.stamp.fill(0)
    ws.tmark.fill(0)
    ws.gen = 1
  }
  const { dist, prev, stamp, gen, tmark } = ws
  const sumE = opts.sum
  const sumN = ws.sum
  let remaining = -1
  if (opts.targets) {
    remaining = 0
    for (const t of opts.targets)
      if (tmark[t] !== gen) {
        tmark[t] = gen
        remaining++
      }
  }
  const reverse = opts.reverse ?? false
  const target = opts.target ?? -1
  const maxCost = opts.maxCost ?? Infinity
  const useH = target >= 0 && (opts.heuristic ?? true)
  const nodeE = g.nodeE
  const nodeN = g.nodeN
  const tE = useH ? nodeE[target] : 0
  const tN = useH ? nodeN[target] : 0
  const invV = useH ? 1 / g.maxSpeed : 0
  const start = reverse ? g.inStart : g.outStart
  const list = reverse ? g.inEdges : g.outEdges
  const other = reverse ? g.edgeFrom : g.edgeTo
  // The heap is inlined (no closures) because this loop is the hot path of every plan.
  let heapNode = ws.heapNode
  let heapKey = ws.heapKey
  let size = 0
  const pushKey = (v: number, key: number) => {
    if (size === heapNode.length) {
      const nn = new Int32Array(size * 2)
      nn.set(heapNode)
      const nk = new Float64Array(size * 2)
      nk.set(heapKey)
      heapNode = ws.heapNode = nn
      heapKey = ws.heapKey = nk
    }
    let i = size++
    while (i > 0) {
      const p = (i - 1) >> 2
      const kp = heapKey[p]
      if (kp <= key) break
      heapNode[i] = heapNode[p]
      heapKey[i] = kp
      i = p
    }
    heapNode[i] = v
    heapKey[i] = key
  }
  for (const s of seeds) {
    if (!(s.cost < Infinity) || s.node < 0) continue
    if (stamp[s.node] === gen && dist[s.node] <= s.cost) continue
    stamp[s.node] = gen
    dist[s.node] = s.cost
    prev[s.node] = -1
    sumN[s.node] = 0
    let hv = 0
    if (useH) {
      const dx = nodeE[s.node] - tE
      const dy = nodeN[s.node] - tN
      hv = Math.sqrt(dx * dx + dy * dy) * invV
    }
    pushKey(s.node, s.cost + hv)
  }
  while (size > 0) {
    const key = heapKey[0]
    const v = heapNode[0]
    // Pop: move the last entry down from the root.
    const lastN = heapNode[--size]
    const lastK = heapKey[size]
    let i = 0
    for (;;) {
      const c0 = 4 * i + 1
      if (c0 >= size) break
      // Smallest of up to four children: a 4-ary heap is shallower and kinder to the cache.
      let c = c0
      let kc = heapKey[c0]
      const cEnd = c0 + 4 < size ? c0 + 4 : size
      for (let q = c0 + 1; q < cEnd; q++)
        if (heapKey[q] < kc) {
          kc = heapKey[q]
          c = q
        }
      if (kc >= lastK) break
      heapNode[i] = heapNode[c]
      heapKey[i] = kc
      i = c
    }
    heapNode[i] = lastN
    heapKey[i] = lastK
    const dv = dist[v]
    let hv = 0
    if (useH) {
      const dx = nodeE[v] - tE
      const dy = nodeN[v] - tN
      hv = Math.sqrt(dx * dx + dy * dy) * invV
    }
    // Lazy deletion: a stale entry's key is larger than the node's settled key.
    if (key > dv + hv + 1e-9) continue
    if (v === target || dv > maxCost) break
    if (remaining > 0 && tmark[v] === gen) {
      tmark[v] = 0
      if (--remaining === 0) break
    }
    for (let p = start[v], end = start[v + 1]; p < end; p++) {
      const e = list[p]
      const c = cost[e]
      if (c === Infinity) continue
      const w = other[e]
      const nd = dv + c
      if (stamp[w] !== gen || nd < dist[w]) {
        stamp[w] = gen
        dist[w] = nd
        prev[w] = e
        if (sumE) sumN[w] = sumN[v] + sumE[e]
        let hw = 0
        if (useH) {
          const dx = nodeE[w] - tE
          const dy = nodeN[w] - tN
          hw = Math.sqrt(dx * dx + dy * dy) * invV
        }
        pushKey(w, nd + hw)
      }
    }
  }
  return ws
}

/** Edges from the seed to `v` after a forward search, in travel order. */
export function pathTo(g: RoadGraph, ws: SearchWorkspace, v: number): number[] {
  if (ws.stamp[v] !== ws.gen) return []
  const edges: number[] = []
  let x = v
  for (let guard = 0; ws.prev[x] >= 0 && guard <= g.nodeCount; guard++) {
    edges.push(ws.prev[x])
    x = g.edgeFrom[ws.prev[x]]
  }
  return edges.reverse()
}

/** Edges from `v` to the seed after a backward search, in travel order. */
export function pathFrom(g: RoadGraph, ws: SearchWorkspace, v: number): number[] {
  if (ws.stamp[v] !== ws.gen) return []
  const edges: number[] = []
  let x = v
  for (let guard = 0; ws.prev[x] >= 0 && guard <= g.nodeCount; guard++) {
    edges.push(ws.prev[x])
    x = g.edgeTo[ws.prev[x]]
  }
  return edges
}

/** A place on or off the graph: a node, a point (snapped to the nearest node), or a spot on an edge. */
export type RouteEnd = { node: number } | { e: number; n: number } | { edge: number; along: number }

export interface RouteExposure {
  /** Metres inside forbidden zones (AEGL-3, 60 % LEL). */
  forbiddenM: number
  /** Metres inside AEGL-2 / 10 % LEL and outside forbidden zones. */
  penalisedM: number
  /** Metres in the downwind sector within the plume's reach. */
  downwindM: number
}

export interface Route {
  found: boolean
  /** No metre inside a forbidden zone. */
  safe: boolean
  mode: CostMode
  /** Graph edges in travel order (a partial first edge when starting mid-edge is included). */
  edges: number[]
  /** Polyline vertices, scene-local metres. */
  local: [number, number][]
  lngLat: [number, number][]
  /** Distance and travel time from the start at each vertex. */
  cumDistM: number[]
  cumTimeS: number[]
  /** Graph edge of each polyline piece (i → i+1), −1 for off-road connectors. */
  pieceEdge: number[]
  lengthM: number
  etaS: number
  exposure: RouteExposure
  /** Road ids along the route, consecutive duplicates removed. */
  roads: string[]
  /** Why the route is unsafe or missing, for people. */
  message: string
}

/** Off-road connector speed (yard, apron, field), m/s: slow because it is not a road. */
export const CONNECTOR_SPEED = 10 / 3.6

interface Piece {
  ax: number
  ay: number
  bx: number
  by: number
  edge: number
  time: number
  /** Whole graph edge: hazard comes from the precomputed arrays. */
  whole: boolean
}

/** Turn pieces into a Route with exposure and lon/lat. */
export function assembleRoute(g: RoadGraph, h: GraphHazard, pieces: Piece[], mode: CostMode, found = true): Route {
  const local: [number, number][] = []
  const cumDistM: number[] = []
  const cumTimeS: number[] = []
  const pieceEdge: number[] = []
  const exposure: RouteExposure = { forbiddenM: 0, penalisedM: 0, downwindM: 0 }
  const roads: string[] = []
  const edges: number[] = []
  let d = 0
  let t = 0
  if (pieces.length) {
    local.push([pieces[0].ax, pieces[0].ay])
    cumDistM.push(0)
    cumTimeS.push(0)
  }
  for (const p of pieces) {
    const len = Math.hypot(p.bx - p.ax, p.by - p.ay)
    d += len
    t += p.time
    local.push([p.bx, p.by])
    cumDistM.push(d)
    cumTimeS.push(t)
    pieceEdge.push(p.edge)
    if (p.edge >= 0) {
      edges.push(p.edge)
      const rid = g.roadIds[g.edgeRoad[p.edge]]
      if (rid !== undefined && roads[roads.length - 1] !== rid) roads.push(rid)
    }
    if (p.whole && p.edge >= 0) {
      exposure.forbiddenM += h.forbiddenM[p.edge]
      exposure.penalisedM += h.penalisedM[p.edge]
      if (h.downwind[p.edge]) exposure.downwindM += len
    } else if (len > 0) {
      const x = segmentExposure(h.zones, p.ax, p.ay, p.bx, p.by)
      exposure.forbiddenM += x.forbiddenM
      exposure.penalisedM += x.penalisedM
      if (isDownwind(h, (p.ax + p.bx) / 2, (p.ay + p.by) / 2)) exposure.downwindM += len
    }
  }
  const safe = found && exposure.forbiddenM <= FORBIDDEN_TOLERANCE_M * Math.max(1, pieces.length)
  return {
    found,
    safe,
    mode,
    edges,
    local,
    lngLat: local.map(([e, n]) => toLngLat(g.origin, e, n) as [number, number]),
    cumDistM,
    cumTimeS,
    pieceEdge,
    lengthM: d,
    etaS: t,
    exposure,
    roads,
    message: '',
  }
}

function edgePiece(g: RoadGraph, e: number): Piece {
  const a = g.edgeFrom[e],
    b = g.edgeTo[e]
  return {
    ax: g.nodeE[a],
    ay: g.nodeN[a],
    bx: g.nodeE[b],
    by: g.nodeN[b],
    edge: e,
    time: g.edgeTime[e],
    whole: true,
  }
}

/** Pieces of a path of whole graph edges. */
export function edgePieces(g: RoadGraph, edges: readonly number[]): Piece[] {
  return edges.map((e) => edgePiece(g, e))
}

export interface Start {
  seeds: SearchSeed[]
  /** Pieces to prepend for the seed node that the path starts from. */
  prefix: (node: number) => Piece[]
  /** Where the vehicle is, for an empty path. */
  at: [number, number]
}

function partialCost(h: GraphHazard, g: RoadGraph, mode: CostMode, piece: Piece): number {
  if (mode === 'time') return piece.time
  const x = segmentExposure(h.zones, piece.ax, piece.ay, piece.bx, piece.by)
  const len = Math.hypot(piece.bx - piece.ax, piece.by - piece.ay) || 1
  if (mode === 'safe' && x.forbiddenM > FORBIDDEN_TOLERANCE_M) return Infinity
  const dw = isDownwind(h, (piece.ax + piece.bx) / 2, (piece.ay + piece.by) / 2)
  const base = piece.time * (1 + ((AEGL2_FACTOR - 1) * x.penalisedM) / len + (dw ? DOWNWIND_FACTOR - 1 : 0))
  return mode === 'safe' ? base : base + LEAST_BAD_S_PER_M * x.forbiddenM
}

/** Search seeds (and the pieces to prepend) for a route start, costed for `mode`. */
export function resolveStart(g: RoadGraph, h: GraphHazard, from: RouteEnd, mode: CostMode): Start {
  if ('node' in from) return { seeds: [{ node: from.node, cost: 0 }], prefix: () => [], at: nodeXY(g, from.node) }
  if ('edge' in from) {
    const e = from.edge
    const len = g.edgeLength[e]
    const f = len > 0 ? Math.min(1, Math.max(0, from.along / len)) : 0
    const a = g.edgeFrom[e],
      b = g.edgeTo[e]
    const px = g.nodeE[a] + (g.nodeE[b] - g.nodeE[a]) * f
    const py = g.nodeN[a] + (g.nodeN[b] - g.nodeN[a]) * f
    const ahead: Piece = {
      ax: px,
      ay: py,
      bx: g.nodeE[b],
      by: g.nodeN[b],
      edge: e,
      time: g.edgeTime[e] * (1 - f),
      whole: f === 0,
    }
    const seeds: SearchSeed[] = [{ node: b, cost: partialCost(h, g, mode, ahead) }]
    // Emergency vehicles may turn round on a two-way road (the twin edge exists).
    const twin = g.edgeTwin[e]
    const back: Piece | null =
      twin >= 0
        ? { ax: px, ay: py, bx: g.nodeE[a], by: g.nodeN[a], edge: twin, time: g.edgeTime[e] * f, whole: f === 1 }
        : null
    if (back) seeds.push({ node: a, cost: partialCost(h, g, mode, back) })
    return {
      seeds,
      prefix: (node) => (node === b ? [ahead] : back ? [back] : []),
      at: [px, py],
    }
  }
  const v = nearestNode(g, from.e, from.n)
  const leg: Piece = {
    ax: from.e,
    ay: from.n,
    bx: g.nodeE[v],
    by: g.nodeN[v],
    edge: -1,
    time: Math.hypot(g.nodeE[v] - from.e, g.nodeN[v] - from.n) / CONNECTOR_SPEED,
    whole: false,
  }
  return {
    seeds: [{ node: v, cost: partialCost(h, g, mode, leg) }],
    prefix: () => (leg.time > 0 ? [leg] : []),
    at: [from.e, from.n],
  }
}

function nodeXY(g: RoadGraph, v: number): [number, number] {
  return [g.nodeE[v], g.nodeN[v]]
}

function resolveEnd(g: RoadGraph, to: RouteEnd): { node: number; suffix: Piece[] } {
  if ('node' in to) return { node: to.node, suffix: [] }
  if ('edge' in to) {
    // Arrive at the spot by driving the edge from its tail.
    const e = to.edge
    const f = g.edgeLength[e] > 0 ? Math.min(1, Math.max(0, to.along / g.edgeLength[e])) : 0
    const a = g.edgeFrom[e],
      b = g.edgeTo[e]
    const piece: Piece = {
      ax: g.nodeE[a],
      ay: g.nodeN[a],
      bx: g.nodeE[a] + (g.nodeE[b] - g.nodeE[a]) * f,
      by: g.nodeN[a] + (g.nodeN[b] - g.nodeN[a]) * f,
      edge: e,
      time: g.edgeTime[e] * f,
      whole: f === 1,
    }
    return { node: a, suffix: f > 0 ? [piece] : [] }
  }
  const v = nearestNode(g, to.e, to.n)
  const d = Math.hypot(g.nodeE[v] - to.e, g.nodeN[v] - to.n)
  return {
    node: v,
    suffix:
      d > 0
        ? [{ ax: g.nodeE[v], ay: g.nodeN[v], bx: to.e, by: to.n, edge: -1, time: d / CONNECTOR_SPEED, whole: false }]
        : [],
  }
}

/**
 * The best route from `from` to `to` avoiding forbidden zones; when there is none, the least-bad
 * one (fewest metres inside AEGL-3) with `safe: false` and a message; `found: false` when the two
 * are not connected at all.
 */
export function route(
  g: RoadGraph,
  h: GraphHazard,
  from: RouteEnd,
  to: RouteEnd,
  opts: { ws?: SearchWorkspace; mode?: CostMode } = {},
): Route {
  const ws = opts.ws ?? createWorkspace(g)
  const end = resolveEnd(g, to)
  const modes: CostMode[] = opts.mode ? [opts.mode] : ['safe', 'leastBad']
  for (const mode of modes) {
    const start = resolveStart(g, h, from, mode)
    search(g, costArray(h, g, mode), start.seeds, ws, { target: end.node })
    if (costTo(ws, end.node) === Infinity) continue
    const edges = pathTo(g, ws, end.node)
    const seedNode = edges.length ? g.edgeFrom[edges[0]] : end.node
    const pieces = [...start.prefix(seedNode), ...edgePieces(g, edges), ...end.suffix]
    const r = assembleRoute(g, h, pieces, mode)
    if (!r.local.length) {
      r.local.push(start.at)
      r.lngLat.push(toLngLat(g.origin, start.at[0], start.at[1]) as [number, number])
      r.cumDistM.push(0)
      r.cumTimeS.push(0)
    }
    if (mode === 'leastBad' && opts.mode === undefined)
      r.message = r.safe
        ? 'safe only by a narrow margin; check the zone edges'
        : `no route avoids the forbidden zone; least-bad route runs ${Math.round(r.exposure.forbiddenM)} m inside it`
    else if (!r.safe) r.message = `route runs ${Math.round(r.exposure.forbiddenM)} m inside the forbidden zone`
    return r
  }
  const r = assembleRoute(g, h, [], modes[modes.length - 1], false)
  r.message = 'destination not reachable on the road network'
  return r
}

/** Straight-line piece helper for modules that build their own pieces (evacuation legs). */
export function straightPiece(ax: number, ay: number, bx: number, by: number, speed: number): Piece {
  return { ax, ay, bx, by, edge: -1, time: Math.hypot(bx - ax, by - ay) / speed, whole: false }
}

export type { Piece as RoutePiece }
