import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { classifyEdges, downwindVector, prepareZones, segmentExposure, severityOf } from '@sim/dispatch/hazard'
import { gridGraph, inRing, rect } from './helpers'

describe('hazard classification', () => {
  it('maps dispersion labels to severities', () => {
    expect(severityOf({ label: 'AEGL-3 (60 min)', rings: [] })).toBe('forbidden')
    expect(severityOf({ label: '60% LEL', rings: [] })).toBe('forbidden')
    expect(severityOf({ label: 'AEGL-2 (60 min)', rings: [] })).toBe('penalised')
    expect(severityOf({ label: '10% LEL', rings: [] })).toBe('penalised')
    expect(severityOf({ label: 'AEGL-1 (60 min)', rings: [] })).toBe('advisory')
    expect(severityOf({ label: 'AEGL-1', severity: 'forbidden', rings: [] })).toBe('forbidden')
  })

  it('measures metres inside exactly, nested zones not counted twice', () => {
    const pz = prepareZones([
      { label: 'AEGL-3', rings: [rect(40, -10, 60, 10)] },
      { label: 'AEGL-2', rings: [rect(20, -20, 80, 20)] },
    ])
    const x = segmentExposure(pz, 0, 0, 100, 0)
    expect(x.forbiddenM).toBeCloseTo(20, 9)
    expect(x.penalisedM).toBeCloseTo(40, 9)
  })

  it('unions overlapping zones of one severity and respects holes', () => {
    const pz = prepareZones([
      { label: 'AEGL-3', rings: [rect(10, -5, 50, 5)] },
      { label: 'AEGL-3', rings: [rect(30, -5, 70, 5)] },
    ])
    expect(segmentExposure(pz, 0, 0, 100, 0).forbiddenM).toBeCloseTo(60, 9)
    const holed = prepareZones([{ label: 'AEGL-3', rings: [rect(0, -50, 100, 50), rect(40, -10, 60, 10)] }])
    expect(segmentExposure(holed, -10, 0, 110, 0).forbiddenM).toBeCloseTo(80, 9)
  })

  it('clipped length matches dense sampling on random polygons', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 20, max: 150, noNaN: true }), { minLength: 4, maxLength: 10 }),
        fc.tuple(
          fc.double({ min: -200, max: 200, noNaN: true }),
          fc.double({ min: -200, max: 200, noNaN: true }),
          fc.double({ min: -200, max: 200, noNaN: true }),
          fc.double({ min: -200, max: 200, noNaN: true }),
        ),
        (radii, [ax, ay, bx, by]) => {
          const ring: number[] = []
          radii.forEach((r, k) =>
            ring.push(r * Math.cos((2 * Math.PI * k) / radii.length), r * Math.sin((2 * Math.PI * k) / radii.length)),
          )
          const pz = prepareZones([{ label: 'AEGL-3', rings: [ring] }])
          const len = Math.hypot(bx - ax, by - ay)
          const N = 4000
          let inside = 0
          for (let i = 0; i < N; i++) {
            const t = (i + 0.5) / N
            if (inRing(ring, ax + (bx - ax) * t, ay + (by - ay) * t)) inside++
          }
          expect(Math.abs(segmentExposure(pz, ax, ay, bx, by).forbiddenM - (inside / N) * len)).toBeLessThan(
            len / 500 + 1e-6,
          )
        },
      ),
      { numRuns: 200 },
    )
  })

  it('forbids edges through AEGL-3, penalises AEGL-2, flags downwind edges, and changes with the wind', () => {
    const g = gridGraph(11, 11, 100)
    const zones = [
      { label: 'AEGL-3 (60 min)', rings: [rect(480, 480, 720, 520)] },
      { label: 'AEGL-2 (60 min)', rings: [rect(460, 400, 900, 600)] },
    ]
    const west = classifyEdges(g, { zones, source: { e: 500, n: 500 }, windFromDeg: 270 })
    expect(west.forbiddenEdges).toBeGreaterThan(0)
    expect(west.penalisedEdges).toBeGreaterThan(0)
    for (let k = 0; k < g.edgeCount; k++) {
      if (west.forbiddenM[k] > 0.01) expect(west.costSafe[k]).toBe(Infinity)
      else expect(west.costSafe[k]).toBeGreaterThanOrEqual(g.edgeTime[k])
      expect(west.costLeastBad[k]).toBeLessThan(Infinity)
      // Downwind of a westerly wind is east of the source.
      if (west.downwind[k]) expect((g.nodeE[g.edgeFrom[k]] + g.nodeE[g.edgeTo[k]]) / 2).toBeGreaterThan(500)
    }
    expect(west.reachM).toBeCloseTo(400, 6)
    const north = classifyEdges(g, { zones, source: { e: 500, n: 500 }, windFromDeg: 0 })
    expect([...north.downwind].join()).not.toBe([...west.downwind].join())
    const [de, dn] = downwindVector(90)
    expect(de).toBeCloseTo(-1, 9)
    expect(dn).toBeCloseTo(0, 9)
  })
})
