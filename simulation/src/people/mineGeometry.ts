/**
 * The mine's roadways in scene-local metres, and the network the UWB tracker, the simulator and
 * the risk map walk on. Converted once per scene load.
 */
import { toLocal } from '../geo/frames'
import { createRoadNetwork, type RoadNetwork } from '../positioning/roadNetwork'
import type { Vec3 } from '../positioning/types'
import type { Roadway, RoadwayKind } from '../scene/mineSchema'
import type { Scene } from '../scene/sceneSchema'

export interface RoadwayLocal extends Omit<Roadway, 'centreLine'> {
  /** Centre line in local metres: x = east, y = north, z = up (negative underground). */
  points: Vec3[]
  /** 3D length along the centre line (m). */
  length_m: number
}

export function mineRoadwaysLocal(scene: Scene): RoadwayLocal[] {
  if (!scene.mine) return []
  const origin = scene.origin
  return scene.mine.roadways.map((r) => {
    const { centreLine, ...rest } = r
    const points = centreLine.map(([lng, lat, h]) => {
      const l = toLocal(origin, [lng, lat])
      return { x: l.e, y: l.n, z: h }
    })
    return { ...rest, points, length_m: polylineLength(points) }
  })
}

export function polylineLength(points: readonly Vec3[]): number {
  let L = 0
  for (let i = 1; i < points.length; i++)
    L += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y, points[i].z - points[i - 1].z)
  return L
}

/**
 * The walkable roadway network. Shafts are left out by default: a vertical segment is a point in
 * plan, and the tracker's plan projection would snap people at the shaft bottom onto the shaft's
 * top. Sealed roadways are left out too (nobody walks there; an intruder is caught by the zone).
 */
export function mineNetwork(
  scene: Scene,
  opts: { exclude?: readonly RoadwayKind[]; includeSealed?: boolean; cell_m?: number } = {},
): RoadNetwork {
  const exclude = new Set(opts.exclude ?? ['shaft'])
  const lines = mineRoadwaysLocal(scene)
    .filter((r) => !exclude.has(r.kind) && (opts.includeSealed || !r.sealed))
    .map((r) => r.points)
  return createRoadNetwork(lines, opts.cell_m ?? 20)
}

/** Point at arc length s along a polyline (clamped). */
export function pointAlong(points: readonly Vec3[], s: number): Vec3 {
  let left = Math.max(0, s)
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]
    const b = points[i]
    const L = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z)
    if (left <= L || i === points.length - 1) {
      const t = L > 0 ? Math.min(1, left / L) : 0
      return { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), z: a.z + t * (b.z - a.z) }
    }
    left -= L
  }
  return { ...points[points.length - 1] }
}
