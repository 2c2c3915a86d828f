/**
 * Assemble the demo park scene from the plant and park layouts. Deterministic: the only
 * randomness (detector angles, tank inventories) comes from one fixed seed, and every object is
 * built with its keys in schema order, so the file diff shows only what a change really changed.
 */
import type { z } from 'zod'
import { createRng } from '@sim/core/rng'
import { SCENE_VERSION, type SceneSchema } from '@sim/scene/sceneSchema'
import { placeDetectors, type DetectorZone, type Source } from './detectors'
import { centre, lngLat, pad, rectRing, round, union, type Coord, type Pt, type Rect } from './local'
import {
  BOUNDARY,
  FIRE_STATIONS,
  GATES,
  MET_STATION_AT,
  ORIGIN,
  PARK_BUILDINGS,
  PARK_MUSTERS,
  PARK_ROADS,
  PUBLIC_RACK,
  SENSITIVE_TARGETS,
} from './park'
import {
  fenceRect,
  PLANTS,
  tankRect,
  unitRect,
  uv,
  uvRect,
  type PlantSpec,
  type TankSpec,
  type UnitSpec,
} from './plants'
import { nodeRoads, type RoadDef } from './roads'
import { detectorHeight, substance } from './substances'
import { checkLayout } from './checkLayout'
import { gasDetector, tankTransmitters, unitTransmitters, metDevices } from './devices'

export type SceneInput = z.input<typeof SceneSchema>
type Device = SceneInput['devices'][number]
type Valve = NonNullable<SceneInput['valves']>[number]
type Zone = NonNullable<SceneInput['zones']>[number]

export const DEMO_SEED = 'qinglan-bay-demo-park-v1'
const ADMIN_AREA = ['PK-OFF', 'PK-ECC', 'PK-LAB', 'PK-CAN', 'PK-FSB']

const ll = (p: Pt): Coord => lngLat(ORIGIN, p)
const ring = (r: Rect | Pt[]) => (Array.isArray(r) ? r : rectRing(r)).map(ll)

const tankId = (pl: PlantSpec, t: TankSpec) => `${pl.code}-${t.tag.replace('-', '')}`
const unitId = (pl: PlantSpec, u: UnitSpec) => `${pl.code}-${u.tag}`

/** kg that fit: liquids to 85 % (pressurised) or 90 % of the shell, compressed gases to 100 %. */
function capacityKg(t: TankSpec): number {
  const rho = t.density ?? substance(t.substance).storedDensity
  if (!rho) throw new Error(`tank ${t.tag}: no stored density for ${t.substance}`)
  const vol = t.sphere ? (Math.PI * t.d ** 3) / 6 : Math.PI * (t.d / 2) ** 2 * t.h
  const fill = rho < 20 ? 1 : t.storage === 'pressurized' ? 0.85 : 0.9
  return roundKg(vol * rho * fill)
}
const roundKg = (kg: number) => (kg > 100_000 ? Math.round(kg / 100) * 100 : Math.round(kg))

function nearestOnPolyline(path: readonly Pt[], p: Pt): { at: Pt; d: number } {
  let best = { at: path[0], d: Infinity }
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1], path[i]]
    const len2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / len2))
    const q: Pt = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
    const d = Math.hypot(q[0] - p[0], q[1] - p[1])
    if (d < best.d) best = { at: q, d }
  }
  return best
}

