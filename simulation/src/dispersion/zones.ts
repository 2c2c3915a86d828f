/**
 * Threat zones: the area where the concentration reaches a level of concern.
 *
 * Two ways to get them:
 * - `contourField`: marching squares on any gridded field (puffs, several sources, live updates).
 *   The field is padded with zeros so every contour closes; saddles are resolved with the cell-centre
 *   average; rings are oriented with the inside on the left (outer rings counter-clockwise, holes
 *   clockwise in east/north axes). Scratch arrays are module-level and reused between calls.
 * - `zoneFromScenario`: for one steady or retarded-time plume the boundary is analytic,
 *   y_b(x) = σy(x)·√(2 ln(A(x)/level)), so the polygon and the maximum downwind distance are
 *   computed from the downwind profile without a grid.
 */
import type { GridSpec } from './field'
import { amplitude, type AmpOut, type Scenario } from './scenario'

let _next = new Int32Array(0)
let _starts = new Int32Array(0)
let _pad = new Float32Array(0)

/**
 * Closed contour rings of `field` at `level`, in local metres: each ring is a flat
 * [e0, n0, e1, n1, …] (first point not repeated).
 */
export function contourField(field: Float32Array, g: GridSpec, level: number): Float64Array[] {
  const { nx, ny, cellM } = g
  // Padded vertex lattice: vertex (I, J), I in 0..nx+1, J in 0..ny+1, value field[(J-1)·nx + (I-1)] or 0.
  const VX = nx + 2
  const VY = ny + 2
  const nH = (VX - 1) * VY // horizontal edges (I,J)-(I+1,J)
  const nV = VX * (VY - 1) // vertical edges (I,J)-(I,J+1)
  const nEdges = nH + nV
  // Invariant between calls: every entry of _next is −1 (tracing consumes each link it follows),
  // so the array is only filled when it is (re)allocated.
  if (_next.length < nEdges) _next = new Int32Array(nEdges).fill(-1)
  if (_starts.length < nEdges) _starts = new Int32Array(nEdges)
  const next = _next
  let nStarts = 0
  // Zero-padded copy so the inner loop indexes without bounds tests.
  if (_pad.length < VX * VY) _pad = new Float32Array(VX * VY)
  const pad = _pad
  pad.fill(0, 0, VX * VY)
  for (let j = 0; j < ny; j++) pad.set(field.subarray(j * nx, j * nx + nx), (j + 1) * VX + 1)
  const val = (I: number, J: number) => pad[J * VX + I]
  const hEdge = (I: number, J: number) => J * (VX - 1) + I
  const vEdge = (I: number, J: number) => nH + J * VX + I
  const link = (a: number, b: number) => {
    next[a] = b
    _starts[nStarts++] = a
  }
  for (let J = 0; J < VY - 1; J++) {
    const r0 = J * VX
    const r1 = r0 + VX
    let b0 = pad[r0] >= level ? 1 : 0
    let b3 = pad[r1] >= level ? 1 : 0
    for (let I = 0; I < VX - 1; I++) {
      const b1 = pad[r0 + I + 1] >= level ? 1 : 0
      const b2 = pad[r1 + I + 1] >= level ? 1 : 0
      const c = b0 | (b1 << 1) | (b2 << 2) | (b3 << 3)
      b0 = b1
      b3 = b2
      if (c === 0 || c === 15) continue
      const v0 = pad[r0 + I]
      const v1 = pad[r0 + I + 1]
      const v2 = pad[r1 + I + 1]
      const v3 = pad[r1 + I]
      // Edges in counter-clockwise order: e0 bottom (v0→v1), e1 right (v1→v2), e2 top (v3→v2), e3 left (v0→v3).
      const e0 = hEdge(I, J)
      const e1 = vEdge(I + 1, J)
      const e2 = hEdge(I, J + 1)
      const e3 = vEdge(I, J)
      // Going round the cell CCW (v0→v1→v2→v3), edge k "exits" the inside if v_k is in and v_{k+1} out.
      // A segment runs from an exit edge to an entry edge, which keeps the inside on its left.
      switch (c) {
        case 1:
          link(e0, e3)
          break
        case 2:
          link(e1, e0)
          break
        case 3:
          link(e1, e3)
          break
        case 4:
          link(e2, e1)
          break
        case 6:
          link(e2, e0)
          break
        case 7:
          link(e2, e3)
          break
        case 8:
          link(e3, e2)
          break
        case 9:
          link(e0, e2)
          break
        case 11:
          link(e1, e2)
          break
        case 12:
          link(e3, e1)
          break
        case 13:
          link(e0, e1)
          break
        case 14:
          link(e3, e0)
          break
        case 5: {
          // v0, v2 inside
          if ((v0 + v1 + v2 + v3) / 4 >= level) {
            link(e0, e1)
            link(e2, e3)
          } else {
            link(e0, e3)
            link(e2, e1)
          }
          break
        }
        case 10: {
          // v1, v3 inside
          if ((v0 + v1 + v2 + v3) / 4 >= level) {
            link(e1, e2)
            link(e3, e0)
          } else {
            link(e1, e0)
            link(e3, e2)
          }
          break
        }
      }
    }
  }
  const rings: Float64Array[] = []
  const pts: number[] = []
  for (let s = 0; s < nStarts; s++) {
    let e = _starts[s]
    if (next[e] < 0) continue
    pts.length = 0
    while (e >= 0 && next[e] >= 0) {
      edgePoint(e)
      pts.push(_pe, _pn)
      const nx2 = next[e]
      next[e] = -1
      e = nx2
    }
    if (pts.length >= 6) rings.push(Float64Array.from(pts))
  }
  return rings

  function edgePoint(e: number): void {
    let I0: number, J0: number, I1: number, J1: number
    if (e < nH) {
      J0 = Math.floor(e / (VX - 1))
      I0 = e - J0 * (VX - 1)
      I1 = I0 + 1
      J1 = J0
    } else {
      const k = e - nH
      J0 = Math.floor(k / VX)
      I0 = k - J0 * VX
      I1 = I0
      J1 = J0 + 1
    }
    const a = val(I0, J0)
    const b = val(I1, J1)
    const t = b !== a ? (level - a) / (b - a) : 0.5
    const I = I0 + t * (I1 - I0)
    const J = J0 + t * (J1 - J0)
    // Vertex (I, J) is the centre of cell (I−1, J−1).
    _pe = g.originE + (I - 0.5) * cellM
    _pn = g.originN + (J - 0.5) * cellM
  }
}
let _pe = 0
let _pn = 0

