/**
 * Dispatch on a generated 10,000-node road network (100 × 100 jittered grid, 80 m blocks, a few
 * missing links, arterials every tenth line at 60 km/h, some one-way streets) with a plume-like
 * AEGL-3 / AEGL-2 pair in the middle:
 *  - dispatch.hazard_classify: per-edge hazard from the zones and wind (run on every plume/wind change)
 *  - dispatch.plan_100_units_20_demands: staging, 20 backward searches, 80 × 180 Hungarian, routes
 *    and explanations (goal ≤ 50 ms); `…_no_explain` skips the hazard-blind comparison
 *  - dispatch.reroute_100_after_wind_shift: hazard recompute + a new route for 100 moving units
 *  - dispatch.route_single: one A* route across the network
 *  - dispatch.evacuate_1000: 1,000 people to 12 muster points
 */
import { createRng } from '../../simulation/src/core/rng'
import {
  advanceUnits,
  buildGraph,
  classifyEdges,
  createWorkspace,
  planDispatch,
  planEvacuation,
  rerouteUnits,
  route,
  type Demand,
  type DispatchUnit,
  type HazardInput,
  type SegmentInput,
  type UnitMotion,
} from '../../simulation/src/dispatch'
import { emit, timeIt } from './harness'

const rng = createRng(7)
const W = 100
const H = 100
const S = 80
const e: number[] = []
const n: number[] = []
for (let j = 0; j < H; j++)
  for (let i = 0; i < W; i++) {
    e.push(i * S + rng.uniform(-15, 15))
    n.push(j * S + rng.uniform(-15, 15))
  }
const segments: SegmentInput[] = []
for (let j = 0; j < H; j++)
  for (let i = 0; i < W; i++) {
    const v = j * W + i
    const arterialRow = j % 10 === 0
    const arterialCol = i % 10 === 0
    if (i + 1 < W && (arterialRow || rng.next() > 0.08))
      segments.push({ from: v, to: v + 1, speedKmh: arterialRow ? 60 : 30, oneway: !arterialRow && rng.next() < 0.05 })
    if (j + 1 < H && (arterialCol || rng.next() > 0.08))
      segments.push({ from: v, to: v + W, speedKmh: arterialCol ? 60 : 30, oneway: !arterialCol && rng.next() < 0.05 })
  }
const g = buildGraph({ origin: { lng: 120, lat: 32, alt_m: 0 }, nodeE: e, nodeN: n, segments })

function plumeRing(cx: number, cy: number, windFromDeg: number, len: number, half: number, k = 64): number[] {
  const a = (windFromDeg * Math.PI) / 180
  const de = -Math.sin(a)
  const dn = -Math.cos(a)
  const ring: number[] = []
  for (let q = 0; q < k; q++) {
    const t = (2 * Math.PI * q) / k
    const x = (len / 2) * (1 + Math.cos(t)) - 20
    const y = half * Math.sin(t) * Math.min(1, (x + 20) / (len * 0.3))
    ring.push(cx + x * de + y * dn, cy + x * dn - y * de)
  }
  return ring
}
const src = { e: 4000, n: 4000 }
const hazardFor = (wind: number): HazardInput => ({
  zones: [
    { label: 'AEGL-3 (60 min)', rings: [plumeRing(src.e, src.n, wind, 1500, 150)] },
    { label: 'AEGL-2 (60 min)', rings: [plumeRing(src.e, src.n, wind, 3000, 350)] },
  ],
  source: src,
  windFromDeg: wind,
})

const types = ['engine', 'engine', 'engine', 'hazmat', 'ambulance', 'rescue']
const units: DispatchUnit[] = Array.from({ length: 100 }, (_, i) => {
  const v = rng.int(g.nodeCount)
  return {
    id: `U${i}`,
    status: 'available',
    type: types[i % types.length],
    capabilities: [],
    at: { node: v },
    e: g.nodeE[v],
    n: g.nodeN[v],
  }
})
const demands: Demand[] = Array.from({ length: 20 }, (_, i) => ({
  id: `D${i}`,
  e: rng.uniform(500, 7500),
  n: rng.uniform(500, 7500),
  needs: { engine: 2, hazmat: 1, ambulance: 1 },
}))

let h = classifyEdges(g, hazardFor(270))
timeIt('dispatch.hazard_classify', () => void (h = classifyEdges(g, hazardFor(270))), {
  n: 30,
  extra: {
    nodes: g.nodeCount,
    edges: g.edgeCount,
    forbidden_edges: h.forbiddenEdges,
    penalised_edges: h.penalisedEdges,
  },
})
const ws = createWorkspace(g)
let plan = planDispatch(g, h, units, demands, { ws })
timeIt('dispatch.plan_100_units_20_demands', () => void (plan = planDispatch(g, h, units, demands, { ws })), {
  n: 20,
  extra: {
    goal_ms: 50,
    slots: 80,
    assigned: plan.recommendations.length,
    unsafe: plan.recommendations.filter((r) => !r.safe).length,
  },
})
timeIt(
  'dispatch.plan_100_units_20_demands_no_explain',
  () => void planDispatch(g, h, units, demands, { ws, explain: false }),
  {
    n: 20,
    extra: { goal_ms: 50 },
  },
)
timeIt('dispatch.route_single', () => void route(g, h, { node: 0 }, { node: g.nodeCount - 1 }, { ws }), { n: 50 })

// 100 units en route to random destinations, 60 s into their drive; then the wind turns 90°.
const routes = new Map<string, ReturnType<typeof route>>()
let motions: UnitMotion[] = units.map((u, i) => {
  const target = { node: rng.int(g.nodeCount) }
  routes.set(u.id, route(g, h, u.at, target, { ws }))
  return { unitId: u.id, status: 'en_route', incidentId: `D${i % 20}`, target, elapsedS: 0, e: u.e, n: u.n }
})
motions = advanceUnits(motions, routes, 60, g.origin).units
let rerouted = 0
timeIt(
  'dispatch.reroute_100_after_wind_shift',
  () => {
    const h2 = classifyEdges(g, hazardFor(180))
    rerouted = rerouteUnits(g, h2, motions, routes, { ws, reason: 'wind shift' }).events.length
  },
  { n: 10, warmup: 2, extra: { units: motions.length } },
)
emit({ name: 'dispatch.reroute_100_changed_routes', unit: 'count', median: rerouted, n: 1 })

const people = Array.from({ length: 1000 }, (_, i) => ({
  id: `P${i}`,
  e: rng.uniform(2500, 6500),
  n: rng.uniform(2500, 6500),
}))
const musters = Array.from({ length: 12 }, (_, i) => ({
  id: `M${i}`,
  e: 800 + (i % 4) * 2100,
  n: 800 + Math.floor(i / 4) * 3000,
  capacity: 150,
}))
timeIt('dispatch.evacuate_1000_people_12_musters', () => void planEvacuation(g, h, people, musters), {
  n: 5,
  warmup: 1,
})
