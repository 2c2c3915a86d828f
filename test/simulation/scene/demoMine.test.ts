import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toLocal } from '@sim/geo/frames'
import { parseScene } from '@sim/scene/parseScene'
import type { Scene } from '@sim/scene/sceneSchema'
import { mineNetwork, mineRoadwaysLocal } from '@sim/people'
import { buildDemoMine, renderDemoMine } from '@server/tools/generateDemoMine'

const FILE = resolve(import.meta.dirname, '../../../scenes/demo-mine/scene.json')
const raw = JSON.parse(readFileSync(FILE, 'utf8')) as unknown
const parsed = parseScene(raw)
if (!parsed.ok) throw new Error(`demo mine does not validate:\n${parsed.errors.join('\n')}`)
const scene: Scene = parsed.scene
const roadways = mineRoadwaysLocal(scene)
const anchors = scene.uwbAnchors.map((a) => {
  const l = toLocal(scene.origin, a.position)
  return { id: a.id, x: l.e, y: l.n, z: a.height_m }
})

/** Arc length along a polyline of the closest point to p, and the 3D distance to it. */
function project(points: { x: number; y: number; z: number }[], p: { x: number; y: number; z: number }) {
  let best = { s: 0, d: Infinity }
  let s0 = 0
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]
    const b = points[i]
    const d = [b.x - a.x, b.y - a.y, b.z - a.z]
    const L2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * d[0] + (p.y - a.y) * d[1] + (p.z - a.z) * d[2]) / L2))
    const dist = Math.hypot(a.x + t * d[0] - p.x, a.y + t * d[1] - p.y, a.z + t * d[2] - p.z)
    if (dist < best.d) best = { s: s0 + t * Math.sqrt(L2), d: dist }
    s0 += Math.sqrt(L2)
  }
  return best
}

