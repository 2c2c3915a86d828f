/**
 * Scene geometry is authored in lon/lat and used in local metres, so the two conversions must
 * invert each other to well under a millimetre across a site, and agree with the known length
 * of a degree on the WGS84 ellipsoid.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { localDistance, toLngLat, toLocal, type GeoOrigin } from '@sim/geo/frames'
import { loadDemoParkRaw } from './sceneGeometry'

const demo = loadDemoParkRaw().origin as GeoOrigin
const ORIGINS: GeoOrigin[] = [
  demo,
  { lng: 0, lat: 0, alt_m: 0 },
  { lng: -70.6, lat: -33.4, alt_m: 500 },
  { lng: 24.9, lat: 60.2, alt_m: 0 },
]

describe('geo frames', () => {
  it('toLocal ∘ toLngLat returns the same metres within 1 mm over ±5 km (grid)', () => {
    for (const o of ORIGINS)
      for (let e = -5000; e <= 5000; e += 250)
        for (let n = -5000; n <= 5000; n += 250) {
          const back = toLocal(o, toLngLat(o, e, n))
          expect(Math.abs(back.e - e)).toBeLessThan(1e-3)
          expect(Math.abs(back.n - n)).toBeLessThan(1e-3)
        }
  })

  it('round-trips any point within ±5 km of any origin up to 75° latitude', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -75, max: 75, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        (lng, lat, e, n) => {
          const o = { lng, lat, alt_m: 0 }
          const back = toLocal(o, toLngLat(o, e, n))
          return Math.abs(back.e - e) < 1e-3 && Math.abs(back.n - n) < 1e-3
        },
      ),
      { numRuns: 2000, seed: 20240611 },
    )
  })

  it('toLngLat ∘ toLocal returns the same coordinates (to 1e-9 degree, about 0.1 mm)', () => {
    for (const o of ORIGINS)
      for (const [dlng, dlat] of [
        [0.03, 0.02],
        [-0.05, 0.01],
        [0.001, -0.04],
      ]) {
        const p = [o.lng + dlng, o.lat + dlat] as const
        const q = toLocal(o, p)
        const [lng, lat] = toLngLat(o, q.e, q.n)
        expect(Math.abs(lng - p[0])).toBeLessThan(1e-9)
        expect(Math.abs(lat - p[1])).toBeLessThan(1e-9)
      }
  })

  it('measures a degree as the WGS84 ellipsoid does at the demo park (about 32° N)', () => {
    // Length of 0.01° from the standard series for the meridian arc and the parallel, ±0.5 m.
    const phi = (demo.lat * Math.PI) / 180
    const perDegLat = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi)
    const perDegLng = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi)
    expect(toLocal(demo, [demo.lng, demo.lat + 0.01]).n).toBeCloseTo(perDegLat / 100, 0)
    expect(toLocal(demo, [demo.lng + 0.01, demo.lat]).e).toBeCloseTo(perDegLng / 100, 0)
  })

  it('puts the origin at zero, east positive and north positive, and heights relative to the origin', () => {
    const o = toLocal(demo, [demo.lng, demo.lat], demo.alt_m + 12)
    expect(o.e).toBe(0)
    expect(o.n).toBe(0)
    expect(o.u).toBeCloseTo(12, 9)
    const ne = toLocal(demo, [demo.lng + 0.001, demo.lat + 0.001])
    expect(ne.e).toBeGreaterThan(0)
    expect(ne.n).toBeGreaterThan(0)
  })

  it('gives distances that match the local metres', () => {
    const a = toLngLat(demo, -1000, -750)
    const b = toLngLat(demo, 1000, 750)
    expect(localDistance(demo, a, b)).toBeCloseTo(2500, 3)
  })
})
