/**
 * What the response machine needs from a scene, resolved once per scene object: which equipment a
 * detector watches (the leak source), which valves isolate it, which units an enterprise runs.
 * Cached by scene object identity so `decide(state, event, plans, scene)` stays cheap per event.
 */
import { toLocal } from '../geo/frames'
import type { Device, Scene } from '../scene/sceneSchema'
import type { I18n } from './bodies'

export type EquipmentKind = 'tank' | 'unit' | 'pipe_rack'

export interface Equipment {
  id: string
  kind: EquipmentKind
  enterpriseId: string | null
  name: I18n
  substances: string[]
  e: number
  n: number
}

export interface ResponseSceneIndex {
  scene: Scene
  devices: ReadonlyMap<string, Device>
  equipment: ReadonlyMap<string, Equipment>
  /** Device id → the equipment it watches (monitors, else the nearest matching tank/unit of its enterprise). */
  sourceOfDevice: ReadonlyMap<string, Equipment | null>
  enterpriseNames: ReadonlyMap<string, I18n>
}

const cache = new WeakMap<Scene, ResponseSceneIndex>()

export function responseIndex(scene: Scene): ResponseSceneIndex {
  const hit = cache.get(scene)
  if (hit) return hit
  const idx = build(scene)
  cache.set(scene, idx)
  return idx
}

function centroid(scene: Scene, ring: readonly (readonly [number, number])[]): { e: number; n: number } {
  let e = 0
  let n = 0
  for (const p of ring) {
    const l = toLocal(scene.origin, p)
    e += l.e
    n += l.n
  }
  return { e: e / ring.length, n: n / ring.length }
}

function build(scene: Scene): ResponseSceneIndex {
  const equipment = new Map<string, Equipment>()
  for (const t of scene.tanks) {
    const p = toLocal(scene.origin, t.position)
    equipment.set(t.id, {
      id: t.id,
      kind: 'tank',
      enterpriseId: t.enterpriseId,
      name: t.name,
      substances: [t.substance],
      e: p.e,
      n: p.n,
    })
  }
  for (const u of scene.units) {
    const c = centroid(scene, u.footprint)
    equipment.set(u.id, {
      id: u.id,
      kind: 'unit',
      enterpriseId: u.enterpriseId,
      name: u.name,
      substances: u.substances,
      ...c,
    })
  }
  for (const r of scene.pipeRacks) {
    const c = centroid(scene, r.path)
    equipment.set(r.id, {
      id: r.id,
      kind: 'pipe_rack',
      enterpriseId: r.enterpriseId,
      name: { zh: `管廊 ${r.id}`, en: `Pipe rack ${r.id}` },
      substances: r.carries,
      ...c,
    })
  }
  const byEnterprise = new Map<string, Equipment[]>()
  for (const eq of equipment.values()) {
    if (eq.kind === 'pipe_rack' || !eq.enterpriseId) continue
    const list = byEnterprise.get(eq.enterpriseId) ?? []
    list.push(eq)
    byEnterprise.set(eq.enterpriseId, list)
  }
  const sourceOfDevice = new Map<string, Equipment | null>()
  for (const d of scene.devices) {
    if (d.monitors) {
      sourceOfDevice.set(d.id, equipment.get(d.monitors) ?? null)
      continue
    }
    const candidates = d.enterpriseId ? (byEnterprise.get(d.enterpriseId) ?? []) : []
    if (!candidates.length) {
      sourceOfDevice.set(d.id, null)
      continue
    }
    // A detector of gas X points at the nearest tank/unit holding X; if none holds it, the nearest at all.
    const holding = d.substance ? candidates.filter((c) => c.substances.includes(d.substance!)) : []
    const pool = holding.length ? holding : candidates
    const p = toLocal(scene.origin, d.position)
    let best = pool[0]
    let bestD = Infinity
    for (const c of pool) {
      const dist = Math.hypot(c.e - p.e, c.n - p.n)
      // Ties broken by id so the mapping never depends on file order quirks.
      if (dist < bestD - 1e-9 || (Math.abs(dist - bestD) <= 1e-9 && c.id < best.id)) {
        best = c
        bestD = dist
      }
    }
    sourceOfDevice.set(d.id, best)
  }
  return {
    scene,
    devices: new Map(scene.devices.map((d) => [d.id, d])),
    equipment,
    sourceOfDevice,
    enterpriseNames: new Map(scene.enterprises.map((e) => [e.id, e.name])),
  }
}
