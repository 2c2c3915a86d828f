/**
 * Zone + gathering (+ man-down) evaluation for 2,000 people at 10 Hz on one core: the budget per
 * tick is 100 ms. People walk a 1 km × 1 km site with 40 static zones (production, hazardous,
 * restricted, offices) and a dynamic threat zone of 200 vertices; a third of them stand in knots.
 *  - people.zones_tick: ZoneEngine.update for 2,000 positions
 *  - people.zones_gathering_tick: zones + gathering detection
 *  - people.monitor_tick: zones + gathering + man-down + exposure (the server's whole people tick)
 */
import { createRng } from '../../simulation/src/core/rng'
import {
  ExposureTracker,
  GatheringDetector,
  ManDownDetector,
  threatZoneDefs,
  ZoneEngine,
  type PersonPosition,
  type ZoneDef,
} from '../../simulation/src/people'
import { timeIt } from './harness'

const N = 2000
const rng = createRng(5)
const kinds = ['production', 'hazardous', 'restricted', 'office', 'working_face'] as const
const zones: ZoneDef[] = []
for (let i = 0; i < 40; i++) {
  const e0 = rng.uniform(0, 900)
  const n0 = rng.uniform(0, 900)
  const w = rng.uniform(30, 150)
  const h = rng.uniform(30, 150)
  zones.push({
    id: `Z${i}`,
    kind: kinds[i % kinds.length],
    rings: [[e0, n0, e0 + w, n0, e0 + w, n0 + h, e0, n0 + h]],
    maxStay_s: 600,
  })
}
// A plume-like contour with 200 vertices.
const plume: number[] = []
for (let k = 0; k < 200; k++) {
  const a = (2 * Math.PI * k) / 200
  plume.push(500 + 300 * Math.cos(a), 500 + 80 * Math.sin(a) * (1 + 0.3 * Math.cos(3 * a)))
}

const walkers = Array.from({ length: N }, (_, i) => ({
  id: `p${i}`,
  e: rng.uniform(0, 1000),
  n: rng.uniform(0, 1000),
  ve: i % 3 === 0 ? 0 : rng.uniform(-1.5, 1.5),
  vn: i % 3 === 0 ? 0 : rng.uniform(-1.5, 1.5),
}))
// Every third person stands in a knot of three (a gathering candidate).
for (let i = 0; i + 2 < N; i += 9) {
  walkers[i + 3].e = walkers[i].e + 3
  walkers[i + 3].n = walkers[i].n
  walkers[i + 6].e = walkers[i].e
  walkers[i + 6].n = walkers[i].n + 3
}

let tick = 0
function positions(): PersonPosition[] {
  tick++
  return walkers.map((w) => {
    w.e += w.ve * 0.1
    w.n += w.vn * 0.1
    if (w.e < 0 || w.e > 1000) w.ve = -w.ve
    if (w.n < 0 || w.n > 1000) w.vn = -w.vn
    return { id: w.id, e: w.e + 0.05 * Math.sin(tick + w.e), n: w.n + 0.05 * Math.cos(tick + w.n) }
  })
}

function setup() {
  const engine = new ZoneEngine(zones)
  engine.setZones('plume', threatZoneDefs('plume', [{ label: 'AEGL-2', rings: [plume] }]))
  return engine
}

const frames = Array.from({ length: 60 }, positions)
const extra = { people: N, zones: 41, rate_hz: 10, budget_ms: 100 }

let t = 1.7e12
let f = 0
let engine = setup()
timeIt('people.zones_tick', () => void engine.update((t += 100), frames[f++ % frames.length]), {
  n: 200,
  warmup: 20,
  extra,
})

engine = setup()
let gathering = new GatheringDetector()
timeIt(
  'people.zones_gathering_tick',
  () => {
    const pos = frames[f++ % frames.length]
    engine.update((t += 100), pos)
    gathering.update(t, pos, engine)
  },
  { n: 200, warmup: 20, extra },
)

engine = setup()
gathering = new GatheringDetector()
const manDown = new ManDownDetector()
const exposure = new ExposureTracker({ levels: { aegl1: 1, aegl2: 10, aegl3: 100 } })
const c = (e: number, n: number) => 50 * Math.exp(-((e - 500) ** 2) / 20000 - (n - 500) ** 2 / 2000)
timeIt(
  'people.monitor_tick',
  () => {
    const pos = frames[f++ % frames.length]
    engine.update((t += 100), pos)
    gathering.update(t, pos, engine)
    manDown.update(t, pos, engine)
    exposure.update(t, pos, c)
  },
  { n: 200, warmup: 20, extra },
)
