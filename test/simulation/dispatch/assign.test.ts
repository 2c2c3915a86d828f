import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hungarian, planDispatch, solveAssignment, type DispatchUnit } from '@sim/dispatch/assign'
import { classifyEdges, noHazard } from '@sim/dispatch/hazard'
import { route } from '@sim/dispatch/route'
import { bruteAssignment, gridGraph, rect } from './helpers'

const matrix = (rows: number, cols: number) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  })

describe('Hungarian algorithm', () => {
  it('is optimal against brute force on random matrices up to 7×7', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) => fc.integer({ min: n, max: 7 }).chain((m) => matrix(n, m))),
        (m) => {
          const rows = m.length
          const cols = m[0].length
          const r2c = hungarian(Float64Array.from(m.flat()), rows, cols)
          expect(new Set(r2c).size).toBe(rows)
          const total = Array.from(r2c).reduce((s, c, r) => s + m[r][c], 0)
          expect(total).toBe(bruteAssignment(m))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('handles more rows than columns by transposing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((m) => fc.integer({ min: m, max: 7 }).chain((n) => matrix(n, m))),
        (m) => {
          const { rowToCol, total } = solveAssignment(m)
          expect(rowToCol.filter((c) => c >= 0).length).toBe(m[0].length)
          const t = m[0].map((_, c) => m.map((row) => row[c]))
          expect(total).toBe(bruteAssignment(t))
        },
      ),
      { numRuns: 200 },
    )
  })
})

function unitAt(
  id: string,
  g: ReturnType<typeof gridGraph>,
  node: number,
  type: string,
  caps: string[] = [],
): DispatchUnit {
  return { id, status: 'available', type, capabilities: caps, at: { node }, e: g.nodeE[node], n: g.nodeN[node] }
}

