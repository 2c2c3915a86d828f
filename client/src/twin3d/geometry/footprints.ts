/**
 * Footprint rings (flat local [e0,n0,e1,n1,…]) → extruded prisms and flat ground polygons.
 */
import { ExtrudeGeometry, Shape, ShapeGeometry, Vector2, type BufferGeometry } from 'three'
import { mergeParts, paint } from './mergeColored'

/** A Shape in the (east, north) plane; drops a closing point equal to the first. */
export function ringToShape(ring: ArrayLike<number>): Shape {
  let k = ring.length / 2
  if (k > 1 && ring[0] === ring[2 * (k - 1)] && ring[1] === ring[2 * (k - 1) + 1]) k--
  const pts: Vector2[] = []
  for (let i = 0; i < k; i++) pts.push(new Vector2(ring[2 * i], ring[2 * i + 1]))
  return new Shape(pts)
}

export interface Prism {
  ring: ArrayLike<number>
  /** m above ground of the top. */
  height: number
  /** m above ground of the bottom (default 0). */
  base?: number
  color: string
}

/**
 * Extrude each ring upwards. ExtrudeGeometry extrudes along +z of the shape plane; rotating by
 * −90° about x takes (e, n, depth) to (e, depth, −n), our (x, y, z).
 */
export function extrudePrisms(prisms: readonly Prism[]): BufferGeometry | null {
  const parts = prisms.map((p) => {
    const base = p.base ?? 0
    const g = new ExtrudeGeometry(ringToShape(p.ring), { depth: Math.max(0.1, p.height - base), bevelEnabled: false })
    g.rotateX(-Math.PI / 2)
    g.translate(0, base, 0)
    return paint(g, p.color)
  })
  return mergeParts(parts)
}

export interface FlatPolygon {
  ring: ArrayLike<number>
  color: string
}

/** Flat polygons lying at height `y` (ground tints such as plant areas), facing up. */
export function flatPolygons(polys: readonly FlatPolygon[], y: number): BufferGeometry | null {
  const parts = polys.map((p) => {
    const g = new ShapeGeometry(ringToShape(p.ring))
    g.rotateX(-Math.PI / 2)
    g.translate(0, y, 0)
    return paint(g, p.color)
  })
  return mergeParts(parts)
}
