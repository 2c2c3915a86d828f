import type { Vec3 } from './types'

/**
 * A network of polylines (mine roadways, plant walkways) for the simulator's routes and the
 * tracker's roadway constraint. Polylines join where their vertices coincide (within 1 cm).
 */
export interface RoadNetwork {
  /** Segment endpoints, flattened: segment s runs from (ax,ay,az)[s] to (bx,by,bz)[s]. */
  ax: Float64Array
  ay: Float64Array
  az: Float64Array
  bx: Float64Array
  by: Float64Array
  bz: Float64Array
  /** Node index of each segment's ends (for walking the graph). */
  na: Int32Array
  nb: Int32Array
  nodes: Vec3[]
  /** Segment indices touching each node. */
  adjacency: number[][]
  /** Segments in a uniform grid of cells, for fast nearest-segment queries. */
  cell_m: number
  grid: Map<string, number[]>
}

export function createRoadNetwork(polylines: readonly (readonly Vec3[])[], cell_m = 20): RoadNetwork {
  const nodes: Vec3[] = []
  const key = (p: Vec3) => `${Math.round(p.x * 100)},${Math.round(p.y * 100)},${Math.round(p.z * 100)}`
  const nodeIndex = new Map<string, number>()
  const nodeOf = (p: Vec3) => {
    const k = key(p)
    let i = nodeIndex.get(k)
    if (i === undefined) {
      i = nodes.length
      nodes.push({ x: p.x, y: p.y, z: p.z })
      nodeIndex.set(k, i)
    }
    return i
  }
  const segs: [number, number][] = []
  for (const line of polylines) {
    for (let i = 0; i + 1 < line.length; i++) {
      const a = nodeOf(line[i])
      const b = nodeOf(line[i + 1])
      if (a !== b) segs.push([a, b])
    }
  }
  const n = segs.length
  const net: RoadNetwork = {
    ax: new Float64Array(n),
    ay: new Float64Array(n),
    az: new Float64Array(n),
    bx: new Float64Array(n),
    by: new Float64Array(n),
    bz: new Float64Array(n),
    na: new Int32Array(n),
    nb: new Int32Array(n),
    nodes,
    adjacency: nodes.map(() => []),
    cell_m,
    grid: new Map(),
  }
  segs.forEach(([a, b], s) => {
    const A = nodes[a]
    const B = nodes[b]
    net.ax[s] = A.x
    net.ay[s] = A.y
    net.az[s] = A.z
    net.bx[s] = B.x
    net.by[s] = B.y
    net.bz[s] = B.z
    net.na[s] = a
    net.nb[s] = b
    net.adjacency[a].push(s)
    net.adjacency[b].push(s)
    // Register the segment in every cell its bounding box covers.
    const x0 = Math.floor(Math.min(A.x, B.x) / cell_m)
    const x1 = Math.floor(Math.max(A.x, B.x) / cell_m)
    const y0 = Math.floor(Math.min(A.y, B.y) / cell_m)
    const y1 = Math.floor(Math.max(A.y, B.y) / cell_m)
    for (let i = x0; i <= x1; i++) {
      for (let j = y0; j <= y1; j++) {
        const k = `${i},${j}`
        const list = net.grid.get(k)
        if (list) list.push(s)
        else net.grid.set(k, [s])
      }
    }
  })
  return net
}

export interface RoadProjection {
  segment: number
  /** Closest point on the network (m). */
  x: number
  y: number
  z: number
  /** Horizontal distance from the query point (m). */
  distance_m: number
  /** Unit direction of the segment in plan. */
  ux: number
  uy: number
}

/**
 * Nearest point of the network to (x, y) in plan (roadways are followed in plan; z comes from
 * the roadway). Searches the query's cell and its neighbours, then widens if nothing is found.
 */
export function projectOnNetwork(net: RoadNetwork, x: number, y: number, out?: RoadProjection): RoadProjection | null {
  const ci = Math.floor(x / net.cell_m)
  const cj = Math.floor(y / net.cell_m)
  let best = -1
  let bestD = Infinity
  let bt = 0
  for (let ring = 1; ring <= 64 && best < 0; ring *= 2) {
    for (let i = ci - ring; i <= ci + ring; i++) {
      for (let j = cj - ring; j <= cj + ring; j++) {
        const list = net.grid.get(`${i},${j}`)
        if (!list) continue
        for (const s of list) {
          const dx = net.bx[s] - net.ax[s]
          const dy = net.by[s] - net.ay[s]
          const L2 = dx * dx + dy * dy
          let t = L2 > 0 ? ((x - net.ax[s]) * dx + (y - net.ay[s]) * dy) / L2 : 0
          t = t < 0 ? 0 : t > 1 ? 1 : t
          const px = net.ax[s] + t * dx - x
          const py = net.ay[s] + t * dy - y
          const d = px * px + py * py
          if (d < bestD) {
            bestD = d
            best = s
            bt = t
          }
        }
      }
    }
    if (net.grid.size === 0) break
  }
  if (best < 0) return null
  const s = best
  const dx = net.bx[s] - net.ax[s]
  const dy = net.by[s] - net.ay[s]
  const L = Math.hypot(dx, dy) || 1
  const r = out ?? ({} as RoadProjection)
  r.segment = s
  r.x = net.ax[s] + bt * dx
  r.y = net.ay[s] + bt * dy
  r.z = net.az[s] + bt * (net.bz[s] - net.az[s])
  r.distance_m = Math.sqrt(bestD)
  r.ux = dx / L
  r.uy = dy / L
  return r
}