/** Signed area of a flat ring (positive = counter-clockwise), m². */
export function ringArea(r: Float64Array | readonly number[]): number {
  let a = 0
  const n = r.length / 2
  for (let i = 0, j = n - 1; i < n; j = i++) a += r[2 * j] * r[2 * i + 1] - r[2 * i] * r[2 * j + 1]
  return a / 2
}

/** Point-in-polygon (even-odd) for a flat ring. */
export function pointInRing(r: Float64Array | readonly number[], e: number, n: number): boolean {
  let inside = false
  const m = r.length / 2
  for (let i = 0, j = m - 1; i < m; j = i++) {
    const ei = r[2 * i]
    const ni = r[2 * i + 1]
    const ej = r[2 * j]
    const nj = r[2 * j + 1]
    if (ni > n !== nj > n && e < ((ej - ei) * (n - ni)) / (nj - ni) + ei) inside = !inside
  }
  return inside
}

export interface FieldZone {
  levelMgM3: number
  /** all rings (outer CCW, holes CW) */
  rings: Float64Array[]
  /** largest outer ring */
  outer: Float64Array | null
  /** farthest projection of the zone on the downwind axis, m */
  maxDistanceM: number
}

/**
 * Threat zones of a gridded field for several levels.
 * @param downE,downN unit vector the wind blows towards (for the downwind distance)
 */
export function threatZonesFromField(
  field: Float32Array,
  g: GridSpec,
  levels: readonly number[],
  source: { e: number; n: number },
  downE: number,
  downN: number,
): FieldZone[] {
  return levels.map((level) => {
    const rings = contourField(field, g, level)
    let outer: Float64Array | null = null
    let best = 0
    let maxD = 0
    for (const r of rings) {
      const a = ringArea(r)
      if (a > best) {
        best = a
        outer = r
      }
      for (let i = 0; i < r.length; i += 2)
        maxD = Math.max(maxD, (r[i] - source.e) * downE + (r[i + 1] - source.n) * downN)
    }
    return { levelMgM3: level, rings, outer, maxDistanceM: maxD }
  })
}

export interface PlumeZone {
  levelMgM3: number
  maxDistanceM: number
  /** [[east, north], …] metres from the source, closed (first point repeated) */
  polygon: [number, number][]
  /** largest half-width, m */
  maxHalfWidthM: number
}

const _a: AmpOut = { sy: 0, u: 0, kernel: 0 }

/**
 * Analytic threat zone of one plume scenario: the region where the maximum t_a-mean concentration at
 * height z reaches `level`.
 */
