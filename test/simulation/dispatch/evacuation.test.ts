import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  detectArrivals,
  emptyMusterState,
  musterPointsFromScene,
  musterReport,
  occupantsFromScene,
  planEvacuation,
  reduceMuster,
  type MusterEvent,
} from '@sim/dispatch/evacuation'
import { classifyEdges } from '@sim/dispatch/hazard'
import { buildRoadGraph } from '@sim/dispatch/roadGraph'
import { toLocal } from '@sim/geo/frames'
import { demoPark, gridGraph, inRing, rect, samplePolyline } from './helpers'

const scene = demoPark()
const g = buildRoadGraph(scene)
const tank = toLocal(scene.origin, scene.tanks.find((t) => t.id === 'CA-T101')!.position)

/** A plume-like polygon: narrow at the source, widening downwind (metres, scene frame). */
function plume(lengthM: number, halfWidthM: number, windFromDeg: number): number[] {
  const a = (windFromDeg * Math.PI) / 180
  const de = -Math.sin(a)
  const dn = -Math.cos(a)
  const pts: [number, number][] = [
    [-30, 0],
    [0, -25],
    [lengthM * 0.5, -halfWidthM],
    [lengthM, -halfWidthM * 0.6],
    [lengthM * 1.05, 0],
    [lengthM, halfWidthM * 0.6],
    [lengthM * 0.5, halfWidthM],
    [0, 25],
  ]
  return pts.flatMap(([x, y]) => [tank.e + x * de + y * dn, tank.n + x * dn - y * de])
}

describe('evacuation', () => {
  it('routes never cross AEGL-3 and end at safe muster points (random plumes and people)', () => {
    const musters = musterPointsFromScene(scene)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 359 }),
        fc.integer({ min: 150, max: 900 }),
        fc.array(
          fc.tuple(fc.double({ min: -900, max: 900, noNaN: true }), fc.double({ min: -600, max: 600, noNaN: true })),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        (wind, len, pts) => {
          const a3 = plume(len, len * 0.15, wind)
          const a2 = plume(len * 1.6, len * 0.3, wind)
          const h = classifyEdges(g, {
            zones: [
              { label: 'AEGL-3 (60 min)', rings: [a3] },
              { label: 'AEGL-2 (60 min)', rings: [a2] },
            ],
            source: tank,
            windFromDeg: wind,
          })
          const people = pts.map(([e, n], i) => ({ id: `P${i}`, e, n }))
          const plan = planEvacuation(g, h, people, musters)
          for (const m of plan.musters) if (m.safe) expect(inRing(a2, ...musterXY(m.id))).toBe(false)
          for (const x of plan.assignments) {
            const p = people.find((q) => q.id === x.personId)!
            const m = plan.musters.find((q) => q.id === x.musterId)!
            expect(m.safe).toBe(true)
            if (inRing(a3, p.e, p.n)) continue // starting inside: the least-bad way out is all there is
            expect(x.safe).toBe(true)
            expect(samplePolyline(x.route.local, 2).filter(([e, n]) => inRing(a3, e, n))).toEqual([])
            const end = x.route.local[x.route.local.length - 1]
            expect(Math.hypot(end[0] - musterXY(m.id)[0], end[1] - musterXY(m.id)[1])).toBeLessThan(1e-6)
          }
          expect(
            plan.assignments.reduce((s, a) => s + a.count, 0) + plan.stranded.reduce((s, x) => s + x.count, 0),
          ).toBe(people.length)
        },
      ),
      { numRuns: 40 },
    )
    function musterXY(id: string): [number, number] {
      const m = musters.find((q) => q.id === id)!
      return [m.e, m.n]
    }
  })

  it('respects muster capacity, splitting groups, and reports overflow', () => {
    const gg = gridGraph(5, 1, 100)
    const h = classifyEdges(gg, { zones: [] })
    const musters = [
      { id: 'M-near', e: 0, n: 20, capacity: 30 },
      { id: 'M-far', e: 400, n: 20, capacity: 50 },
    ]
    const plan = planEvacuation(gg, h, [{ id: 'building:B', e: 50, n: 10, count: 100 }], musters)
    const byM = Object.fromEntries(plan.musters.map((m) => [m.id, m.assigned]))
    expect(byM).toEqual({ 'M-near': 50, 'M-far': 50 }) // 30 + 20 overflow, 50
    expect(plan.overflow).toEqual([{ personId: 'building:B', count: 20, musterId: 'M-near' }])
  })

  it('does not send people to a muster point inside AEGL-2', () => {
    const gg = gridGraph(5, 1, 100)
    const h = classifyEdges(gg, { zones: [{ label: 'AEGL-2', rings: [rect(-50, -50, 50, 50)] }] })
    const plan = planEvacuation(
      gg,
      h,
      [{ id: 'p', e: 100, n: 5 }],
      [
        { id: 'in', e: 0, n: 10, capacity: 10 },
        { id: 'out', e: 400, n: 10, capacity: 10 },
      ],
    )
    expect(plan.musters.find((m) => m.id === 'in')!.safe).toBe(false)
    expect(plan.assignments.map((a) => a.musterId)).toEqual(['out'])
  })

  it('evacuates the demo park building occupants', () => {
    const h = classifyEdges(g, {
      zones: [{ label: 'AEGL-3', rings: [plume(600, 90, 225)] }],
      source: tank,
      windFromDeg: 225,
    })
    const occ = occupantsFromScene(scene)
    const plan = planEvacuation(g, h, occ, musterPointsFromScene(scene))
    const total = occ.reduce((s, o) => s + (o.count ?? 1), 0)
    expect(plan.assignments.reduce((s, a) => s + a.count, 0)).toBe(total)
    expect(plan.overflow).toEqual([])
  })
})

