import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { classifyEdges, noHazard } from '@sim/dispatch/hazard'
import { advanceUnits, positionOnRoute, rerouteUnits, type UnitMotion } from '@sim/dispatch/movement'
import { route, type Route } from '@sim/dispatch/route'
import { ORIGIN, gridGraph, inRing, rect, samplePolyline } from './helpers'

const g = gridGraph(6, 4, 100, { speed: (k) => [20, 36, 50, 60][k % 4] })

function motion(target: number, status: UnitMotion['status'] = 'dispatched'): UnitMotion {
  return { unitId: 'U1', status, incidentId: 'INC', target: { node: target }, elapsedS: 0, e: 0, n: 0 }
}

describe('movement', () => {
  it('ETAs and remaining distance fall monotonically as units advance, then the unit arrives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }),
        fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (target, steps) => {
          const r = route(g, noHazard(g), { node: 0 }, { node: target })
          let units = [motion(target)]
          let lastEta = r.etaS
          let lastRemaining = r.lengthM
          let arrived = false
          for (const dt of steps) {
            const out = advanceUnits(units, { U1: r }, dt, ORIGIN)
            units = out.units
            const pos = out.events.find((e) => e.type === 'unit.position')
            if (!pos) {
              expect(arrived).toBe(true)
              continue
            }
            if (pos.type !== 'unit.position') throw new Error()
            expect(pos.etaS).toBeLessThanOrEqual(lastEta + 1e-9)
            expect(pos.etaS).toBeCloseTo(Math.max(0, lastEta - dt), 6)
            expect(pos.remainingM).toBeLessThanOrEqual(lastRemaining + 1e-9)
            lastEta = pos.etaS
            lastRemaining = pos.remainingM
            if (out.events.some((e) => e.type === 'unit.arrived')) {
              arrived = true
              expect(units[0].status).toBe('on_scene')
              expect(pos.etaS).toBe(0)
            }
          }
          if (arrived) expect(lastRemaining).toBeCloseTo(0, 6)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('moves along the polyline at road speed and emits status events', () => {
    const r = route(g, noHazard(g), { node: 0 }, { node: 5 })
    const first = advanceUnits([motion(5)], { U1: r }, 1, ORIGIN)
    expect(first.events.map((e) => e.type)).toEqual(['unit.status', 'unit.position'])
    expect(first.units[0].status).toBe('en_route')
    // First edge at 20 km/h: 5.56 m in 1 s, heading east.
    const p = first.events[1]
    if (p.type !== 'unit.position') throw new Error()
    expect(p.e).toBeCloseTo(20 / 3.6, 6)
    expect(p.headingDeg).toBeCloseTo(90, 6)
    const done = advanceUnits(first.units, new Map([['U1', r]]), 1e6, ORIGIN)
    expect(done.events.map((e) => e.type)).toEqual(['unit.position', 'unit.arrived', 'unit.status'])
    expect(done.units[0]).toMatchObject({ status: 'on_scene', e: 500, n: 0 })
    // A returning unit becomes available at home; a unit on scene does not move.
    const home = advanceUnits([{ ...motion(5), status: 'returning' }], { U1: r }, 1e6, ORIGIN)
    expect(home.units[0].status).toBe('available')
    expect(advanceUnits(done.units, { U1: r }, 10, ORIGIN).events).toEqual([])
  })

  it('a wind shift re-routes an active unit from where it is, around the new forbidden zone', () => {
    const calm = classifyEdges(g, { zones: [] })
    const r = route(g, calm, { node: 0 }, { node: 5 })
    expect(r.local.every(([, n]) => n === 0)).toBe(true) // straight along the bottom row
    let units = [motion(5)]
    units = advanceUnits(units, { U1: r }, 12, ORIGIN).units
    const before = positionOnRoute(r, units[0].elapsedS)
    // The plume swings onto the bottom row ahead of the unit.
    const shifted = classifyEdges(g, {
      zones: [{ label: 'AEGL-3 (60 min)', rings: [rect(260, -40, 340, 40)] }],
      source: { e: 300, n: -200 },
      windFromDeg: 180,
    })
    const out = rerouteUnits(g, shifted, units, { U1: r }, { reason: 'wind shift 270° → 180°' })
    expect(out.events).toHaveLength(1)
    const ev = out.events[0]
    expect(ev.reason).toMatch(/wind shift/)
    expect(ev.reason).toMatch(/crosses the forbidden zone for 80 m/)
    const nr: Route = ev.route
    expect(nr.safe).toBe(true)
    expect(nr.local[0][0]).toBeCloseTo(before.e, 6)
    expect(nr.local[0][1]).toBeCloseTo(before.n, 6)
    expect(samplePolyline(nr.local, 1).some(([x, y]) => inRing(rect(260, -40, 340, 40), x, y))).toBe(false)
    expect(out.units[0].elapsedS).toBe(0)
    expect(out.routes.get('U1')).toBe(nr)
    // Nothing changes: no event.
    const again = rerouteUnits(g, shifted, out.units, out.routes)
    expect(again.events).toHaveLength(0)
  })
})