describe('demo mine scene', () => {
  it('validates, is a mine with its underground part, and has ~40 tagged miners', () => {
    expect(scene.kind).toBe('mine')
    expect(scene.mine).toBeDefined()
    expect(scene.personnel.length).toBeGreaterThanOrEqual(35)
    expect(scene.personnel.length).toBeLessThanOrEqual(45)
    expect(new Set(scene.personnel.map((p) => p.tagId)).size).toBe(scene.personnel.length)
    expect(new Set(scene.personnel.map((p) => p.name.zh)).size).toBe(scene.personnel.length)
  })

  it('is exactly what the generator writes, and the generator is deterministic', async () => {
    expect(readFileSync(FILE, 'utf8')).toBe(await renderDemoMine())
    expect(JSON.stringify(buildDemoMine())).toBe(JSON.stringify(buildDemoMine()))
  })

  it('sits in a northern Chinese coal region with the seam ~385 m down', () => {
    expect(scene.origin.lng).toBeGreaterThan(106)
    expect(scene.origin.lng).toBeLessThan(115)
    expect(scene.origin.lat).toBeGreaterThan(34)
    expect(scene.origin.lat).toBeLessThan(42)
    const depths = roadways.filter((r) => r.kind !== 'shaft').flatMap((r) => r.points.map((p) => p.z))
    expect(Math.max(...depths)).toBeLessThan(-350)
    expect(Math.min(...depths)).toBeGreaterThan(-450)
  })

  it('has shafts, mains, panel roadways, crosscuts, a longwall face, refuge chambers and ventilation', () => {
    const kinds = new Set(roadways.map((r) => r.kind))
    for (const k of ['shaft', 'main', 'panel', 'crosscut', 'face', 'refuge_access']) expect(kinds).toContain(k)
    expect(scene.mine!.workingFaces.some((f) => f.kind === 'longwall')).toBe(true)
    expect(scene.mine!.refugeChambers.length).toBeGreaterThanOrEqual(1)
    // Air enters and leaves: at least one intake and one return shaft.
    const shafts = roadways.filter((r) => r.kind === 'shaft')
    expect(shafts.some((s) => s.ventilation?.role === 'intake' && s.ventilation.direction === 1)).toBe(true)
    expect(shafts.some((s) => s.ventilation?.role === 'return' && s.ventilation.direction === -1)).toBe(true)
  })

  it('has UWB anchors at most 50 m apart along every roadway people can enter', () => {
    for (const r of roadways) {
      if (r.sealed) continue
      const reach = Math.hypot(r.width_m / 2, r.height_m) + 0.5
      const at = anchors
        .map((a) => project(r.points, a))
        .filter((p) => p.d <= reach)
        .map((p) => p.s)
        .sort((a, b) => a - b)
      const stations = [0, ...at, r.length_m]
      let worst = 0
      for (let i = 1; i < stations.length; i++) worst = Math.max(worst, stations[i] - stations[i - 1])
      expect(at.length, r.id).toBeGreaterThanOrEqual(2)
      expect(worst, `${r.id}: largest gap ${worst.toFixed(1)} m`).toBeLessThanOrEqual(50)
    }
  })

  it('connects every walkable roadway into one network', () => {
    const net = mineNetwork(scene)
    const seen = new Set([0])
    const stack = [0]
    while (stack.length) {
      const node = stack.pop()!
      for (const s of net.adjacency[node]) {
        for (const m of [net.na[s], net.nb[s]]) {
          if (!seen.has(m)) {
            seen.add(m)
            stack.push(m)
          }
        }
      }
    }
    expect(seen.size).toBe(net.nodes.length)
  })

  it('monitors CH4 (as %LEL: 1.0 % vol = 20 %LEL alarm, 1.5 % = 30 %LEL power-off), CO, roof and air speed underground', () => {
    const ch4 = scene.devices.filter((d) => d.type === 'gas_combustible')
    expect(ch4.length).toBeGreaterThanOrEqual(6)
    for (const d of ch4) {
      expect(d.substance).toBe('CH4')
      expect(d.unit).toBe('%LEL')
      expect(d.thresholds).toEqual({ high: 20, highHigh: 30 })
      expect(d.height_m).toBeLessThan(-300)
    }
    const co = scene.devices.filter((d) => d.type === 'gas_toxic')
    expect(co.length).toBeGreaterThanOrEqual(3)
    for (const d of co) expect(d.thresholds.high).toBe(24)
    expect(scene.devices.filter((d) => d.type === 'roof_displacement').length).toBeGreaterThanOrEqual(4)
    expect(scene.devices.filter((d) => d.type === 'air_speed').length).toBeGreaterThanOrEqual(4)
    // A T0 (upper corner) and T1 (face) sensor on the longwall.
    expect(scene.devices.map((d) => d.id)).toEqual(expect.arrayContaining(['CH4-4101-T0', 'CH4-4101-T1']))
    // Every underground device sits inside a roadway.
    for (const d of scene.devices.filter((x) => x.height_m < 0)) {
      const l = toLocal(scene.origin, d.position)
      const p = { x: l.e, y: l.n, z: d.height_m }
      const inside = roadways.some((r) => project(r.points, p).d <= Math.hypot(r.width_m / 2, r.height_m))
      expect(inside, d.id).toBe(true)
    }
    expect(scene.metStation.height_m).toBeGreaterThan(0)
  })

  it('has working-face, restricted and hazardous zones, and every miner works in a zone', () => {
    const kinds = new Set(scene.zones.map((z) => z.kind))
    for (const k of ['working_face', 'restricted', 'hazardous']) expect(kinds).toContain(k)
    const zoneIds = new Set(scene.zones.map((z) => z.id))
    for (const p of scene.personnel) expect(zoneIds.has(p.workZoneId!)).toBe(true)
  })

  it('rejects broken cross-references of the mine part', () => {
    const bad = JSON.parse(JSON.stringify(raw)) as {
      mine: { workingFaces: { roadwayId: string }[] }
      personnel: { tagId: string; workZoneId: string }[]
    }
    bad.mine.workingFaces[0].roadwayId = 'RW-NOPE'
    bad.personnel[1].tagId = bad.personnel[0].tagId
    bad.personnel[2].workZoneId = 'Z-NOPE'
    const r = parseScene(bad)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toEqual(
      expect.arrayContaining([
        'mine.workingFaces[0].roadwayId: unknown roadway "RW-NOPE"',
        `personnel[1].tagId: tag "${bad.personnel[0].tagId}" is already worn by personnel[0]`,
        'personnel[2].workZoneId: unknown zone "Z-NOPE"',
      ]),
    )
  })
})