describe('muster accountability', () => {
  const musters = [
    { id: 'M1', e: 0, n: 0, capacity: 100 },
    { id: 'M2', e: 500, n: 0, capacity: 100 },
  ]
  const ordered: MusterEvent = {
    type: 'evacuation.ordered',
    evacuationId: 'EV-1',
    expected: [
      { personId: 'alice', musterId: 'M1', count: 1 },
      { personId: 'bob', musterId: 'M1', count: 1 },
      { personId: 'carol', musterId: 'M2', count: 1 },
      { personId: 'building:OFF', musterId: 'M2', count: 40 },
    ],
  }

  it('counts expected vs arrived and names who has not arrived', () => {
    let s = reduceMuster(emptyMusterState(), ordered)
    const seen = detectArrivals(
      s,
      [
        { id: 'alice', e: 5, n: 5 },
        { id: 'bob', e: 250, n: 0 },
        { id: 'carol', e: 10, n: -3 }, // at the other point: accounted for where she is
      ],
      musters,
    )
    expect(seen.map((e) => `${e.personId}@${e.musterId}`)).toEqual(['alice@M1', 'carol@M1'])
    for (const e of seen) s = reduceMuster(s, e)
    s = reduceMuster(s, {
      type: 'muster.headcount',
      musterId: 'M2',
      groupId: 'building:OFF',
      count: 37,
    } satisfies MusterEvent)
    const r = musterReport(s)
    expect(r.totalExpected).toBe(43)
    expect(r.totalArrived).toBe(39)
    expect(r.missing).toEqual([
      { personId: 'bob', musterId: 'M1', count: 1 },
      { personId: 'building:OFF', musterId: 'M2', count: 3 },
    ])
    expect(r.musters.find((m) => m.id === 'M1')).toEqual({ id: 'M1', expected: 2, arrived: 2, missing: ['bob'] })
    // Checking in twice changes nothing; the fold is pure.
    const again = reduceMuster(s, seen[0])
    expect(again).toBe(s)
    expect(detectArrivals(s, [{ id: 'alice', e: 0, n: 0 }], musters)).toEqual([])
  })
})
