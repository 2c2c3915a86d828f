/**
 * The routable road graph: nodes in local metres, directed edges in CSR (compressed sparse row)
 * typed arrays, both forward (out-edges per node) and backward (in-edges per node) so one search
 * from an incident reaches every unit at once.
 *
 * Scene rule (docs/scene-format.md): lines connect only where they share an identical end point.
 * So end points are snapped by their exact coordinate text, interior vertices stay private to
 * their line (two lines crossing at an interior vertex are an overpass), and every straight piece
 * between consecutive vertices becomes one edge. One straight segment per edge keeps movement,
 * re-routing from mid-edge and hazard clipping simple: an edge is a line segment.
 */
import { toLocal, toLngLat, type GeoOrigin, type LngLat } from '../geo/frames'
import type { Scene } from '../scene/sceneSchema'

export interface RoadGraph {
  origin: GeoOrigin
  nodeCount: number
  edgeCount: number
  nodeE: Float64Array
  nodeN: Float64Array
  /** Forward CSR: out-edges of node v are outEdges[outStart[v] .. outStart[v+1]). */
  outStart: Int32Array
  outEdges: Int32Array
  /** Backward CSR: in-edges of node v are inEdges[inStart[v] .. inStart[v+1]). */
  inStart: Int32Array
  inEdges: Int32Array
  edgeFrom: Int32Array
  edgeTo: Int32Array
  /** Length, m (planar, local frame). */
  edgeLength: Float64Array
  /** Travel time at the road's speed, s. */
  edgeTime: Float64Array
  /** Index into `roadIds` of the line the edge came from. */
  edgeRoad: Int32Array
  /** The opposite direction of the same segment, or −1 (one-way). */
  edgeTwin: Int32Array
  roadIds: readonly string[]
  roadNames: readonly ({ zh: string; en: string } | null)[]
  /** Fastest speed in the graph, m/s (the A* heuristic divides by it). */
  maxSpeed: number
  /** Uniform grid over the nodes for nearest-node queries. */
  grid: NodeGrid
}

export interface NodeGrid {
  e0: number
  n0: number
  cell: number
  nx: number
  ny: number
  /** CSR: nodes of cell c are cellNodes[cellStart[c] .. cellStart[c+1]). */
  cellStart: Int32Array
  cellNodes: Int32Array
}

/** A directed or two-way segment for `buildGraph`. */
export interface SegmentInput {
  from: number
  to: number
  speedKmh: number
  oneway?: boolean
  road?: number
}

/**
 * Build a graph from nodes (local metres) and segments. Used by `buildRoadGraph` and by tests and
 * benchmarks that generate synthetic networks.
 */
