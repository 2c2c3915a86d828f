/**
 * The mine's red / yellow / blue three-colour risk map (红黄蓝三色风险地图): every roadway is cut
 * into segments of ≤ `segment_m` (50 m, one UWB anchor spacing) and each segment gets a level
 * from four inputs, as data the client colours (tube material per segment) and the zone engine
 * can fence (`riskZoneDefs`).
 *
 * Sub-scores, each ≈ 0 (benign) … 1 (at its limit), clipped to [0, 2]:
 * - gas: the highest reading / that device's own alarm limit (`thresholds.high`) among gas
 *   detectors within `influence_m` of the segment — CH4 1.0 % vol (20 %LEL) and CO 24 ppm are 1.
 * - roof: the same for roof-displacement sensors.
 * - geology: the roadway's static `geologyRisk` (faults, goaf edge, soft roof), 0 … 1.
 * - people: people on the segment / `peopleRef` (10 per segment): more people, more consequence.
 *
 * score = 0.40·gas + 0.25·roof + 0.15·geology + 0.20·people (weights configurable). Level:
 * red when score ≥ 0.6 or any gas/roof sensor is at its alarm limit (a limit crossing is a major
 * risk by itself, whatever the weights); yellow when score ≥ 0.3 or a sensor is at half its limit;
 * blue otherwise. Sensors over their limit and people near them give red; a normally running
 * longwall face (CH4 ~0.3 %, a crew of 8) is yellow.
 */
import type { Scene } from '../scene/sceneSchema'
import { toLocal } from '../geo/frames'
import type { Vec3 } from '../positioning/types'
import { mineRoadwaysLocal } from './mineGeometry'
import type { ZoneDef } from './zones'
import type { PersonPosition } from './types'

export type RiskLevel = 'red' | 'yellow' | 'blue'

export interface RiskWeights {
  gas: number
  roof: number
  geology: number
  people: number
}
export const DEFAULT_RISK_WEIGHTS: RiskWeights = { gas: 0.4, roof: 0.25, geology: 0.15, people: 0.2 }

export interface RiskSegment {
  /** `${roadwayId}#${index}` */
  id: string
  roadwayId: string
  index: number
  a: Vec3
  b: Vec3
  halfWidth_m: number
  geology: number
  /** Indices into `RiskModel.sensors`. */
  gasSensors: number[]
  roofSensors: number[]
}

export interface RiskSensor {
  id: string
  type: 'gas' | 'roof'
  limit: number
}

export interface RiskModel {
  segments: RiskSegment[]
  sensors: RiskSensor[]
  peopleRef: number
  weights: RiskWeights
}

export interface RiskSegmentState {
  id: string
  roadwayId: string
  level: RiskLevel
  score: number
  gas: number
  roof: number
  geology: number
  people: number
  /** Head count on the segment. */
  count: number
}

export interface RiskMapData {
  t: number
  segments: RiskSegmentState[]
  totals: Record<RiskLevel, number>
}

export interface RiskModelOptions {
  segment_m?: number
  influence_m?: number
  peopleRef?: number
  weights?: Partial<RiskWeights>
}

/** Cuts the roadways into segments and links each to the sensors near it (once per scene). */
export function createRiskModel(scene: Scene, opts: RiskModelOptions = {}): RiskModel {
  const segLen = opts.segment_m ?? 50
  const influence = opts.influence_m ?? 60
  const sensors: RiskSensor[] = []
  const sensorPos: Vec3[] = []
  for (const d of scene.devices) {
    const type =
      d.type === 'gas_combustible' || d.type === 'gas_toxic' ? 'gas' : d.type === 'roof_displacement' ? 'roof' : null
    const limit = d.thresholds.high
    if (!type || limit === undefined || !(limit > 0)) continue
    const l = toLocal(scene.origin, d.position)
    sensors.push({ id: d.id, type, limit })
    sensorPos.push({ x: l.e, y: l.n, z: d.height_m })
  }
  const segments: RiskSegment[] = []
  for (const r of mineRoadwaysLocal(scene)) {
    let index = 0
    for (let i = 1; i < r.points.length; i++) {
      const A = r.points[i - 1]
      const B = r.points[i]
      const L = Math.hypot(B.x - A.x, B.y - A.y, B.z - A.z)
      const k = Math.max(1, Math.ceil(L / segLen - 1e-9))
      for (let j = 0; j < k; j++) {
        const a = lerp(A, B, j / k)
        const b = lerp(A, B, (j + 1) / k)
        const seg: RiskSegment = {
          id: `${r.id}#${index}`,
          roadwayId: r.id,
          index,
          a,
          b,
          halfWidth_m: r.width_m / 2,
          geology: r.geologyRisk,
          gasSensors: [],
          roofSensors: [],
        }
        sensorPos.forEach((p, si) => {
          if (distToSegment3(p, a, b) <= influence)
            (sensors[si].type === 'gas' ? seg.gasSensors : seg.roofSensors).push(si)
        })
        segments.push(seg)
        index++
      }
    }
  }
  return {
    segments,
    sensors,
    peopleRef: opts.peopleRef ?? 10,
    weights: { ...DEFAULT_RISK_WEIGHTS, ...opts.weights },
  }
}

