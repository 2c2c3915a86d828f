import { describe, expect, it } from 'vitest'
import { planDispatch } from '@sim/dispatch/assign'
import { classifyEdges, noHazard, pointSeverity, zonesFromThreatZones } from '@sim/dispatch/hazard'
import { advanceUnits, rerouteUnits } from '@sim/dispatch/movement'
import {
  checkEditRight,
  checkTransition,
  parseResources,
  RESOURCE_STATUSES,
  TRANSITIONS,
  type ResourceStatus,
} from '@sim/dispatch/resources'
import { nearestNodes, buildRoadGraph, reachable } from '@sim/dispatch/roadGraph'
import { route } from '@sim/dispatch/route'
import {
  dispatchCandidates,
  initDispatchState,
  motions,
  reduceDispatch,
  confirmDispatch,
  recallEvent,
  recommendedEvent,
  statusEvent,
  validateDispatchEvent,
  type DispatchEvent,
} from '@sim/dispatch/state'
import { runCase } from '@sim/dispersion/index'
import { toLocal } from '@sim/geo/frames'
import { demoPark, demoResources } from './helpers'

const scene = demoPark()
const g = buildRoadGraph(scene)
const res = demoResources(scene)
const L = (p: readonly [number, number]) => toLocal(scene.origin, p)
const nodeAt = (p: readonly [number, number]) => {
  const l = L(p)
  return nearestNodes(g, l.e, l.n, 1)[0]
}

describe('demo park road graph', () => {
  it('is connected', () => {
    const fwd = reachable(g, 0)
    const back = reachable(g, 0, true)
    expect(fwd.every((x) => x === 1)).toBe(true)
    expect(back.every((x) => x === 1)).toBe(true)
  })

  it('has every gate and fire station on a road end point, and all gates reachable from the park fire station', () => {
    for (const p of [...scene.gates, ...scene.fireStations])
      expect(nodeAt(p.position).distance, p.id).toBeLessThan(0.01)
    const fs = scene.fireStations.find((f) => f.tier === 'park')!
    const from = reachable(g, nodeAt(fs.position).node)
    const to = reachable(g, nodeAt(fs.position).node, true)
    for (const gate of scene.gates) {
      expect(from[nodeAt(gate.position).node], gate.id).toBe(1)
      expect(to[nodeAt(gate.position).node], gate.id).toBe(1)
    }
  })

  it('brings county units in through a gate', () => {
    const gov = scene.fireStations.find((f) => f.tier === 'government')!
    const tank = L(scene.tanks.find((t) => t.id === 'PC-T501')!.position)
    const r = route(g, noHazard(g), { node: nodeAt(gov.position).node }, { e: tank.e, n: tank.n })
    expect(r.found).toBe(true)
    const gates = scene.gates.map((x) => L(x.position))
    expect(r.local.some(([e, n]) => gates.some((q) => Math.hypot(q.e - e, q.n - n) < 0.01))).toBe(true)
    expect(r.roads[0]).toBe('X-CFS')
    expect(r.etaS).toBeGreaterThan(120)
    expect(r.etaS).toBeLessThan(900)
  })
})