export function buildGraph(input: {
  origin: GeoOrigin
  nodeE: ArrayLike<number>
  nodeN: ArrayLike<number>
  segments: readonly SegmentInput[]
  roadIds?: readonly string[]
  roadNames?: readonly ({ zh: string; en: string } | null)[]
}): RoadGraph {
  const nodeCount = input.nodeE.length
  const nodeE = Float64Array.from(input.nodeE)
  const nodeN = Float64Array.from(input.nodeN)
  let edgeCount = 0
  for (const s of input.segments) edgeCount += s.oneway ? 1 : 2
  const edgeFrom = new Int32Array(edgeCount)
  const edgeTo = new Int32Array(edgeCount)
  const edgeLength = new Float64Array(edgeCount)
  const edgeTime = new Float64Array(edgeCount)
  const edgeRoad = new Int32Array(edgeCount)
  const edgeTwin = new Int32Array(edgeCount).fill(-1)
  let k = 0
  let maxSpeed = 0
  for (const s of input.segments) {
    if (!(s.speedKmh > 0)) throw new Error(`segment ${s.from}→${s.to}: speed must be > 0`)
    const len = Math.hypot(nodeE[s.to] - nodeE[s.from], nodeN[s.to] - nodeN[s.from])
    const v = s.speedKmh / 3.6
    maxSpeed = Math.max(maxSpeed, v)
    const add = (a: number, b: number) => {
      edgeFrom[k] = a
      edgeTo[k] = b
      edgeLength[k] = len
      edgeTime[k] = len / v
      edgeRoad[k] = s.road ?? -1
      return k++
    }
    const f = add(s.from, s.to)
    if (!s.oneway) {
      const r = add(s.to, s.from)
      edgeTwin[f] = r
      edgeTwin[r] = f
    }
  }
  const outStart = new Int32Array(nodeCount + 1)
  const inStart = new Int32Array(nodeCount + 1)
  for (let e = 0; e < edgeCount; e++) {
    outStart[edgeFrom[e] + 1]++
    inStart[edgeTo[e] + 1]++
  }
  for (let v = 0; v < nodeCount; v++) {
    outStart[v + 1] += outStart[v]
    inStart[v + 1] += inStart[v]
  }
  const outEdges = new Int32Array(edgeCount)
  const inEdges = new Int32Array(edgeCount)
  const oFill = outStart.slice(0, nodeCount)
  const iFill = inStart.slice(0, nodeCount)
  for (let e = 0; e < edgeCount; e++) {
    outEdges[oFill[edgeFrom[e]]++] = e
    inEdges[iFill[edgeTo[e]]++] = e
  }
  return {
    origin: input.origin,
    nodeCount,
    edgeCount,
    nodeE,
    nodeN,
    outStart,
    outEdges,
    inStart,
    inEdges,
    edgeFrom,
    edgeTo,
    edgeLength,
    edgeTime,
    edgeRoad,
    edgeTwin,
    roadIds: input.roadIds ?? [],
    roadNames: input.roadNames ?? [],
    maxSpeed: maxSpeed || 1,
    grid: buildNodeGrid(nodeE, nodeN),
  }
}

/** The scene's roads as a graph (end points snapped on exact coordinates, interior vertices private). */
export function buildRoadGraph(scene: Pick<Scene, 'origin' | 'roads'>): RoadGraph {
  const e: number[] = []
  const n: number[] = []
  const endpoint = new Map<string, number>()
  const addNode = (p: LngLat) => {
    const l = toLocal(scene.origin, p)
    e.push(l.e)
    n.push(l.n)
    return e.length - 1
  }
  const endNode = (p: LngLat) => {
    const key = `${p[0]},${p[1]}`
    let v = endpoint.get(key)
    if (v === undefined) {
      v = addNode(p)
      endpoint.set(key, v)
    }
    return v
  }
  const segments: SegmentInput[] = []
  const roadIds: string[] = []
  const roadNames: ({ zh: string; en: string } | null)[] = []
  scene.roads.features.forEach((f, road) => {
    const c = f.geometry.coordinates
    roadIds.push(f.properties.id)
    roadNames.push(f.properties.name ?? null)
    let prev = endNode(c[0])
    for (let i = 1; i < c.length; i++) {
      const cur = i === c.length - 1 ? endNode(c[i]) : addNode(c[i])
      if (cur !== prev)
        segments.push({ from: prev, to: cur, speedKmh: f.properties.speed_kmh, oneway: f.properties.oneway, road })
      prev = cur
    }
  })
  return buildGraph({ origin: scene.origin, nodeE: e, nodeN: n, segments, roadIds, roadNames })
}

