import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toLocal } from '@sim/geo/frames'
import { parseScene } from '@sim/scene/parseScene'
import type { Scene } from '@sim/scene/sceneSchema'
import {
  createRiskModel,
  evaluateRiskMap,
  mineRoadwaysLocal,
  parkPersonnel,
  PeopleMonitor,
  pointAlong,
  riskZoneDefs,
  ZoneEngine,
} from '@sim/people'

function load(dir: string): Scene {
  const r = parseScene(
    JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../scenes/${dir}/scene.json`), 'utf8')),
  )
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r.scene
}
const mine = load('demo-mine')
const park = load('demo-park')
const nominal = new Map(mine.devices.map((d) => [d.id, d.nominal ?? 0]))

describe('red/yellow/blue risk map', () => {
  const model = createRiskModel(mine)

  it('cuts every roadway into ≤ 50 m segments and links nearby sensors', () => {
    for (const r of mineRoadwaysLocal(mine)) {
      const segs = model.segments.filter((s) => s.roadwayId === r.id)
      expect(segs.length).toBeGreaterThanOrEqual(Math.ceil(r.length_m / 50 - 1e-9))
      for (const s of segs)
        expect(Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y, s.b.z - s.a.z)).toBeLessThanOrEqual(50 + 1e-6)
    }
    const face = model.segments.filter((s) => s.roadwayId === 'RW-4101-FACE')
    expect(face.some((s) => s.gasSensors.length > 0)).toBe(true)
  })

  it('is mostly blue in normal operation, with the working longwall face yellow', () => {
    const face = mineRoadwaysLocal(mine).find((r) => r.id === 'RW-4101-FACE')!
    // The face crew: 8 people along the face.
    const crew = Array.from({ length: 8 }, (_, i) => {
      const p = pointAlong(face.points, 150 + i * 6)
      return { id: `c${i}`, e: p.x, n: p.y, u: p.z + 1 }
    })
    const map = evaluateRiskMap(model, nominal, crew)
    expect(map.totals.red).toBe(0)
    expect(map.totals.blue).toBeGreaterThan(map.segments.length * 0.8)
    const faceLevels = map.segments.filter((s) => s.roadwayId === 'RW-4101-FACE').map((s) => s.level)
    expect(faceLevels).toContain('yellow')
    expect(map.segments.reduce((a, s) => a + s.count, 0)).toBe(8)
  })

  it('turns red where CH4 reaches its 1.0 % (20 %LEL) alarm limit or the roof moves past its limit', () => {
    const readings = new Map(nominal)
    readings.set('CH4-4101-T0', 21)
    readings.set('ROOF-4102-1', 60)
    const map = evaluateRiskMap(model, readings)
    const red = new Set(map.segments.filter((s) => s.level === 'red').map((s) => s.roadwayId))
    expect(red).toEqual(new Set(['RW-4101-FACE', 'RW-4101-RG', 'RW-4102-HD']))
    // Red segments become zones the zone engine fences.
    const engine = new ZoneEngine(riskZoneDefs(model, map))
    const corner = toLocal(mine.origin, mine.devices.find((d) => d.id === 'CH4-4101-T0')!.position)
    expect(engine.zonesAt(corner.e, corner.n, -400).map((z) => z.def.level)).toContain('red')
  })
})

describe('park personnel', () => {
  it('derives 60 tagged people for the demo park, deterministically, that pass the scene checks', () => {
    const a = parkPersonnel(park)
    expect(a).toHaveLength(60)
    expect(JSON.stringify(parkPersonnel(park))).toBe(JSON.stringify(a))
    expect(new Set(a.map((p) => p.tagId)).size).toBe(60)
    // Every enterprise has people; most people have a work zone of their own enterprise.
    for (const e of park.enterprises) expect(a.some((p) => p.enterpriseId === e.id)).toBe(true)
    const zones = new Map(park.zones.map((z) => [z.id, z]))
    for (const p of a) if (p.workZoneId) expect(zones.get(p.workZoneId)!.enterpriseId).toBe(p.enterpriseId)
    const r = parseScene({ ...park, personnel: a })
    expect(r.ok ? [] : r.errors).toEqual([])
  })
})

describe('people monitor', () => {
  it('runs zones, gathering, man-down and exposure in one tick and snapshots them', () => {
    const mon = new PeopleMonitor(mine)
    mon.setExposureLevels({ aegl1: 1, aegl2: 10, aegl3: 100 })
    const face = mineRoadwaysLocal(mine).find((r) => r.id === 'RW-4101-FACE')!
    const events: string[] = []
    for (let k = 0; k <= 700; k++) {
      const pos = [0, 1, 2].map((i) => {
        const p = pointAlong(face.points, 100 + 3 * i)
        return { id: `m${i}`, e: p.x, n: p.y, u: p.z + 1 }
      })
      for (const ev of mon.update(1e12 + k * 100, pos, () => 20)) events.push(ev.type)
    }
    expect(events).toEqual(
      expect.arrayContaining(['person.entered', 'people.gathering', 'person.down', 'person.exposure']),
    )
    const snap = mon.snapshot()
    expect(snap.counts['Z-WF-4101']).toBe(3)
    expect(snap.down).toEqual(['m0', 'm1', 'm2'])
    expect(snap.gatherings[0].alarmed).toBe(true)
    expect(snap.triage.map((x) => x.category)).toEqual(['delayed', 'delayed', 'delayed'])
  })
})