describe('resource registry', () => {
  it('the demo resources validate and cover every tier', () => {
    expect(new Set(res.resources.map((r) => r.tier))).toEqual(new Set(['enterprise', 'park', 'government']))
    for (const t of ['engine', 'hazmat', 'rescue', 'ambulance', 'police', 'env_monitoring', 'emergency_team'])
      expect(
        res.resources.some((r) => r.type === t),
        t,
      ).toBe(true)
    const bad = parseResources(
      { version: 1, sceneId: 'demo-park', resources: [{ ...res.resources[0], base: { place: 'NOPE' } }] },
      scene,
    )
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors[0]).toMatch(/resources\.0\.base\.place: no place NOPE/)
    const dup = parseResources({ version: 1, sceneId: 'demo-park', resources: [res.resources[0], res.resources[0]] })
    expect(dup.ok).toBe(false)
  })

  it('the status machine accepts exactly its transitions', () => {
    const legal = [
      ['available', 'dispatched'],
      ['dispatched', 'en_route'],
      ['en_route', 'on_scene'],
      ['on_scene', 'returning'],
      ['returning', 'available'],
      ['available', 'out_of_service'],
      ['out_of_service', 'available'],
    ]
    for (const [a, b] of legal) expect(checkTransition(a as ResourceStatus, b as ResourceStatus)).toBeNull()
    for (const a of RESOURCE_STATUSES)
      for (const b of RESOURCE_STATUSES) {
        const err = checkTransition(a, b)
        expect(err === null, `${a}→${b}`).toBe(TRANSITIONS[a].includes(b))
      }
    expect(checkTransition('available', 'on_scene')).toMatch(/illegal transition available → on_scene/)
    expect(checkTransition('out_of_service', 'dispatched')).toMatch(/illegal/)
    expect(checkTransition('on_scene', 'on_scene')).toBe('already on_scene')
    expect(checkTransition('available', 'flying' as ResourceStatus)).toMatch(/unknown status/)
  })

  it('only the owning tier edits a resource', () => {
    const pc = res.resources.find((r) => r.id === 'PC-E1')!
    expect(checkEditRight({ tier: 'enterprise', org: 'huichuan-petrochem' }, pc)).toBeNull()
    expect(checkEditRight({ tier: 'enterprise', org: 'ruifeng-pharma' }, pc)).toMatch(/belongs to huichuan-petrochem/)
    expect(checkEditRight({ tier: 'park', org: 'park-committee' }, pc)).toMatch(/enterprise tier/)
  })
})