function buildNodeGrid(nodeE: Float64Array, nodeN: Float64Array): NodeGrid {
  const count = nodeE.length
  let minE = Infinity,
    minN = Infinity,
    maxE = -Infinity,
    maxN = -Infinity
  for (let i = 0; i < count; i++) {
    minE = Math.min(minE, nodeE[i])
    maxE = Math.max(maxE, nodeE[i])
    minN = Math.min(minN, nodeN[i])
    maxN = Math.max(maxN, nodeN[i])
  }
  if (count === 0) {
    minE = minN = 0
    maxE = maxN = 1
  }
  // About two nodes per cell on average: the search then touches a handful of cells.
  const w = Math.max(maxE - minE, 1)
  const h = Math.max(maxN - minN, 1)
  const cell = Math.max(Math.sqrt((w * h * 2) / Math.max(count, 1)), 1)
  const nx = Math.max(1, Math.ceil(w / cell) + 1)
  const ny = Math.max(1, Math.ceil(h / cell) + 1)
  const cellStart = new Int32Array(nx * ny + 1)
  const cellOf = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    const c = Math.floor((nodeN[i] - minN) / cell) * nx + Math.floor((nodeE[i] - minE) / cell)
    cellOf[i] = c
    cellStart[c + 1]++
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c]
  const fill = cellStart.slice(0, nx * ny)
  const cellNodes = new Int32Array(count)
  for (let i = 0; i < count; i++) cellNodes[fill[cellOf[i]]++] = i
  return { e0: minE, n0: minN, cell, nx, ny, cellStart, cellNodes }
}

/**
 * The k nodes nearest to a point (fewer if the graph is smaller), nearest first, optionally only
 * those accepted by `filter`. Rings of grid cells are searched outwards until the ring's inner
 * distance exceeds the k-th best.
 */
export function nearestNodes(
  g: RoadGraph,
  e: number,
  n: number,
  k = 1,
  filter?: (node: number) => boolean,
): { node: number; distance: number }[] {
  const { e0, n0, cell, nx, ny, cellStart, cellNodes } = g.grid
  const best: { node: number; distance: number }[] = []
  const ci = Math.min(nx - 1, Math.max(0, Math.floor((e - e0) / cell)))
  const cj = Math.min(ny - 1, Math.max(0, Math.floor((n - n0) / cell)))
  // Distance from the point to the outside of the clamped start cell (the point may lie off the grid).
  const off = Math.max(0, e0 - e, e - (e0 + nx * cell), n0 - n, n - (n0 + ny * cell))
  const maxR = Math.max(nx, ny)
  for (let r = 0; r <= maxR; r++) {
    if (best.length >= k && (r - 1) * cell + off > best[best.length - 1].distance) break
    for (let j = cj - r; j <= cj + r; j++) {
      if (j < 0 || j >= ny) continue
      const ring = j === cj - r || j === cj + r
      for (let i = ci - r; i <= ci + r; i += ring ? 1 : 2 * r || 1) {
        if (i < 0 || i >= nx) continue
        const c = j * nx + i
        for (let p = cellStart[c]; p < cellStart[c + 1]; p++) {
          const v = cellNodes[p]
          if (filter && !filter(v)) continue
          const d = Math.hypot(g.nodeE[v] - e, g.nodeN[v] - n)
          if (best.length < k || d < best[best.length - 1].distance) {
            let at = best.length
            while (at > 0 && best[at - 1].distance > d) at--
            best.splice(at, 0, { node: v, distance: d })
            if (best.length > k) best.pop()
          }
        }
        if (r === 0) break
      }
    }
  }
  return best
}

/** The nearest node to a point, or −1 for an empty graph. */
export function nearestNode(g: RoadGraph, e: number, n: number): number {
  return nearestNodes(g, e, n, 1)[0]?.node ?? -1
}

export function nodeLngLat(g: RoadGraph, v: number): LngLat {
  return toLngLat(g.origin, g.nodeE[v], g.nodeN[v])
}

/** Nodes reachable from `start` following edge directions (or against them with `reverse`). */
export function reachable(g: RoadGraph, start: number, reverse = false): Uint8Array {
  const seen = new Uint8Array(g.nodeCount)
  const stack = [start]
  seen[start] = 1
  while (stack.length) {
    const v = stack.pop()!
    const s = reverse ? g.inStart : g.outStart
    const list = reverse ? g.inEdges : g.outEdges
    for (let p = s[v]; p < s[v + 1]; p++) {
      const w = reverse ? g.edgeFrom[list[p]] : g.edgeTo[list[p]]
      if (!seen[w]) {
        seen[w] = 1
        stack.push(w)
      }
    }
  }
  return seen
}