export function buildDemoPark(): SceneInput {
  const rng = createRng(DEMO_SEED)
  const racks = PLANTS.flatMap((pl) =>
    pl.racks.map((path, i) => ({ id: `${pl.code}-PR${i + 1}`, plant: pl, path: path.map((p) => uv(pl, p)) })),
  )
  const nearestRack = (pl: PlantSpec, p: Pt) =>
    racks
      .filter((r) => r.plant === pl)
      .map((r) => ({ r, ...nearestOnPolyline(r.path, p) }))
      .reduce((a, b) => (b.d < a.d ? b : a))

  const detectorZones: DetectorZone[] = []
  const zones: Zone[] = []
  const valves: Valve[] = []
  const transmitters: Device[] = []
  for (const pl of PLANTS) {
    for (const f of pl.farms) {
      const id = `${pl.code}-Z-${f.key}`
      const r = pad(union(f.tanks.map((t) => tankRect(pl, t))), 8)
      const sources: Source[] = f.tanks.map((t) => ({
        kind: 'tank',
        id: tankId(pl, t),
        c: uv(pl, t.at),
        r: t.d / 2,
        substances: [t.substance],
      }))
      detectorZones.push({ id, rect: r, sources })
      zones.push({ id, name: { zh: f.zh, en: f.en }, kind: 'hazardous', enterpriseId: pl.id, polygon: ring(r) })
      // A root valve on every tank outlet, and an ESD valve on the farm's header.
      for (const t of f.tanks) {
        const c = uv(pl, t.at)
        const nr = nearestRack(pl, c)
        const dir = Math.hypot(nr.at[0] - c[0], nr.at[1] - c[1]) || 1
        const at: Pt = [
          c[0] + ((nr.at[0] - c[0]) / dir) * (t.d / 2 + 1),
          c[1] + ((nr.at[1] - c[1]) / dir) * (t.d / 2 + 1),
        ]
        valves.push(
          valve(
            pl,
            `${pl.code}-XV-${t.tag.replace('-', '')}`,
            `${t.tag} 出口切断阀`,
            `${t.tag} outlet isolation valve`,
            'isolation',
            at,
            [tankId(pl, t)],
            nr.r.id,
          ),
        )
        transmitters.push(...tankTransmitters(pl, t, tankId(pl, t), c))
      }
      const head = nearestRack(pl, centre(r))
      valves.push(
        valve(
          pl,
          `${pl.code}-ESDV-${f.key}`,
          `${f.zh}总管紧急切断阀`,
          `${f.en} header ESD valve`,
          'esd',
          head.r.path[0],
          f.tanks.map((t) => tankId(pl, t)),
          head.r.id,
        ),
      )
    }
    for (const a of pl.areas) {
      const id = `${pl.code}-Z-${a.key}`
      const core = union(a.units.map((u) => unitRect(pl, u)))
      const sources: Source[] = a.units.map((u) => ({
        kind: 'unit',
        id: unitId(pl, u),
        rect: unitRect(pl, u),
        substances: u.substances,
      }))
      detectorZones.push({ id, rect: pad(core, 10), sources })
      zones.push({
        id,
        name: { zh: a.zh, en: a.en },
        kind: 'production',
        enterpriseId: pl.id,
        polygon: ring(pad(core, 10)),
      })
      if (a.restricted) {
        const rid = `${id}-R`
        const rr = pad(core, a.restricted.margin)
        detectorZones.push({ id: rid, rect: rr, sources })
        zones.push({
          id: rid,
          name: { zh: a.restricted.zh, en: a.restricted.en },
          kind: 'restricted',
          enterpriseId: pl.id,
          polygon: ring(rr),
          maxStay_s: a.restricted.maxStay_s,
        })
      }
      for (const u of a.units) {
        const ur = unitRect(pl, u)
        const nr = nearestRack(pl, centre(ur))
        const at: Pt = [Math.max(ur.e0, Math.min(ur.e1, nr.at[0])), Math.max(ur.n0, Math.min(ur.n1, nr.at[1]))]
        valves.push(
          valve(
            pl,
            `${pl.code}-ESDV-${u.tag}`,
            `${u.zh}进料紧急切断阀`,
            `${u.en} feed ESD valve`,
            'esd',
            at,
            [unitId(pl, u)],
            nr.r.id,
          ),
        )
        transmitters.push(...unitTransmitters(pl, u, unitId(pl, u), centre(ur)))
      }
    }
    // Battery-limit valves where each rack leaves the plant for the public corridor.
    for (const r of racks.filter((x) => x.plant === pl && x.path[x.path.length - 1][1] === PUBLIC_RACK[0][1])) {
      const last = r.path[r.path.length - 1]
      valves.push(
        valve(
          pl,
          `${r.id}-BL`,
          `${r.id} 界区切断阀`,
          `${r.id} battery-limit valve`,
          'isolation',
          [last[0], pl.side * 28],
          [r.id],
          'PK-PR1',
        ),
      )
    }
  }

  const placed = placeDetectors(detectorZones, rng.fork('detectors'))
  const counters = new Map<string, number>()
  const gas: Device[] = placed.map((d) => {
    const pl = PLANTS.find((p) => zoneOwner(p, d.at))
    if (!pl) throw new Error(`detector at ${d.at} is in no plant`)
    const tag = d.kind === 'toxic' ? 'GT' : 'GC'
    const n = (counters.get(pl.code + tag) ?? 0) + 1
    counters.set(pl.code + tag, n)
    return gasDetector(
      `${pl.code}-${tag}${String(n).padStart(3, '0')}`,
      pl.id,
      d,
      ll(d.at),
      detectorHeight(d.substance),
    )
  })
  // Group devices by enterprise: the file order is the telemetry index order.
  const devices: Device[] = [
    ...PLANTS.flatMap((pl) => [
      ...gas.filter((g) => g.enterpriseId === pl.id),
      ...transmitters.filter((t) => t.enterpriseId === pl.id),
    ]),
    ...metDevices(ll(MET_STATION_AT)),
  ]

  const occupancy = (pl: PlantSpec) => pl.buildings.reduce((s, b) => s + b.occ, 0)
  const roads = nodeRoads([
    ...PARK_ROADS,
    ...PLANTS.flatMap((pl): RoadDef[] =>
      pl.roads.map((pts, i) => ({
        id: `${pl.code}-RD${i + 1}`,
        zh: `${pl.zh}厂内道路`,
        en: `${pl.en} plant road`,
        cls: 'access',
        speed: 20,
        pts: pts.map((p) => uv(pl, p)),
      })),
    ),
  ])

  const scene: SceneInput = {
    version: SCENE_VERSION,
    id: 'demo-park',
    kind: 'park',
    name: { zh: '青澜湾化工园区', en: 'Qinglan Bay Chemical Park' },
    origin: ORIGIN,
    timezone: 'Asia/Shanghai',
    boundary: ring(BOUNDARY),
    enterprises: PLANTS.map((pl) => ({
      id: pl.id,
      name: { zh: pl.zh, en: pl.en },
      sector: pl.sector,
      fence: ring(fenceRect(pl)),
    })),
    buildings: [
      ...PLANTS.flatMap((pl) =>
        pl.buildings.map((b) => ({
          id: `${pl.code}-B-${b.key}`,
          enterpriseId: pl.id,
          name: { zh: b.zh, en: b.en },
          use: b.use,
          footprint: ring(uvRect(pl, b.at, b.w, b.d)),
          height_m: b.h,
          occupancy: b.occ,
        })),
      ),
      ...PARK_BUILDINGS.map((b) => ({
        id: b.id,
        enterpriseId: null,
        name: { zh: b.zh, en: b.en },
        use: b.use,
        footprint: ring(b.rect),
        height_m: b.h,
        occupancy: b.occ,
      })),
    ],
    tanks: PLANTS.flatMap((pl) =>
      pl.farms.flatMap((f) =>
        f.tanks.map((t) => {
          const capacity = capacityKg(t)
          const sub = substance(t.substance)
          const label = t.label ?? { zh: `${sub.zh}储罐`, en: `${sub.en[0].toUpperCase()}${sub.en.slice(1)} tank` }
          return {
            id: tankId(pl, t),
            enterpriseId: pl.id,
            name: { zh: `${label.zh} ${t.tag}`, en: `${label.en} ${t.tag}` },
            position: ll(uv(pl, t.at)),
            diameter_m: t.d,
            height_m: t.h,
            substance: t.substance,
            storage: t.storage,
            capacity_kg: capacity,
            inventory_kg: Math.min(
              capacity,
              roundKg(capacity * rng.fork(`inventory:${tankId(pl, t)}`).uniform(0.35, 0.85)),
            ),
            temperature_c: t.t,
            pressure_kpa_g: t.p,
          }
        }),
      ),
    ),
    units: PLANTS.flatMap((pl) =>
      pl.areas.flatMap((a) =>
        a.units.map((u) => ({
          id: unitId(pl, u),
          enterpriseId: pl.id,
          name: { zh: u.zh, en: u.en },
          kind: u.kind,
          footprint: ring(unitRect(pl, u)),
          height_m: u.h,
          substances: u.substances,
          state: 'running' as const,
        })),
      ),
    ),
    pipeRacks: [
      ...racks.map((r) => ({
        id: r.id,
        enterpriseId: r.plant.id,
        path: r.path.map(ll),
        height_m: 7,
        width_m: 4,
        carries: [
          ...new Set([
            ...r.plant.farms.flatMap((f) => f.tanks.map((t) => t.substance)),
            ...r.plant.areas.flatMap((a) => a.units.flatMap((u) => u.substances)),
          ]),
        ],
      })),
      {
        id: 'PK-PR1',
        enterpriseId: null,
        path: PUBLIC_RACK.map(ll),
        height_m: 8,
        width_m: 6,
        carries: ['steam', 'N2', 'H2', 'CH4', 'cooling water', 'wastewater'],
      },
    ],
    valves,
    devices,
    metStation: {
      id: 'MET-1',
      position: ll(MET_STATION_AT),
      height_m: 10,
      windSpeedDevice: 'MET-WS',
      windDirectionDevice: 'MET-WD',
      airTemperatureDevice: 'MET-AT',
    },
    roads: {
      type: 'FeatureCollection',
      features: roads.map((r) => ({
        type: 'Feature' as const,
        properties: { id: r.id, name: { zh: r.zh, en: r.en }, class: r.cls, speed_kmh: r.speed, oneway: false },
        geometry: { type: 'LineString' as const, coordinates: r.pts.map(ll) },
      })),
    },
    gates: GATES.map((g) => ({ id: g.id, name: { zh: g.zh, en: g.en }, position: ll(g.at) })),
    musterPoints: [
      ...PLANTS.flatMap((pl) =>
        pl.musters.map((m, i) => ({
          id: `${pl.code}-MP${i + 1}`,
          name: { zh: `${pl.zh}${m.zh}`, en: `${pl.en} — ${m.en}` },
          position: ll(uv(pl, m.at)),
          // Main muster point holds the whole day shift with a margin; the rear one half of it.
          capacity: Math.ceil((occupancy(pl) * (i === 0 ? 1.25 : 0.5)) / 50) * 50,
        })),
      ),
      ...PARK_MUSTERS.map((m) => ({
        id: m.id,
        name: { zh: m.zh, en: m.en },
        position: ll(m.at),
        capacity: m.capacity,
      })),
    ],
    fireStations: [
      FIRE_STATIONS[0],
      ...PLANTS.filter((pl) => pl.fireStation).map((pl) => ({
        id: `${pl.code}-FS`,
        zh: pl.fireStation!.zh,
        en: pl.fireStation!.en,
        at: uv(pl, pl.fireStation!.at),
        tier: 'enterprise' as const,
      })),
      FIRE_STATIONS[1],
    ].map((f) => ({ id: f.id, name: { zh: f.zh, en: f.en }, position: ll(f.at), tier: f.tier })),
    sensitiveTargets: SENSITIVE_TARGETS.map((s) => ({
      id: s.id,
      name: { zh: s.zh, en: s.en },
      kind: s.kind,
      position: ll(s.at),
      footprint: ring(s.footprint),
      population: s.population,
    })),
    zones: [
      ...zones,
      {
        id: 'PK-Z-ADMIN',
        name: { zh: '园区管理服务区', en: 'Park administration area' },
        kind: 'office',
        enterpriseId: null,
        polygon: ring(pad(union(PARK_BUILDINGS.filter((b) => ADMIN_AREA.includes(b.id)).map((b) => b.rect)), 10)),
      },
    ],
    uwbAnchors: [],
  }
  checkLayout(scene, gas.length)
  return scene
}

function zoneOwner(pl: PlantSpec, p: Pt): boolean {
  const f = fenceRect(pl)
  return p[0] >= f.e0 && p[0] <= f.e1 && p[1] >= f.n0 && p[1] <= f.n1
}

function valve(
  pl: PlantSpec,
  id: string,
  zh: string,
  en: string,
  kind: Valve['kind'],
  at: Pt,
  isolates: string[],
  pipeRackId: string,
): Valve {
  return {
    id,
    enterpriseId: pl.id,
    name: { zh, en },
    position: ll([round(at[0], 2), round(at[1], 2)]),
    kind,
    isolates,
    pipeRackId,
    state: 'open',
  }
}
