/**
 * Independent geometry for checking scene invariants: written here rather than imported from the
 * generator, so a mistake in the generator's own maths cannot vouch for itself.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { toLocal, type GeoOrigin, type LngLat } from '@sim/geo/frames'
import type { z } from 'zod'
import type { Scene, SceneSchema } from '@sim/scene/sceneSchema'

export const DEMO_PARK_PATH = resolve(import.meta.dirname, '../../../scenes/demo-park/scene.json')

/** The scene file as written, before defaults are applied. */
export type SceneFile = z.input<typeof SceneSchema>

/** A fresh, mutable copy of the committed demo scene file (raw JSON, before validation). */
export function loadDemoParkRaw(): SceneFile {
  return JSON.parse(readFileSync(DEMO_PARK_PATH, 'utf8')) as SceneFile
}

export type Xy = [number, number]

export const local = (origin: GeoOrigin, p: LngLat): Xy => {
  const q = toLocal(origin, p)
  return [q.e, q.n]
}

/** Shoelace area in m² (absolute). */
export function polygonArea(ring: readonly Xy[]): number {
  let s = 0
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]
    const [x2, y2] = ring[(i + 1) % ring.length]
    s += x1 * y2 - x2 * y1
  }
  return Math.abs(s) / 2
}

function segmentDistance(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
}

/** Distance from p to the polygon's outline, m. */
export function distanceToOutline(ring: readonly Xy[], p: Xy): number {
  let d = Infinity
  for (let i = 0; i < ring.length; i++) d = Math.min(d, segmentDistance(p, ring[i], ring[(i + 1) % ring.length]))
  return d
}

/** Even–odd rule; points within `tol` metres of the outline count as inside. */
export function insidePolygon(ring: readonly Xy[], p: Xy, tol = 0): boolean {
  if (tol > 0 && distanceToOutline(ring, p) <= tol) return true
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/**
 * The routing graph exactly as the brief defines it: nodes are line end points, snapped only when
 * their coordinates are identical; each LineString is one edge.
 */
export function roadGraph(scene: Scene): { nodes: Set<string>; adj: Map<string, Set<string>> } {
  const key = (p: readonly number[]) => `${p[0]},${p[1]}`
  const adj = new Map<string, Set<string>>()
  const link = (a: string, b: string) => {
    if (!adj.has(a)) adj.set(a, new Set())
    adj.get(a)!.add(b)
  }
  for (const f of scene.roads.features) {
    const c = f.geometry.coordinates
    const a = key(c[0])
    const b = key(c[c.length - 1])
    link(a, b)
    link(b, a)
  }
  return { nodes: new Set(adj.keys()), adj }
}

export function reachableFrom(adj: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set([start])
  const todo = [start]
  while (todo.length)
    for (const n of adj.get(todo.pop()!) ?? []) {
      if (seen.has(n)) continue
      seen.add(n)
      todo.push(n)
    }
  return seen
}

export const coordKey = (p: readonly number[]) => `${p[0]},${p[1]}`
