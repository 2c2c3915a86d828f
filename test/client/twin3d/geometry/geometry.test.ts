import { describe, expect, test } from 'vitest'
import { extrudePrisms, flatPolygons } from '../../../../client/src/twin3d/geometry/footprints'
import { groundRibbons, walls } from '../../../../client/src/twin3d/geometry/ribbons'
import { cylinders, pipeRacks } from '../../../../client/src/twin3d/geometry/solids'

// A 10 × 20 m footprint 100 m east and 200 m north of the origin.
const ring = Float64Array.of(100, 200, 110, 200, 110, 220, 100, 220, 100, 200)

describe('geometry builders (x = east, y = up, z = −north)', () => {
  test('an extruded footprint stands on the ground, north maps to −z', () => {
    const g = extrudePrisms([{ ring, height: 15, color: '#ffffff' }])!
    g.computeBoundingBox()
    const b = g.boundingBox!
    expect(b.min.x).toBeCloseTo(100)
    expect(b.max.x).toBeCloseTo(110)
    expect(b.min.y).toBeCloseTo(0)
    expect(b.max.y).toBeCloseTo(15)
    expect(b.min.z).toBeCloseTo(-220)
    expect(b.max.z).toBeCloseTo(-200)
    expect(g.getAttribute('color').count).toBe(g.getAttribute('position').count)
  })

  test('many parts merge into one geometry', () => {
    const g = cylinders([
      { e: 0, n: 0, radius: 5, height: 10, color: '#ffffff' },
      { e: 50, n: 50, radius: 5, height: 10, color: '#ff0000' },
    ])!
    g.computeBoundingBox()
    expect(g.boundingBox!.max.x).toBeCloseTo(55)
    expect(g.boundingBox!.min.z).toBeCloseTo(-55)
  })

  test('ground polygons and road ribbons face up', () => {
    for (const g of [
      flatPolygons([{ ring, color: '#fff' }], 0.2)!,
      groundRibbons([{ path: Float64Array.of(0, 0, 100, 0, 100, 100), width: 10, color: '#fff' }], 0.4)!,
    ]) {
      const normal = g.getAttribute('normal')
      for (let i = 0; i < normal.count; i++) expect(normal.getY(i)).toBeGreaterThan(0.99)
    }
  })

  test('a closed fence has one wall quad per side', () => {
    const g = walls([{ path: Float64Array.of(0, 0, 10, 0, 10, 10, 0, 10), height: 3, closed: true, color: '#fff' }])!
    expect(g.getAttribute('position').count).toBe(4 * 6)
  })

  test('a pipe rack deck runs at its height along the path', () => {
    const g = pipeRacks([{ path: Float64Array.of(0, 0, 100, 0), height: 6, width: 4, color: '#fff' }])!
    g.computeBoundingBox()
    expect(g.boundingBox!.max.y).toBeCloseTo(6.4)
    expect(g.boundingBox!.max.x).toBeGreaterThan(99)
  })
})