export function zoneFromScenario(s: Scenario, level: number, z: number, xLimit = 100_000): PlumeZone {
  // Scan x on a log grid to bracket the farthest crossing, then bisect.
  const xs: number[] = []
  for (let x = 0.5; x < xLimit; x *= 1.05) xs.push(x)
  xs.push(xLimit)
  let lastIn = -1
  let firstIn = -1
  for (let i = 0; i < xs.length; i++) {
    if (amplitude(s, xs[i], z, _a) >= level) {
      if (firstIn < 0) firstIn = i
      lastIn = i
    }
  }
  if (lastIn < 0) return { levelMgM3: level, maxDistanceM: 0, polygon: [], maxHalfWidthM: 0 }
  let xFar = xs[lastIn]
  if (lastIn < xs.length - 1) {
    let lo = xs[lastIn]
    let hi = xs[lastIn + 1]
    for (let k = 0; k < 40; k++) {
      const mid = 0.5 * (lo + hi)
      if (amplitude(s, mid, z, _a) >= level) lo = mid
      else hi = mid
    }
    xFar = lo
  }
  let xNear = firstIn === 0 ? 0 : xs[firstIn]
  if (firstIn > 0) {
    let lo = xs[firstIn - 1]
    let hi = xs[firstIn]
    for (let k = 0; k < 40; k++) {
      const mid = 0.5 * (lo + hi)
      if (amplitude(s, mid, z, _a) >= level) hi = mid
      else lo = mid
    }
    xNear = hi
  }
  // Sample the half-width densely near both ends, where it changes fastest.
  const m = 96
  const upper: [number, number][] = []
  let maxW = 0
  for (let i = 0; i <= m; i++) {
    const t = 0.5 - 0.5 * Math.cos((Math.PI * i) / m)
    const x = xNear + t * (xFar - xNear)
    let w = 0
    if (x > 0) {
      const a = amplitude(s, x, z, _a)
      w = a > level ? _a.sy * Math.sqrt(2 * Math.log(a / level)) : 0
    }
    maxW = Math.max(maxW, w)
    upper.push([x, w])
  }
  const frame: [number, number][] = []
  for (const [x, w] of upper) frame.push([x, w])
  for (let i = upper.length - 1; i >= 0; i--) if (upper[i][1] > 0) frame.push([upper[i][0], -upper[i][1]])
  frame.push(frame[0])
  const polygon: [number, number][] = []
  for (const [x, y] of frame) {
    const q = toEastNorth(s, x, y)
    const prev = polygon[polygon.length - 1]
    if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) polygon.push(q)
  }
  const f0 = polygon[0]
  const fl = polygon[polygon.length - 1]
  if (polygon.length > 1 && (f0[0] !== fl[0] || f0[1] !== fl[1])) polygon.push([f0[0], f0[1]])
  // Outer rings counter-clockwise, like contourField's.
  if (ringArea(polygon.flat()) < 0) polygon.reverse()
  return { levelMgM3: level, maxDistanceM: xFar, polygon, maxHalfWidthM: maxW }
}

/** Plume frame (downwind x, crosswind y to the left) → east/north metres, rounded to 0.1 m. */
export function toEastNorth(s: { downE: number; downN: number }, x: number, y: number): [number, number] {
  const e = x * s.downE - y * s.downN
  const n = x * s.downN + y * s.downE
  return [Math.round(e * 10) / 10, Math.round(n * 10) / 10]
}

/**
 * Wind-direction uncertainty band: the convex hull of the zone turned through ±halfAngle
 * (ALOHA-style "confidence lines" drawn as a polygon).
 */
export function uncertaintyBand(polygon: readonly [number, number][], halfAngleDeg: number): [number, number][] {
  if (polygon.length < 3) return []
  const pts: [number, number][] = [[0, 0]]
  const steps = 12
  for (let k = 0; k <= steps; k++) {
    const a = ((-halfAngleDeg + (2 * halfAngleDeg * k) / steps) * Math.PI) / 180
    const c = Math.cos(a)
    const sn = Math.sin(a)
    for (const [e, n] of polygon) pts.push([e * c + n * sn, -e * sn + n * c])
  }
  return convexHull(pts).map(([e, n]) => [Math.round(e * 10) / 10, Math.round(n * 10) / 10])
}

/** Andrew's monotone chain; counter-clockwise, closed. */
export function convexHull(points: [number, number][]): [number, number][] {
  const p = points.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (p.length < 3) return p
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const lower: [number, number][] = []
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop()
    lower.push(q)
  }
  const upper: [number, number][] = []
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop()
    upper.push(q)
  }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1))
  hull.push(hull[0])
  return hull
}

/** WGS84 semi-major axis, m — local tangent-plane conversion (adequate within tens of km). */
const EARTH_R = 6378137

/** Local east/north metres → [lon, lat] degrees around an origin. */
export function localToLonLat(origin: { lon: number; lat: number }, e: number, n: number): [number, number] {
  const lat = origin.lat + (n / EARTH_R) * (180 / Math.PI)
  const lon = origin.lon + (e / (EARTH_R * Math.cos((origin.lat * Math.PI) / 180))) * (180 / Math.PI)
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]
}

/** A polygon in local metres as a GeoJSON Polygon feature in lon/lat. */
export function polygonToGeoJson(
  origin: { lon: number; lat: number },
  polygon: readonly [number, number][],
  properties: Record<string, unknown> = {},
): {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: { type: 'Polygon'; coordinates: [number, number][][] }
} {
  return {
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: [polygon.map(([e, n]) => localToLonLat(origin, e, n))] },
  }
}