/**
 * The risk map now. `readings`: latest value per device id (missing = no contribution: a silent
 * sensor is the alarm engine's fault report, not a fake zero risk). `people`: positions in local
 * metres; a person counts on the nearest segment within half its width + 2 m in plan and 10 m in
 * height.
 */
export function evaluateRiskMap(
  model: RiskModel,
  readings: ReadonlyMap<string, number> | Readonly<Record<string, number>>,
  people: readonly PersonPosition[] = [],
  t = 0,
): RiskMapData {
  const get =
    readings instanceof Map
      ? (id: string) => readings.get(id)
      : (id: string) => (readings as Record<string, number>)[id]
  const ratio = model.sensors.map((s) => {
    const v = get(s.id)
    return v === undefined || !Number.isFinite(v) ? 0 : clip(v / s.limit)
  })
  const counts = new Int32Array(model.segments.length)
  for (const p of people) {
    let best = -1
    let bestD = Infinity
    model.segments.forEach((s, i) => {
      if (p.u !== undefined && Math.abs(p.u - (s.a.z + s.b.z) / 2) > 10 + Math.abs(s.b.z - s.a.z) / 2) return
      const d = distToSegment2(p.e, p.n, s.a, s.b)
      if (d <= s.halfWidth_m + 2 && d < bestD) {
        bestD = d
        best = i
      }
    })
    if (best >= 0) counts[best]++
  }
  const w = model.weights
  const totals: Record<RiskLevel, number> = { red: 0, yellow: 0, blue: 0 }
  const segments = model.segments.map((s, i): RiskSegmentState => {
    let gas = 0
    for (const k of s.gasSensors) gas = Math.max(gas, ratio[k])
    let roof = 0
    for (const k of s.roofSensors) roof = Math.max(roof, ratio[k])
    const people = clip(counts[i] / model.peopleRef)
    const score = w.gas * gas + w.roof * roof + w.geology * s.geology + w.people * people
    const worst = Math.max(gas, roof)
    const level: RiskLevel = score >= 0.6 || worst >= 1 ? 'red' : score >= 0.3 || worst >= 0.5 ? 'yellow' : 'blue'
    totals[level]++
    return {
      id: s.id,
      roadwayId: s.roadwayId,
      level,
      score: round3(score),
      gas: round3(gas),
      roof: round3(roof),
      geology: s.geology,
      people: round3(people),
      count: counts[i],
    }
  })
  return { t, segments, totals }
}

/**
 * Dynamic zones for the zone engine: one rectangle (plan) per segment at the given levels, as
 * wide as the roadway plus a metre each side, within 10 m of its height. Ids `risk:<segment id>`.
 */
export function riskZoneDefs(model: RiskModel, map: RiskMapData, levels: readonly RiskLevel[] = ['red']): ZoneDef[] {
  const want = new Set(levels)
  const out: ZoneDef[] = []
  map.segments.forEach((st, i) => {
    if (!want.has(st.level)) return
    const s = model.segments[i]
    const dx = s.b.x - s.a.x
    const dy = s.b.y - s.a.y
    const L = Math.hypot(dx, dy)
    const hw = s.halfWidth_m + 1
    // Vertical segments (shafts) become a square around the shaft.
    const ux = L > 1e-6 ? dx / L : 1
    const uy = L > 1e-6 ? dy / L : 0
    const nx = -uy * hw
    const ny = ux * hw
    const ax = s.a.x - ux * (L > 1e-6 ? 0 : hw)
    const ay = s.a.y - uy * (L > 1e-6 ? 0 : hw)
    const bx = s.b.x + ux * (L > 1e-6 ? 0 : hw)
    const by = s.b.y + uy * (L > 1e-6 ? 0 : hw)
    out.push({
      id: `risk:${s.id}`,
      kind: 'risk',
      level: st.level,
      rings: [[ax + nx, ay + ny, ax - nx, ay - ny, bx - nx, by - ny, bx + nx, by + ny]],
      uMin: Math.min(s.a.z, s.b.z) - 10,
      uMax: Math.max(s.a.z, s.b.z) + 10,
    })
  })
  return out
}

function lerp(a: Vec3, b: Vec3, t: number): Vec3 {
  return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), z: a.z + t * (b.z - a.z) }
}

function distToSegment3(p: Vec3, a: Vec3, b: Vec3): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const dz = b.z - a.z
  const L2 = dx * dx + dy * dy + dz * dz
  let t = L2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy + (p.z - a.z) * dz) / L2 : 0
  t = t < 0 ? 0 : t > 1 ? 1 : t
  return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y, a.z + t * dz - p.z)
}

function distToSegment2(e: number, n: number, a: Vec3, b: Vec3): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const L2 = dx * dx + dy * dy
  let t = L2 > 0 ? ((e - a.x) * dx + (n - a.y) * dy) / L2 : 0
  t = t < 0 ? 0 : t > 1 ? 1 : t
  return Math.hypot(a.x + t * dx - e, a.y + t * dy - n)
}

function clip(x: number): number {
  return x < 0 ? 0 : x > 2 ? 2 : x
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}
