import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { classifyEdges, noHazard } from '@sim/dispatch/hazard'
import { costTo, createWorkspace, route, search } from '@sim/dispatch/route'
import { bellmanFord, bfsReach, gridGraph, inRing, rect, samplePolyline } from './helpers'

/** A star-shaped (often non-convex) polygon around (cx, cy). */
const starPolygon = fc
  .record({
    cx: fc.double({ min: 50, max: 550, noNaN: true }),
    cy: fc.double({ min: 50, max: 550, noNaN: true }),
    radii: fc.array(fc.double({ min: 30, max: 220, noNaN: true }), { minLength: 5, maxLength: 12 }),
    turn: fc.double({ min: 0, max: 6.28, noNaN: true }),
  })
  .map(({ cx, cy, radii, turn }) => {
    const ring: number[] = []
    radii.forEach((r, k) => {
      const a = turn + (2 * Math.PI * k) / radii.length
      ring.push(cx + r * Math.cos(a), cy + r * Math.sin(a))
    })
    return ring
  })

describe('shortest paths', () => {
  it('Dijkstra equals Bellman–Ford on random small graphs (travel time and hazard costs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        fc.array(fc.integer({ min: 5, max: 90 }), { minLength: 80, maxLength: 80 }),
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        starPolygon,
        fc.nat(),
        (w, h, keep, speeds, oneway, poly, s) => {
          const g = gridGraph(w, h, 110, {
            keep: (k) => keep[k % 80] || k % 7 === 0,
            speed: (k) => speeds[k % 80],
            oneway: (k) => oneway[k % 80] && k % 3 === 0,
          })
          const hz = classifyEdges(g, { zones: [{ label: 'AEGL-2', rings: [poly] }] })
          const src = s % g.nodeCount
          const ws = createWorkspace(g)
          for (const cost of [g.edgeTime, hz.costSafe]) {
            const ref = bellmanFord(g, cost, src)
            search(g, cost, [{ node: src, cost: 0 }], ws)
            for (let v = 0; v < g.nodeCount; v++) {
              const got = costTo(ws, v)
              if (ref[v] === Infinity) expect(got).toBe(Infinity)
              else expect(got).toBeCloseTo(ref[v], 6)
            }
            // A* to each node agrees with the full search.
            for (let v = 0; v < g.nodeCount; v++) {
              search(g, cost, [{ node: src, cost: 0 }], ws, { target: v })
              if (ref[v] === Infinity) expect(costTo(ws, v)).toBe(Infinity)
              else expect(costTo(ws, v)).toBeCloseTo(ref[v], 6)
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('backward search gives every node its cost to the seed', () => {
    const g = gridGraph(5, 4, 100, { oneway: (k) => k % 4 === 0, speed: (k) => 20 + (k % 5) * 10 })
    const ws = createWorkspace(g)
    search(g, g.edgeTime, [{ node: 7, cost: 0 }], ws, { reverse: true })
    for (let v = 0; v < g.nodeCount; v++) expect(costTo(ws, v)).toBeCloseTo(bellmanFord(g, g.edgeTime, v)[7], 6)
  })
})

describe('hazard-aware routing', () => {
  it('avoids a forbidden zone whenever an alternative exists, and says so when none does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 3, max: 7 }),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        starPolygon,
        fc.nat(),
        fc.nat(),
        (w, h, keep, poly, a, b) => {
          const g = gridGraph(w, h, 100, { keep: (k) => keep[k % 120] || k % 5 === 0 })
          const hz = classifyEdges(g, { zones: [{ label: 'AEGL-3 (60 min)', rings: [poly] }] })
          const src = a % g.nodeCount
          const dst = b % g.nodeCount
          const r = route(g, hz, { node: src }, { node: dst })
          const safeReach = bfsReach(g, hz.costSafe, src)
          const anyReach = bfsReach(g, g.edgeTime, src)
          const startsOrEndsInside = [src, dst].some((v) => inRing(poly, g.nodeE[v], g.nodeN[v]))
          if (safeReach[dst]) {
            expect(r.found).toBe(true)
            expect(r.safe).toBe(true)
            expect(r.exposure.forbiddenM).toBeLessThanOrEqual(0.01 * r.edges.length)
            // Independent check: no sampled point of the polyline lies inside the polygon.
            const inside = samplePolyline(r.local, 2).filter(([x, y]) => inRing(poly, x, y))
            expect(inside.length).toBe(0)
          } else if (anyReach[dst]) {
            expect(r.found).toBe(true)
            expect(r.safe).toBe(false)
            expect(r.message).toMatch(/no route avoids/)
            expect(r.exposure.forbiddenM).toBeGreaterThan(0)
            // The least-bad route is no worse than the plain fastest one.
            const plain = route(g, hz, { node: src }, { node: dst }, { mode: 'time' })
            expect(r.exposure.forbiddenM).toBeLessThanOrEqual(plain.exposure.forbiddenM + 1e-6)
            if (!startsOrEndsInside) expect(safeReach[dst]).toBe(0)
          } else {
            expect(r.found).toBe(false)
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('ETA is plain travel time while the hazard only shapes the path', () => {
    // 5×3 grid; a forbidden box on the middle row forces the detour over the top row.
    const g = gridGraph(5, 3, 100)
    const hz = classifyEdges(g, { zones: [{ label: 'AEGL-3', rings: [rect(130, -20, 270, 60)] }] })
    const r = route(g, hz, { node: 0 }, { node: 4 })
    expect(r.safe).toBe(true)
    expect(r.lengthM).toBeCloseTo(600, 6)
    expect(r.etaS).toBeCloseTo(60, 6) // 36 km/h = 10 m/s
    expect(r.lngLat.length).toBe(r.local.length)
    const blind = route(g, noHazard(g), { node: 0 }, { node: 4 })
    expect(blind.lengthM).toBeCloseTo(400, 6)
  })

  it('AEGL-2 is crossed only when the detour costs more than the penalty', () => {
    const g = gridGraph(3, 2, 100)
    // 40 m of the bottom row in AEGL-2 costs like 160 m: cheaper than the 200 m detour over the top.
    const hz = classifyEdges(g, { zones: [{ label: 'AEGL-2', rings: [rect(80, -30, 120, 30)] }] })
    const r = route(g, hz, { node: 0 }, { node: 2 })
    expect(r.edges.length).toBe(2)
    expect(r.exposure.penalisedM).toBeCloseTo(40, 6)
    // 200 m in AEGL-2 costs like 800 m: the detour wins.
    const hz2 = classifyEdges(g, { zones: [{ label: 'AEGL-2', rings: [rect(-10, -30, 210, 30)] }] })
    const r2 = route(g, hz2, { node: 0 }, { node: 2 })
    expect(r2.exposure.penalisedM).toBeLessThan(100)
  })

  it('prefers an upwind approach over a downwind one of equal length', () => {
    // 3×3 grid with the centre node cut out: from west to east via the north or the south row,
    // both 400 m. Source at the centre, wind from the north: the south row is downwind.
    const g = gridGraph(3, 3, 100, { keep: (k) => ![2, 3, 7, 10].includes(k) })
    const hz = classifyEdges(g, {
      zones: [{ label: 'AEGL-1', rings: [rect(80, -200, 120, 100)] }],
      source: { e: 100, n: 100 },
      windFromDeg: 0,
      reachM: 300,
    })
    const r = route(g, hz, { node: 3 }, { node: 5 })
    expect(r.lengthM).toBeCloseTo(400, 6)
    expect(r.local.some(([e, n]) => e === 100 && n === 200)).toBe(true)
    expect(r.exposure.downwindM).toBe(0)
    // Wind from the south: now the north row is downwind and the route flips.
    const hz2 = classifyEdges(g, { ...hz.input, windFromDeg: 180 })
    const r2 = route(g, hz2, { node: 3 }, { node: 5 })
    expect(r2.local.some(([e, n]) => e === 100 && n === 0)).toBe(true)
  })

  it('routes from mid-edge and from an off-road point', () => {
    const g = gridGraph(4, 1, 100)
    const hz = noHazard(g)
    const e = g.outEdges[g.outStart[1]] // some edge out of node 1
    const r = route(g, hz, { edge: e, along: 25 }, { node: 3 })
    expect(r.found).toBe(true)
    expect(r.local[0][1]).toBeCloseTo(0, 6)
    const p = route(g, hz, { e: 150, n: 40 }, { node: 0 })
    expect(p.pieceEdge[0]).toBe(-1)
    expect(p.local[0]).toEqual([150, 40])
  })
})