describe('dispatch fold on the demo park', () => {
  it('recommend → dispatch → drive → arrive, replayed by the fold; illegal events refused', () => {
    const tank = L(scene.tanks.find((t) => t.id === 'PC-T501')!.position)
    const h = classifyEdges(g, {
      zones: [
        {
          label: 'AEGL-3 (60 min)',
          rings: [
            [tank.e - 60, tank.n - 60, tank.e + 60, tank.n - 60, tank.e + 60, tank.n + 60, tank.e - 60, tank.n + 60],
          ],
        },
      ],
      source: { e: tank.e, n: tank.n },
      windFromDeg: 90,
    })
    let s = initDispatchState(scene, res.resources)
    const plan = planDispatch(g, h, dispatchCandidates(g, s), [
      { id: 'INC-7', e: tank.e, n: tank.n, needs: { engine: 3, hazmat: 1, ambulance: 2, police: 1 } },
    ])
    expect(plan.unfilled).toEqual([])
    expect(plan.recommendations.some((r) => r.unitId === 'PC-E1')).toBe(true) // the plant's own brigade is closest
    expect(plan.recommendations.every((r) => r.safe)).toBe(true)
    const log: DispatchEvent[] = []
    const append = (e: DispatchEvent) => {
      expect(validateDispatchEvent(s, e)).toBeNull()
      log.push(e)
      s = reduceDispatch(s, e)
    }
    for (const r of plan.recommendations)
      append({
        type: 'unit.dispatched',
        unitId: r.unitId,
        incidentId: 'INC-7',
        role: r.role,
        target: { node: plan.staging[0].node },
        route: r.route,
        override: false,
      })
    expect(
      validateDispatchEvent(s, {
        type: 'unit.dispatched',
        unitId: plan.recommendations[0].unitId,
        incidentId: 'X',
        role: 'engine',
        target: { node: 0 },
        route: plan.recommendations[0].route,
        override: false,
      }),
    ).toMatch(/illegal transition dispatched → dispatched|already dispatched/)
    expect(statusEvent(s, 'PK-RS1', 'on_scene', 'x')).toEqual({ error: expect.stringMatching(/illegal/) })
    for (let t = 0; t < 1200; t++) {
      const m = motions(s)
      if (!m.units.length) break
      for (const e of advanceUnits(m.units, m.routes, 1, scene.origin).events) append(e)
    }
    for (const r of plan.recommendations) expect(s.units[r.unitId].status).toBe('on_scene')
    // Replaying the log from the start gives the same state.
    const replay = log.reduce(reduceDispatch, initDispatchState(scene, res.resources))
    expect(replay).toEqual(s)
  })

  it('the commander confirms with an override, then recalls a unit home', () => {
    const tank = L(scene.tanks.find((t) => t.id === 'AM-T301')!.position)
    const h = noHazard(g)
    let s = initDispatchState(scene, res.resources)
    const plan = planDispatch(g, h, dispatchCandidates(g, s), [
      { id: 'INC-9', e: tank.e, n: tank.n, needs: { engine: 1, ambulance: 1 } },
    ])
    expect(recommendedEvent('P1', plan).recommendations).toHaveLength(2)
    const eng = plan.recommendations.find((r) => r.role === 'engine')!
    const other = res.resources.find((r) => r.type === 'engine' && r.id !== eng.unitId && r.tier === 'government')!
    const { events, errors } = confirmDispatch(g, h, s, plan, [
      { demandId: 'INC-9', role: 'engine', replace: eng.unitId, unitId: other.id },
    ])
    expect(errors).toEqual([])
    expect(events.map((e) => [e.unitId, e.override])).toContainEqual([other.id, true])
    expect(events.some((e) => e.unitId === eng.unitId)).toBe(false)
    for (const e of events) s = reduceDispatch(s, e)
    expect(s.units[other.id].status).toBe('dispatched')
    // Dispatching it again is refused with the reason.
    const again = confirmDispatch(g, h, s, plan, [
      { demandId: 'INC-9', role: 'engine', replace: eng.unitId, unitId: other.id },
    ])
    expect(again.errors.join()).toMatch(/already dispatched/)
    // Drive 60 s, then recall: the unit turns for home and ends available at its base.
    const m = motions(s)
    for (const e of advanceUnits(m.units, m.routes, 60, scene.origin).events) s = reduceDispatch(s, e)
    const rec = recallEvent(g, h, s, other.id)
    if ('error' in rec) throw new Error(rec.error)
    s = reduceDispatch(s, rec)
    expect(s.units[other.id].status).toBe('returning')
    for (let t = 0; t < 2000 && s.units[other.id].status === 'returning'; t += 10) {
      const mm = motions(s)
      for (const e of advanceUnits(mm.units, mm.routes, 10, scene.origin).events) s = reduceDispatch(s, e)
    }
    expect(s.units[other.id].status).toBe('available')
    expect(
      Math.hypot(s.units[other.id].e - s.units[other.id].baseE, s.units[other.id].n - s.units[other.id].baseN),
    ).toBeLessThan(0.01)
    expect(recallEvent(g, h, s, other.id)).toEqual({
      error: expect.stringMatching(/illegal transition available → returning/),
    })
  })

  it('a wind shift re-routes the engines heading to a chlorine leak (real dispersion zones)', () => {
    const tank = L(scene.tanks.find((t) => t.id === 'CA-T101')!.position)
    const hazard = (wind: number) => {
      const out = runCase({
        substance: 'Cl2',
        source: { kind: 'continuous', rate_kg_s: 1 },
        weather: { wind_speed_m_s: 3, wind_from_deg: wind, stability: 'D' },
      })
      if ('error' in out) throw new Error(out.error)
      return classifyEdges(g, {
        zones: zonesFromThreatZones(out.threat_zones, tank),
        source: tank,
        windFromDeg: wind,
        sectorHalfAngleDeg: out.details.uncertainty_half_angle_deg,
      })
    }
    for (const [w0, w1, restaged] of [
      [90, 270, false],
      [270, 180, true],
    ] as const) {
      const h0 = hazard(w0)
      let s = initDispatchState(scene, res.resources)
      const plan = planDispatch(g, h0, dispatchCandidates(g, s), [
        { id: 'CL2', e: tank.e, n: tank.n, needs: { engine: 2, hazmat: 1 } },
      ])
      expect(plan.recommendations.every((r) => r.safe)).toBe(true)
      for (const e of confirmDispatch(g, h0, s, plan).events) s = reduceDispatch(s, e)
      let m = motions(s)
      for (const e of advanceUnits(m.units, m.routes, 20, scene.origin).events) s = reduceDispatch(s, e)
      m = motions(s)
      const h1 = hazard(w1)
      const out = rerouteUnits(g, h1, m.units, m.routes, { reason: `wind ${w0}° → ${w1}°` })
      expect(out.events.length).toBe(m.units.length)
      for (const ev of out.events) {
        expect(ev.reason).toMatch(/old route now crosses the forbidden zone/)
        expect(ev.route.safe).toBe(true)
        expect(/staging point now inside the forbidden zone/.test(ev.reason)).toBe(restaged)
        const end = ev.route.local[ev.route.local.length - 1]
        expect(pointSeverity(h1.zones, end[0], end[1])).not.toBe('forbidden')
        s = reduceDispatch(s, ev)
      }
      expect(validateDispatchEvent(s, out.events[0])).toBeNull()
    }
  })
})
