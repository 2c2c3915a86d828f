/**
 * What a threat zone reaches: fences, the park boundary, sensitive targets. Rings are flat local
 * metre arrays. Two polygons are taken to touch when a vertex of either lies inside the other —
 * exact for the convex-ish, densely sampled contours the plume produces against fences and
 * footprints of tens of metres; a sliver crossing between two vertices can be missed, which is
 * why contour rings are sampled at the field's 20 m cell size.
 */
import { pointInRing } from '../scene/resolveScene'
import type { ZoneReach } from './leakEvents'

export function ringsTouch(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i += 2) if (pointInRing(b, a[i], a[i + 1])) return true
  for (let i = 0; i < b.length; i += 2) if (pointInRing(a, b[i], b[i + 1])) return true
  return false
}

export function ringLeaves(inner: Float64Array, outer: Float64Array): boolean {
  for (let i = 0; i < inner.length; i += 2) if (!pointInRing(outer, inner[i], inner[i + 1])) return true
  return false
}

export interface ReachContext {
  boundary: Float64Array
  fences: ReadonlyMap<string, Float64Array>
  targets: { id: string; e: number; n: number; ring: Float64Array | null }[]
}

export function zoneReach(zone: Float64Array | null, sourceEnterprise: string | null, ctx: ReachContext): ZoneReach {
  if (!zone) return { outsideSourceFence: false, fences: [], outsideBoundary: false, targets: [] }
  const own = sourceEnterprise ? ctx.fences.get(sourceEnterprise) : undefined
  const fences: string[] = []
  for (const [id, ring] of ctx.fences) if (id !== sourceEnterprise && ringsTouch(zone, ring)) fences.push(id)
  const targets = ctx.targets
    .filter((t) => pointInRing(zone, t.e, t.n) || (t.ring !== null && ringsTouch(zone, t.ring)))
    .map((t) => t.id)
  return {
    outsideSourceFence: own ? ringLeaves(zone, own) : false,
    fences: fences.sort(),
    outsideBoundary: ringLeaves(zone, ctx.boundary),
    targets: targets.sort(),
  }
}
