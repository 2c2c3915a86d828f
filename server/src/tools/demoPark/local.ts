/**
 * Plane geometry in local east/north metres, used while authoring the demo park. The park is
 * drawn on a metre grid and converted to lon/lat only at the end, so every junction that is the
 * same point in metres is the same coordinate in the file (the routing graph snaps on equality).
 */
import { toLngLat, type GeoOrigin } from '@sim/geo/frames'

export type Pt = readonly [e: number, n: number]
/** [lng, lat] as the scene file holds it (the schema's tuples are mutable). */
export type Coord = [lng: number, lat: number]

export interface Rect {
  e0: number
  n0: number
  e1: number
  n1: number
}

export function rect(ea: number, na: number, eb: number, nb: number): Rect {
  return { e0: Math.min(ea, eb), n0: Math.min(na, nb), e1: Math.max(ea, eb), n1: Math.max(na, nb) }
}

export function pad(r: Rect, m: number): Rect {
  return { e0: r.e0 - m, n0: r.n0 - m, e1: r.e1 + m, n1: r.n1 + m }
}

export function union(rs: readonly Rect[]): Rect {
  return {
    e0: Math.min(...rs.map((r) => r.e0)),
    n0: Math.min(...rs.map((r) => r.n0)),
    e1: Math.max(...rs.map((r) => r.e1)),
    n1: Math.max(...rs.map((r) => r.n1)),
  }
}

/** Corners counter-clockwise from the south-west, not closed (the schema's rings are implicit-closed). */
export function rectRing(r: Rect): Pt[] {
  return [
    [r.e0, r.n0],
    [r.e1, r.n0],
    [r.e1, r.n1],
    [r.e0, r.n1],
  ]
}

export function centre(r: Rect): Pt {
  return [(r.e0 + r.e1) / 2, (r.n0 + r.n1) / 2]
}

export function area(r: Rect): number {
  return (r.e1 - r.e0) * (r.n1 - r.n0)
}

export function inRect(r: Rect, p: Pt): boolean {
  return p[0] >= r.e0 && p[0] <= r.e1 && p[1] >= r.n0 && p[1] <= r.n1
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.e0 < b.e1 && b.e0 < a.e1 && a.n0 < b.n1 && b.n0 < a.n1
}

/** Distance from a point to a rectangle (0 inside). */
export function distToRect(r: Rect, p: Pt): number {
  const de = Math.max(r.e0 - p[0], 0, p[0] - r.e1)
  const dn = Math.max(r.n0 - p[1], 0, p[1] - r.n1)
  return Math.hypot(de, dn)
}

/** Does segment a–b pass through the inside of r (touching an edge does not count)? */
export function segmentCrossesRect(a: Pt, b: Pt, r: Rect): boolean {
  // Sample densely: the authored segments are at most a few hundred metres and rectangles are
  // metres wide, so a 0.5 m step cannot miss one.
  const len = Math.hypot(b[0] - a[0], b[1] - a[1])
  const steps = Math.max(1, Math.ceil(len / 0.5))
  for (let i = 0; i <= steps; i++) {
    const t = i / steps
    const e = a[0] + (b[0] - a[0]) * t
    const n = a[1] + (b[1] - a[1]) * t
    if (e > r.e0 && e < r.e1 && n > r.n0 && n < r.n1) return true
  }
  return false
}

/** Rounded so that the file is stable across platforms; 1e-7 degree is about 1 cm. */
export function lngLat(origin: GeoOrigin, p: Pt): Coord {
  const [lng, lat] = toLngLat(origin, p[0], p[1])
  return [round(lng, 7), round(lat, 7)]
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits
  const r = Math.round(x * f) / f
  return Object.is(r, -0) ? 0 : r
}
