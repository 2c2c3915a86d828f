/**
 * Per-edge hazard from the dispersion engine's threat zones and the wind.
 *
 * Each edge is a straight segment, so the metres it runs inside a zone are exact: clip the
 * segment against the zone's rings (even–odd over all rings, so contour holes stay clean) and
 * union the inside intervals over all zones of one severity (two overlapping plumes do not count
 * twice). The result is a pair of cost arrays the router reads directly:
 *
 *  - `costSafe`: travel time × factor; `Infinity` for an edge with any metre inside a forbidden
 *    zone (AEGL-3, 60 % LEL). AEGL-2 / 10 % LEL metres cost `AEGL2_FACTOR` × their time: a crew in
 *    SCBA can cross AEGL-2 briefly but should not dwell there. An edge whose midpoint is downwind
 *    of the source, within the plume's reach and the wind sector, costs `DOWNWIND_FACTOR` × its
 *    time: the approach from upwind or crosswind is preferred because the cloud drifts towards
 *    downwind arrivals and the wind may grow the zone towards them.
 *  - `costLeastBad`: the same, but forbidden metres cost `LEAST_BAD_S_PER_M` seconds each instead
 *    of being impassable, so when no safe route exists the router returns the one with the
 *    fewest metres inside AEGL-3 (ties broken by time).
 *
 * Recomputed from scratch when zones or wind change: one pass over the edges with a bounding-box
 * test per zone, a few milliseconds for 20,000 edges (test/bench/dispatch.bench.ts).
 */
import type { RoadGraph } from './roadGraph'

export type HazardSeverity = 'forbidden' | 'penalised' | 'advisory'

export interface HazardZone {
  /** Level of concern as the dispersion engine labels it, e.g. 'AEGL-3 (60 min)', '60% LEL'. */
  label: string
  /** Inferred from the label when absent (`severityOf`). */
  severity?: HazardSeverity
  /** Flat rings [e0, n0, e1, n1, …] in scene-local metres (first point not repeated, or repeated). */
  rings: readonly (Float64Array | readonly number[])[]
}

export interface HazardInput {
  zones: readonly HazardZone[]
  /** Release point, scene-local metres (for the downwind preference). */
  source?: { e: number; n: number }
  /** Meteorological wind direction (blowing from), degrees clockwise from north. */
  windFromDeg?: number
  /** Downwind reach of the plume, m; default the farthest zone vertex downwind of the source. */
  reachM?: number
  /** Half-width of the downwind sector, degrees (default 30; pass the dispersion uncertainty half-angle). */
  sectorHalfAngleDeg?: number
}

export interface EdgeHazard {
  input: HazardInput
  /** Metres of the edge inside forbidden zones. */
  forbiddenM: Float32Array
  /** Metres inside penalised zones and outside forbidden ones. */
  penalisedM: Float32Array
  /** 1 when the edge's midpoint is in the downwind sector within the plume's reach. */
  downwind: Uint8Array
  costSafe: Float64Array
  costLeastBad: Float64Array
  forbiddenEdges: number
  penalisedEdges: number
  downwindEdges: number
  reachM: number
}

export const AEGL2_FACTOR = 4
export const DOWNWIND_FACTOR = 1.5
export const LEAST_BAD_S_PER_M = 60
/** An edge touching a forbidden zone by less than this (contour noise) is not forbidden. */
export const FORBIDDEN_TOLERANCE_M = 0.01

/** AEGL-3 and the upper LEL level forbid; AEGL-2 and 10 % LEL (ignition risk) penalise; the rest advise. */
export function severityOf(z: HazardZone): HazardSeverity {
  if (z.severity) return z.severity
  const l = z.label.toUpperCase()
  if (/AEGL-?3|ERPG-?3|IDLH|60\s*%\s*LEL|^LEL|100\s*%\s*LEL/.test(l)) return 'forbidden'
  if (/AEGL-?2|ERPG-?2|10\s*%\s*LEL/.test(l)) return 'penalised'
  return 'advisory'
}

interface PreparedZone {
  severity: HazardSeverity
  rings: Float64Array[]
  minE: number
  minN: number
  maxE: number
  maxN: number
}

export interface PreparedZones {
  forbidden: PreparedZone[]
  penalised: PreparedZone[]
  advisory: PreparedZone[]
}

export function prepareZones(zones: readonly HazardZone[]): PreparedZones {
  const out: PreparedZones = { forbidden: [], penalised: [], advisory: [] }
  for (const z of zones) {
    const rings: Float64Array[] = []
    let minE = Infinity,
      minN = Infinity,
      maxE = -Infinity,
      maxN = -Infinity
    for (const r0 of z.rings) {
      let r = Float64Array.from(r0)
      // Drop a repeated closing point: the clipper closes rings itself.
      if (r.length >= 4 && r[0] === r[r.length - 2] && r[1] === r[r.length - 1]) r = r.slice(0, -2)
      if (r.length < 6) continue
      rings.push(r)
      for (let i = 0; i < r.length; i += 2) {
        minE = Math.min(minE, r[i])
        maxE = Math.max(maxE, r[i])
        minN = Math.min(minN, r[i + 1])
        maxN = Math.max(maxN, r[i + 1])
      }
    }
    if (rings.length === 0) continue
    const severity = severityOf(z)
    out[severity].push({ severity, rings, minE, minN, maxE, maxN })
  }
  return out
}

