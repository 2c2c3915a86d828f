import { describe, it, expect } from 'vitest'
import { parseCase } from '@sim/dispersion/caseInput'
import { resolveScenario, concentrationAt } from '@sim/dispersion/scenario'
import { scenarioField, type GridSpec } from '@sim/dispersion/field'
import {
  contourField,
  ringArea,
  pointInRing,
  threatZonesFromField,
  zoneFromScenario,
  localToLonLat,
} from '@sim/dispersion/zones'
import { runCase, type CaseResult } from '@sim/dispersion/runCase'
import { computeGroundField } from '@sim/dispersion/index'
import { baseCase } from './helpers'

const scn = () => {
  const p = parseCase(baseCase())
  if (!p.ok) throw new Error(p.error)
  return resolveScenario(p.value)
}

describe('ground field', () => {
  it('matches the point evaluation cell by cell (within 2 % where it matters)', () => {
    const s = scn()
    const g: GridSpec = { originE: -1000, originN: -1000, cellM: 10, nx: 120, ny: 120 }
    const f = scenarioField(s, g)
    let peak = 0
    for (const v of f) peak = Math.max(peak, v)
    for (let j = 0; j < g.ny; j += 7)
      for (let i = 0; i < g.nx; i += 7) {
        const e = g.originE + (i + 0.5) * g.cellM
        const n = g.originN + (j + 0.5) * g.cellM
        const c = concentrationAt(s, e, n, 0)
        if (c > 1e-3 * peak && Math.hypot(e, n) > 50) expect(Math.abs(f[j * g.nx + i] / c - 1)).toBeLessThan(0.02)
      }
  })
  it('computeGroundField accepts a raw case and reuses the output buffer', () => {
    const g: GridSpec = { originE: -500, originN: -500, cellM: 10, nx: 100, ny: 100 }
    const out = new Float32Array(100 * 100)
    const r = computeGroundField(baseCase(), g, { out })
    expect(r).toBe(out)
    expect(Math.max(...out)).toBeGreaterThan(0)
  })
})

describe('threat zones', () => {
  it('contain points above the level and exclude points below it', () => {
    const s = scn()
    for (const level of [21, 112]) {
      const z = zoneFromScenario(s, level, 0)
      expect(z.maxDistanceM).toBeGreaterThan(0)
      const ring = z.polygon.flat()
      let checked = 0
      for (let e = -900; e <= 900; e += 37)
        for (let n = -900; n <= 900; n += 37) {
          const c = concentrationAt(s, e, n, 0)
          if (Math.abs(c / level - 1) < 0.05) continue // too close to the boundary to judge
          expect(pointInRing(ring, e, n)).toBe(c >= level)
          checked++
        }
      expect(checked).toBeGreaterThan(2000)
    }
  })
  it('max downwind distance is where the centre line falls to the level', () => {
    const s = scn()
    const z = zoneFromScenario(s, 21, 0)
    const d = z.maxDistanceM
    const at = (x: number) => concentrationAt(s, x * s.downE, x * s.downN, 0)
    expect(at(d * 0.99)).toBeGreaterThan(21)
    expect(at(d * 1.01)).toBeLessThan(21)
  })
  it('marching squares on the field agrees with the analytic zone', () => {
    const s = scn()
    const g: GridSpec = { originE: -1200, originN: -1200, cellM: 5, nx: 260, ny: 260 }
    const f = scenarioField(s, g)
    const [fz] = threatZonesFromField(f, g, [21], { e: 0, n: 0 }, s.downE, s.downN)
    const az = zoneFromScenario(s, 21, 0)
    expect(Math.abs(fz.maxDistanceM / az.maxDistanceM - 1)).toBeLessThan(0.02)
    expect(Math.abs(ringArea(fz.outer!) / ringArea(az.polygon.flat()) - 1)).toBeLessThan(0.03)
    expect(ringArea(az.polygon.flat())).toBeGreaterThan(0)
  })
  it('marching squares: a disc of radius 100 m has area π·100² and is counter-clockwise', () => {
    const g: GridSpec = { originE: -200, originN: -200, cellM: 2, nx: 200, ny: 200 }
    const f = new Float32Array(g.nx * g.ny)
    for (let j = 0; j < g.ny; j++)
      for (let i = 0; i < g.nx; i++) {
        const e = g.originE + (i + 0.5) * g.cellM
        const n = g.originN + (j + 0.5) * g.cellM
        f[j * g.nx + i] = Math.exp(-(e * e + n * n) / (2 * 50 * 50))
      }
    const rings = contourField(f, g, Math.exp(-(100 * 100) / (2 * 50 * 50)))
    expect(rings.length).toBe(1)
    expect(ringArea(rings[0]) / (Math.PI * 1e4)).toBeCloseTo(1, 2)
  })
  it('a field touching the grid edge still gives closed rings; holes come out clockwise', () => {
    const g: GridSpec = { originE: 0, originN: 0, cellM: 1, nx: 20, ny: 20 }
    const f = new Float32Array(400).fill(1)
    for (let j = 8; j < 12; j++) for (let i = 8; i < 12; i++) f[j * 20 + i] = 0
    const rings = contourField(f, g, 0.5)
    expect(rings.length).toBe(2)
    const areas = rings.map(ringArea).sort((a, b) => a - b)
    expect(areas[0]).toBeLessThan(0)
    expect(areas[1]).toBeGreaterThan(0)
  })
  it('CLI zones: nested levels, GeoJSON when an origin is given, uncertainty band contains the zone', () => {
    const r = runCase(baseCase({ origin: { lon: 121.5, lat: 30.8 } })) as CaseResult
    const d = r.threat_zones.map((z) => z.max_distance_m)
    expect(d[0]).toBeGreaterThan(d[1])
    expect(d[1]).toBeGreaterThan(d[2])
    expect(r.threat_zones[0].polygon_lonlat![0]).toEqual(
      localToLonLat({ lon: 121.5, lat: 30.8 }, ...r.threat_zones[0].polygon_local_m[0]),
    )
    const band = r.details.uncertainty_band_local_m.flat()
    for (const [e, n] of r.threat_zones[0].polygon_local_m.slice(0, -1))
      expect(pointInRing(band, e * 0.99, n * 0.99)).toBe(true)
  })
})