describe('planDispatch', () => {
  it('is optimal against brute force when incidents compete (random small cases)', () => {
    const g = gridGraph(6, 6, 100, { speed: (k) => 20 + ((k * 7) % 5) * 10 })
    const types = ['engine', 'hazmat', 'ambulance']
    fc.assert(
      fc.property(
        fc.array(fc.record({ node: fc.integer({ min: 0, max: 35 }), t: fc.integer({ min: 0, max: 2 }) }), {
          minLength: 3,
          maxLength: 6,
        }),
        fc.array(fc.record({ node: fc.integer({ min: 0, max: 35 }), t: fc.integer({ min: 0, max: 2 }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        (us, ds) => {
          const units = us.map((u, i) => unitAt(`U${i}`, g, u.node, types[u.t]))
          const demands = ds.map((d, i) => ({
            id: `D${i}`,
            e: g.nodeE[d.node] + 10,
            n: g.nodeN[d.node] + 5,
            needs: { [types[d.t]]: 1 },
          }))
          const h = noHazard(g)
          const plan = planDispatch(g, h, units, demands)
          // Brute force: every slot either unfilled (cost 1e9) or a distinct capable unit; ETAs by route().
          const slotCost = demands.map((d, s) => {
            const st = plan.staging[s]
            return units.map((u) =>
              u.type === Object.keys(d.needs)[0] ? route(g, h, u.at, { node: st.node }).etaS : Infinity,
            )
          })
          let best = Infinity
          const rec = (s: number, used: Set<number>, acc: number) => {
            if (s === demands.length) {
              best = Math.min(best, acc)
              return
            }
            rec(s + 1, used, acc + 1e9)
            slotCost[s].forEach((c, u) => {
              if (c < Infinity && !used.has(u)) {
                used.add(u)
                rec(s + 1, used, acc + c)
                used.delete(u)
              }
            })
          }
          rec(0, new Set(), 0)
          const got = plan.totalEtaS + plan.unfilled.reduce((s, u) => s + u.missing, 0) * 1e9
          expect(got).toBeCloseTo(best, 3)
          for (const r of plan.recommendations) expect(units.find((u) => u.id === r.unitId)!.type).toBe(r.role)
        },
      ),
      { numRuns: 80 },
    )
  })

  it('beats nearest-first when two incidents compete for one nearby unit', () => {
    // A line road: U-near sits between both incidents; U-far is near incident B only.
    const g = gridGraph(11, 1, 100)
    const units = [unitAt('U-near', g, 5, 'engine'), unitAt('U-far', g, 10, 'engine')]
    const demands = [
      { id: 'A', e: 0, n: 0, needs: { engine: 1 } },
      { id: 'B', e: 700, n: 0, needs: { engine: 1 } },
    ]
    const plan = planDispatch(g, noHazard(g), units, demands)
    const byDemand = Object.fromEntries(plan.recommendations.map((r) => [r.demandId, r.unitId]))
    // Nearest-first for B takes U-near (200 m) and sends U-far 1000 m to A: 1200 m. Optimal: 500 + 300.
    expect(byDemand).toEqual({ A: 'U-near', B: 'U-far' })
    expect(plan.totalEtaS).toBeCloseTo(80, 6)
    const near = plan.recommendations.find((r) => r.demandId === 'B')!
    expect(near.notChosen[0].unitId).toBe('U-near')
    expect(near.notChosen[0].reason).toMatch(/assigned to A.*swapping would add 40 s/)
  })

  it('matches capabilities, reports what it cannot fill and explains busy nearer units', () => {
    const g = gridGraph(5, 5, 100)
    const units: DispatchUnit[] = [
      unitAt('ENG', g, 0, 'engine'),
      unitAt('FOAM', g, 24, 'foam_tender', ['engine', 'foam']),
      unitAt('AMB', g, 12, 'ambulance'),
      { ...unitAt('BUSY', g, 13, 'engine'), status: 'on_scene' },
    ]
    const plan = planDispatch(g, noHazard(g), units, [
      { id: 'I', e: 200, n: 200, needs: { engine: 2, hazmat: 1, ambulance: 1 } },
    ])
    expect(plan.recommendations.map((r) => `${r.unitId}:${r.role}`).sort()).toEqual([
      'AMB:ambulance',
      'ENG:engine',
      'FOAM:engine',
    ])
    expect(plan.unfilled).toEqual([
      { demandId: 'I', role: 'hazmat', missing: 1, reason: "no eligible unit has capability 'hazmat'" },
    ])
    const eng = plan.recommendations.find((r) => r.unitId === 'ENG')!
    expect(eng.notChosen.find((a) => a.unitId === 'BUSY')?.reason).toBe('status on_scene')
    expect(eng.explanation.en).toMatch(/ETA/)
    expect(eng.explanation.zh).toMatch(/预计/)
    expect(eng.route.found).toBe(true)
  })

  it('stages outside the forbidden zone, avoids it, and says what was avoided', () => {
    const g = gridGraph(7, 3, 100)
    // Incident at (300, 100) with AEGL-3 around it; the middle row is blocked near the source.
    const h = classifyEdges(g, {
      zones: [
        { label: 'AEGL-3', rings: [rect(240, 40, 360, 160)] },
        { label: 'AEGL-2', rings: [rect(200, 20, 520, 180)] },
      ],
      source: { e: 300, n: 100 },
      windFromDeg: 270,
    })
    const units = [unitAt('W', g, 7, 'engine'), unitAt('E', g, 13, 'engine')]
    const plan = planDispatch(g, h, units, [{ id: 'X', e: 300, n: 100, needs: { engine: 2 } }])
    const st = plan.staging[0]
    expect(st.node).not.toBe(10)
    expect(st.downwind).toBe(false)
    for (const r of plan.recommendations) {
      expect(r.safe).toBe(true)
      expect(r.route.exposure.forbiddenM).toBe(0)
    }
  })

  it('offers the least-bad route, flagged unsafe, when the only unit is cut off', () => {
    const g = gridGraph(5, 1, 100)
    const h = classifyEdges(g, { zones: [{ label: 'AEGL-3', rings: [rect(140, -50, 160, 50)] }] })
    const plan = planDispatch(g, h, [unitAt('U', g, 0, 'engine')], [{ id: 'Z', e: 400, n: 0, needs: { engine: 1 } }])
    expect(plan.recommendations).toHaveLength(1)
    const r = plan.recommendations[0]
    expect(r.safe).toBe(false)
    expect(r.route.exposure.forbiddenM).toBeCloseTo(20, 6)
    expect(r.explanation.en).toMatch(/NO SAFE ROUTE/)
  })
})