function inZone(z: PreparedZone, e: number, n: number): boolean {
  if (e < z.minE || e > z.maxE || n < z.minN || n > z.maxN) return false
  let inside = false
  for (const r of z.rings) {
    const k = r.length / 2
    for (let i = 0, j = k - 1; i < k; j = i++) {
      const xi = r[2 * i],
        yi = r[2 * i + 1],
        xj = r[2 * j],
        yj = r[2 * j + 1]
      if (yi > n !== yj > n && e < ((xj - xi) * (n - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

const _ts: number[] = []

/**
 * Inside intervals [t0, t1] (t in 0..1 along A→B) of one zone, appended to `out` as pairs.
 * Crossings with every ring edge split the segment; each piece is inside or outside as its
 * midpoint is.
 */
function clipSegment(z: PreparedZone, ax: number, ay: number, bx: number, by: number, out: number[]): void {
  if (Math.max(ax, bx) < z.minE || Math.min(ax, bx) > z.maxE || Math.max(ay, by) < z.minN || Math.min(ay, by) > z.maxN)
    return
  const ts = _ts
  ts.length = 0
  ts.push(0, 1)
  const dx = bx - ax,
    dy = by - ay
  for (const r of z.rings) {
    const k = r.length / 2
    for (let i = 0, j = k - 1; i < k; j = i++) {
      const px = r[2 * j],
        py = r[2 * j + 1]
      const qx = r[2 * i] - px,
        qy = r[2 * i + 1] - py
      const den = dx * qy - dy * qx
      if (den === 0) continue
      const wx = px - ax,
        wy = py - ay
      const t = (wx * qy - wy * qx) / den
      const s = (wx * dy - wy * dx) / den
      if (t > 0 && t < 1 && s >= 0 && s <= 1) ts.push(t)
    }
  }
  ts.sort((a, b) => a - b)
  for (let i = 0; i + 1 < ts.length; i++) {
    const t0 = ts[i],
      t1 = ts[i + 1]
    if (t1 - t0 < 1e-12) continue
    const tm = (t0 + t1) / 2
    if (inZone(z, ax + dx * tm, ay + dy * tm)) {
      const last = out.length
      // Merge with the previous interval when contiguous.
      if (last >= 2 && out[last - 1] >= t0 - 1e-12) out[last - 1] = Math.max(out[last - 1], t1)
      else out.push(t0, t1)
    }
  }
}

/** Total length of the union of intervals (pairs), as a fraction of the segment. */
function unionLength(iv: number[]): number {
  if (iv.length === 0) return 0
  if (iv.length === 2) return iv[1] - iv[0]
  const pairs: [number, number][] = []
  for (let i = 0; i < iv.length; i += 2) pairs.push([iv[i], iv[i + 1]])
  pairs.sort((a, b) => a[0] - b[0])
  let total = 0
  let [s, e] = pairs[0]
  for (let i = 1; i < pairs.length; i++) {
    if (pairs[i][0] <= e) e = Math.max(e, pairs[i][1])
    else {
      total += e - s
      ;[s, e] = pairs[i]
    }
  }
  return total + e - s
}

const _iv3: number[] = []
const _iv23: number[] = []

/** Metres of segment A→B inside forbidden zones, and inside penalised-but-not-forbidden zones. */
export function segmentExposure(
  pz: PreparedZones,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): { forbiddenM: number; penalisedM: number } {
  const len = Math.hypot(bx - ax, by - ay)
  if (len === 0) return { forbiddenM: 0, penalisedM: 0 }
  _iv3.length = 0
  _iv23.length = 0
  for (const z of pz.forbidden) clipSegment(z, ax, ay, bx, by, _iv3)
  const f = unionLength(_iv3)
  if (pz.penalised.length === 0) return { forbiddenM: f * len, penalisedM: 0 }
  // Penalised metres exclude forbidden ones: |P ∪ F| − |F|, whether or not the zones are nested.
  for (const z of pz.penalised) clipSegment(z, ax, ay, bx, by, _iv23)
  for (let i = 0; i < _iv3.length; i++) _iv23.push(_iv3[i])
  const pf = unionLength(_iv23)
  return { forbiddenM: f * len, penalisedM: Math.max(0, pf - f) * len }
}

/** Which severity a point lies in (the worst one). */
export function pointSeverity(pz: PreparedZones, e: number, n: number): HazardSeverity | 'clear' {
  if (pz.forbidden.some((z) => inZone(z, e, n))) return 'forbidden'
  if (pz.penalised.some((z) => inZone(z, e, n))) return 'penalised'
  if (pz.advisory.some((z) => inZone(z, e, n))) return 'advisory'
  return 'clear'
}

/** Unit vector the wind blows towards (east, north) from a meteorological direction. */
export function downwindVector(windFromDeg: number): [number, number] {
  const a = (windFromDeg * Math.PI) / 180
  return [-Math.sin(a), -Math.cos(a)]
}

/** Downwind sector test for a point (used for edges' midpoints and staging points). */
export function isDownwind(h: Pick<EdgeHazard, 'input' | 'reachM'>, e: number, n: number): boolean {
  const { source, windFromDeg } = h.input
  if (!source || windFromDeg === undefined || h.reachM <= 0) return false
  const [de, dn] = downwindVector(windFromDeg)
  const x = (e - source.e) * de + (n - source.n) * dn
  if (x <= 0 || x > h.reachM * 1.2) return false
  const y = Math.abs((e - source.e) * dn - (n - source.n) * de)
  const half = ((h.input.sectorHalfAngleDeg ?? 30) * Math.PI) / 180
  return y <= x * Math.tan(Math.min(half, Math.PI / 2 - 1e-3))
}

/** The hazard for a graph; `classifyEdges(g, { zones: [] })` is "no hazard". */
export function classifyEdges(g: RoadGraph, input: HazardInput): EdgeHazard & { zones: PreparedZones } {
  const pz = prepareZones(input.zones)
  const m = g.edgeCount
  const forbiddenM = new Float32Array(m)
  const penalisedM = new Float32Array(m)
  const downwind = new Uint8Array(m)
  const costSafe = new Float64Array(m)
  const costLeastBad = new Float64Array(m)
  let reachM = input.reachM ?? 0
  if (input.reachM === undefined && input.source && input.windFromDeg !== undefined) {
    const [de, dn] = downwindVector(input.windFromDeg)
    for (const z of [...pz.forbidden, ...pz.penalised, ...pz.advisory])
      for (const r of z.rings)
        for (let i = 0; i < r.length; i += 2)
          reachM = Math.max(reachM, (r[i] - input.source.e) * de + (r[i + 1] - input.source.n) * dn)
  }
  const h = { input, reachM }
  const any = pz.forbidden.length + pz.penalised.length > 0
  let nf = 0,
    np = 0,
    nd = 0
  for (let k = 0; k < m; k++) {
    const twin = g.edgeTwin[k]
    if (twin >= 0 && twin < k) {
      // Same segment, other direction: same geometry, same hazard.
      forbiddenM[k] = forbiddenM[twin]
      penalisedM[k] = penalisedM[twin]
      downwind[k] = downwind[twin]
    } else {
      const a = g.edgeFrom[k],
        b = g.edgeTo[k]
      const ax = g.nodeE[a],
        ay = g.nodeN[a],
        bx = g.nodeE[b],
        by = g.nodeN[b]
      if (any) {
        const x = segmentExposure(pz, ax, ay, bx, by)
        forbiddenM[k] = x.forbiddenM
        penalisedM[k] = x.penalisedM
      }
      downwind[k] = isDownwind(h, (ax + bx) / 2, (ay + by) / 2) ? 1 : 0
    }
    const len = g.edgeLength[k] || 1
    const t = g.edgeTime[k]
    const base = t * (1 + ((AEGL2_FACTOR - 1) * penalisedM[k]) / len + (downwind[k] ? DOWNWIND_FACTOR - 1 : 0))
    const forb = forbiddenM[k] > FORBIDDEN_TOLERANCE_M
    costSafe[k] = forb ? Infinity : base
    costLeastBad[k] = base + LEAST_BAD_S_PER_M * forbiddenM[k]
    if (forb) nf++
    else if (penalisedM[k] > 0) np++
    if (downwind[k]) nd++
  }
  return {
    input,
    zones: pz,
    forbiddenM,
    penalisedM,
    downwind,
    costSafe,
    costLeastBad,
    forbiddenEdges: nf,
    penalisedEdges: np,
    downwindEdges: nd,
    reachM,
  }
}

export type GraphHazard = ReturnType<typeof classifyEdges>

/** Hazard-free costs (plain travel time) for a graph. */
export function noHazard(g: RoadGraph): GraphHazard {
  return classifyEdges(g, { zones: [] })
}

/**
 * Threat zones from the dispersion engine's output (`CaseResult.threat_zones`, polygons in metres
 * from the source) moved into the scene frame.
 */
export function zonesFromThreatZones(
  zones: readonly { label?: string; level_mg_m3?: number; polygon_local_m: readonly (readonly [number, number])[] }[],
  source: { e: number; n: number },
): HazardZone[] {
  return zones.map((z) => ({
    label: z.label ?? `${z.level_mg_m3 ?? '?'} mg/m³`,
    rings: [z.polygon_local_m.flatMap(([e, n]) => [e + source.e, n + source.n])],
  }))
}
