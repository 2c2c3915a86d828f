import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseScene } from '@sim/scene/parseScene'
import type { Scene } from '@sim/scene/sceneSchema'
import { renderDemoPark } from '@server/tools/generateDemoPark'
import {
  coordKey,
  DEMO_PARK_PATH,
  distanceToOutline,
  insidePolygon,
  loadDemoParkRaw,
  local,
  polygonArea,
  reachableFrom,
  roadGraph,
  type Xy,
} from './sceneGeometry'

const parsed = parseScene(loadDemoParkRaw())
if (!parsed.ok) throw new Error(`demo park does not validate:\n${parsed.errors.join('\n')}`)
const scene: Scene = parsed.scene
const L = (p: readonly [number, number]) => local(scene.origin, p)
const boundary = scene.boundary.map(L)
const fences = new Map(scene.enterprises.map((e) => [e.id, e.fence.map(L)]))
const gas = scene.devices.filter((d) => d.type === 'gas_toxic' || d.type === 'gas_combustible')
/** Things on the boundary line (gates, the ends of roads through them) count as inside. */
const inPark = (p: readonly [number, number]) => insidePolygon(boundary, L(p), 0.05)

describe('demo park scene', () => {
  it('validates', () => {
    expect(parsed.ok).toBe(true)
  })

  it('is exactly what the generator writes (regenerate after editing the layout)', async () => {
    expect(readFileSync(DEMO_PARK_PATH, 'utf8')).toBe(await renderDemoPark())
  })

  it('sits in eastern China and is about 2 km × 1.5 km', () => {
    expect(scene.origin.lng).toBeGreaterThan(118)
    expect(scene.origin.lng).toBeLessThan(122)
    expect(scene.origin.lat).toBeGreaterThan(30)
    expect(scene.origin.lat).toBeLessThan(33)
    const es = boundary.map((p) => p[0])
    const ns = boundary.map((p) => p[1])
    expect(Math.max(...es) - Math.min(...es)).toBeCloseTo(2000, -2)
    expect(Math.max(...ns) - Math.min(...ns)).toBeCloseTo(1500, -2)
  })

  it('has at least 4 enterprises, each fenced inside the park and holding its own equipment', () => {
    expect(scene.enterprises.length).toBeGreaterThanOrEqual(4)
    for (const e of scene.enterprises) {
      const fence = fences.get(e.id)!
      for (const p of fence) expect(insidePolygon(boundary, p), `${e.id} fence corner`).toBe(true)
      const own = [
        ...scene.tanks.filter((t) => t.enterpriseId === e.id).map((t) => ({ id: t.id, pts: [t.position] })),
        ...scene.units.filter((u) => u.enterpriseId === e.id).map((u) => ({ id: u.id, pts: u.footprint })),
        ...scene.buildings.filter((b) => b.enterpriseId === e.id).map((b) => ({ id: b.id, pts: b.footprint })),
        ...scene.devices.filter((d) => d.enterpriseId === e.id).map((d) => ({ id: d.id, pts: [d.position] })),
        ...scene.valves.filter((v) => v.enterpriseId === e.id).map((v) => ({ id: v.id, pts: [v.position] })),
      ]
      for (const o of own)
        for (const p of o.pts) expect(insidePolygon(fence, L(p)), `${o.id} inside ${e.id}`).toBe(true)
      expect(scene.tanks.some((t) => t.enterpriseId === e.id) || scene.units.some((u) => u.enterpriseId === e.id)).toBe(
        true,
      )
      expect(scene.buildings.filter((b) => b.enterpriseId === e.id).map((b) => b.use)).toEqual(
        expect.arrayContaining(['office', 'control_room']),
      )
    }
  })

  it('has no two enterprise fences overlapping', () => {
    const list = [...fences.entries()]
    for (const [a, fa] of list)
      for (const [b, fb] of list)
        if (a !== b) for (const p of fa) expect(insidePolygon(fb, p), `${a} in ${b}`).toBe(false)
  })

  it('has at least 200 gas detectors with the right units and thresholds', () => {
    expect(gas.length).toBeGreaterThanOrEqual(200)
    const want: Record<string, [number, number]> = {
      Cl2: [0.5, 1],
      NH3: [25, 50],
      H2S: [10, 20],
      CO: [24, 48],
      HCl: [3, 6],
    }
    for (const d of gas) {
      const t = d.thresholds
      expect(t.high! < t.highHigh!, d.id).toBe(true)
      expect(d.range.max).toBeGreaterThan(t.highHigh!)
      if (d.type === 'gas_combustible') expect([d.unit, t.high, t.highHigh]).toEqual(['%LEL', 25, 50])
      else {
        expect(d.unit).toBe('ppm')
        if (want[d.substance!]) expect([t.high, t.highHigh], d.id).toEqual(want[d.substance!])
      }
    }
    // Both kinds are present, and every substance in a unit or tank has a detector somewhere.
    expect(new Set(gas.map((d) => d.type)).size).toBe(2)
    const detected = new Set(gas.map((d) => d.substance))
    for (const s of [...scene.tanks.map((t) => t.substance), ...scene.units.flatMap((u) => u.substances)])
      expect(detected).toContain(s)
  })

  it('holds ≥ 2 gas detectors per 1000 m² in every process, tank and restricted zone', () => {
    const dense = scene.zones.filter((z) => ['production', 'hazardous', 'restricted'].includes(z.kind))
    expect(dense.length).toBeGreaterThanOrEqual(scene.enterprises.length)
    for (const z of dense) {
      const ring = z.polygon.map(L)
      const area = polygonArea(ring)
      const n = gas.filter((d) => insidePolygon(ring, L(d.position))).length
      expect((n / area) * 1000, `${z.id}: ${n} detectors on ${area.toFixed(0)} m²`).toBeGreaterThanOrEqual(2)
    }
    // Every tank and unit lies in such a zone, so the density rule covers all of them.
    const rings = dense.map((z) => z.polygon.map(L))
    for (const t of scene.tanks)
      expect(
        rings.some((r) => insidePolygon(r, L(t.position))),
        t.id,
      ).toBe(true)
    for (const u of scene.units)
      expect(
        rings.some((r) => u.footprint.every((p) => insidePolygon(r, L(p)))),
        u.id,
      ).toBe(true)
  })

  it('isolates every tank and unit with at least one valve', () => {
    const isolated = new Set(scene.valves.flatMap((v) => v.isolates))
    for (const t of scene.tanks) expect(isolated.has(t.id), t.id).toBe(true)
    for (const u of scene.units) expect(isolated.has(u.id), u.id).toBe(true)
  })

  it('has named tanks with plausible inventories, and P and T transmitters on every tank and unit', () => {
    for (const t of scene.tanks) {
      expect(t.name.zh).toContain(t.id.split('-')[1].replace('T', 'T-'))
      expect(t.inventory_kg).toBeGreaterThan(0.2 * t.capacity_kg)
      expect(t.inventory_kg).toBeLessThanOrEqual(t.capacity_kg)
    }
    for (const eq of [...scene.tanks, ...scene.units])
      for (const type of ['pressure', 'temperature'] as const) {
        const d = scene.devices.find((x) => x.monitors === eq.id && x.type === type)
        expect(d, `${type} on ${eq.id}`).toBeDefined()
        const t = d!.thresholds
        expect(
          t.lowLow! < t.low! && t.low! < d!.nominal! && d!.nominal! < t.high! && t.high! < t.highHigh!,
          d!.id,
        ).toBe(true)
        expect(d!.range.min <= t.lowLow! && t.highHigh! <= d!.range.max, d!.id).toBe(true)
      }
  })

  it('has a 10 m met station with wind speed, wind direction and air temperature', () => {
    expect(scene.metStation.height_m).toBe(10)
    const byId = new Map(scene.devices.map((d) => [d.id, d]))
    expect(byId.get(scene.metStation.windSpeedDevice)?.type).toBe('wind_speed')
    expect(byId.get(scene.metStation.windDirectionDevice)?.type).toBe('wind_direction')
    expect(byId.get(scene.metStation.airTemperatureDevice)?.type).toBe('air_temperature')
  })

  describe('road network', () => {
    const { nodes, adj } = roadGraph(scene)

    it('is one connected graph when built by snapping identical end points', () => {
      const first = nodes.values().next().value!
      expect(reachableFrom(adj, first).size).toBe(nodes.size)
    })

    it('has no near-miss junctions (end points a few cm apart that would not snap)', () => {
      const pts = [...nodes].map((k) => k.split(',').map(Number) as [number, number]).map(L)
      for (let i = 0; i < pts.length; i++)
        for (let j = i + 1; j < pts.length; j++)
          expect(Math.hypot(pts[i][0] - pts[j][0], pts[i][1] - pts[j][1])).toBeGreaterThan(1)
    })

    it('has gates at nodes on the boundary, each joining an inside and an outside road', () => {
      expect(scene.gates.length).toBeGreaterThanOrEqual(2)
      for (const g of scene.gates) {
        expect(nodes.has(coordKey(g.position)), g.id).toBe(true)
        expect(distanceToOutline(boundary, L(g.position))).toBeLessThan(0.05)
        const at = scene.roads.features.filter((f) =>
          [f.geometry.coordinates[0], f.geometry.coordinates.at(-1)!].some((p) => coordKey(p) === coordKey(g.position)),
        )
        expect(
          at.some((f) => f.properties.class === 'external'),
          g.id,
        ).toBe(true)
        expect(
          at.some((f) => f.properties.class !== 'external'),
          g.id,
        ).toBe(true)
      }
    })

    it('keeps park roads inside and external roads outside the boundary', () => {
      for (const f of scene.roads.features) {
        const pts = f.geometry.coordinates.map(L)
        // Midpoints too: a line can leave the park between two inside vertices.
        const mids = pts.slice(1).map((p, i): Xy => [(p[0] + pts[i][0]) / 2, (p[1] + pts[i][1]) / 2])
        for (const p of [...pts, ...mids]) {
          const onLine = distanceToOutline(boundary, p) < 0.05
          if (!onLine) expect(insidePolygon(boundary, p), f.properties.id).toBe(f.properties.class !== 'external')
        }
      }
    })

    it('reaches the fire stations and leads out to the county town and the expressway', () => {
      for (const s of scene.fireStations) expect(nodes.has(coordKey(s.position)), s.id).toBe(true)
      const external = scene.roads.features.filter((f) => f.properties.class === 'external')
      const far = external
        .flatMap((f) => f.geometry.coordinates.map(L))
        .filter((p) => distanceToOutline(boundary, p) > 2000)
      expect(far.length).toBeGreaterThanOrEqual(2)
    })
  })

  it('has muster points in every plant and park ones outside the plants', () => {
    for (const e of scene.enterprises) {
      const fence = fences.get(e.id)!
      expect(
        scene.musterPoints.some((m) => insidePolygon(fence, L(m.position))),
        e.id,
      ).toBe(true)
    }
    const parkOnes = scene.musterPoints.filter((m) =>
      [...fences.values()].every((f) => !insidePolygon(f, L(m.position))),
    )
    expect(parkOnes.length).toBeGreaterThanOrEqual(1)
    for (const m of scene.musterPoints) expect(inPark(m.position), m.id).toBe(true)
  })

  it('has a park fire station inside and a government one outside', () => {
    const park = scene.fireStations.filter((f) => f.tier === 'park')
    const gov = scene.fireStations.filter((f) => f.tier === 'government')
    expect(park.length).toBeGreaterThanOrEqual(1)
    expect(gov.length).toBeGreaterThanOrEqual(1)
    for (const f of park) expect(inPark(f.position)).toBe(true)
    for (const f of gov) expect(inPark(f.position)).toBe(false)
  })

  it('has a school, a village and a hospital outside the fence, 0.8–3 km away', () => {
    const kinds = new Set(scene.sensitiveTargets.map((s) => s.kind))
    for (const k of ['school', 'village', 'hospital'] as const) expect(kinds).toContain(k)
    for (const s of scene.sensitiveTargets) {
      expect(s.population).toBeGreaterThan(0)
      for (const p of [s.position, ...(s.footprint ?? [])]) expect(inPark(p), s.id).toBe(false)
      const d = distanceToOutline(boundary, L(s.position))
      expect(d, s.id).toBeGreaterThanOrEqual(800)
      expect(d, s.id).toBeLessThanOrEqual(3000)
    }
  })

  it('keeps everything else inside the park boundary', () => {
    const gov = new Set(scene.fireStations.filter((f) => f.tier === 'government').map((f) => f.id))
    const points: (readonly [string, readonly [number, number]])[] = [
      ...scene.buildings.flatMap((b) => b.footprint.map((p) => [b.id, p] as const)),
      ...scene.tanks.map((t) => [t.id, t.position] as const),
      ...scene.units.flatMap((u) => u.footprint.map((p) => [u.id, p] as const)),
      ...scene.pipeRacks.flatMap((r) => r.path.map((p) => [r.id, p] as const)),
      ...scene.valves.map((v) => [v.id, v.position] as const),
      ...scene.devices.map((d) => [d.id, d.position] as const),
      ...scene.zones.flatMap((z) => z.polygon.map((p) => [z.id, p] as const)),
      ...scene.gates.map((g) => [g.id, g.position] as const),
      ...scene.fireStations.filter((f) => !gov.has(f.id)).map((f) => [f.id, f.position] as const),
      ['metStation', scene.metStation.position],
    ]
    for (const [id, p] of points) expect(inPark(p), id).toBe(true)
  })

  it('has a restricted zone around the phosgene units, with a stay limit', () => {
    const phosgene = scene.units.filter((u) => u.substances.includes('COCl2'))
    expect(phosgene.length).toBeGreaterThan(0)
    const restricted = scene.zones.filter((z) => z.kind === 'restricted')
    for (const u of phosgene) {
      const z = restricted.find((r) => u.footprint.every((p) => insidePolygon(r.polygon.map(L), L(p))))
      expect(z, u.id).toBeDefined()
      expect(z!.maxStay_s).toBeGreaterThan(0)
    }
  })
})
