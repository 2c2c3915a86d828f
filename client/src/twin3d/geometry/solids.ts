/**
 * Simple solids placed in local metres: vertical cylinders (tanks, columns), spheres (pressure
 * spheres), and boxes along a polyline (pipe racks). All merged into one coloured geometry.
 */
import { BoxGeometry, CylinderGeometry, Matrix4, Quaternion, SphereGeometry, Vector3, type BufferGeometry } from 'three'
import { mergeParts, paint } from './mergeColored'

export interface Cylinder {
  e: number
  n: number
  radius: number
  height: number
  base?: number
  color: string
}

export function cylinders(items: readonly Cylinder[], radialSegments = 24): BufferGeometry | null {
  return mergeParts(
    items.map((c) => {
      const g = new CylinderGeometry(c.radius, c.radius, c.height, radialSegments)
      g.translate(c.e, (c.base ?? 0) + c.height / 2, -c.n)
      return paint(g, c.color)
    }),
  )
}

export interface Sphere {
  e: number
  n: number
  radius: number
  /** Height of the centre above ground. */
  centre: number
  color: string
}

export function spheres(items: readonly Sphere[]): BufferGeometry | null {
  return mergeParts(
    items.map((s) => {
      const g = new SphereGeometry(s.radius, 20, 12)
      g.translate(s.e, s.centre, -s.n)
      return paint(g, s.color)
    }),
  )
}

export interface RackPath {
  /** Flat local [e0,n0,e1,n1,…]. */
  path: ArrayLike<number>
  height: number
  width: number
  color: string
}

const _m = new Matrix4()
const _q = new Quaternion()
const _p = new Vector3()
const _s = new Vector3(1, 1, 1)
const _up = new Vector3(0, 1, 0)

/** Bent deck (0.8 m thick) at rack height plus a bent frame every `bentSpacing` metres. */
export function pipeRacks(racks: readonly RackPath[], bentSpacing = 12): BufferGeometry | null {
  const parts: BufferGeometry[] = []
  for (const r of racks) {
    for (let i = 0; i + 3 < r.path.length; i += 2) {
      const e0 = r.path[i]
      const n0 = r.path[i + 1]
      const e1 = r.path[i + 2]
      const n1 = r.path[i + 3]
      const len = Math.hypot(e1 - e0, n1 - n0)
      if (len < 0.01) continue
      // Box length runs along x; turn it to the segment's heading (in the x/−z plane).
      _q.setFromAxisAngle(_up, Math.atan2(n1 - n0, e1 - e0))
      const deck = new BoxGeometry(len + r.width * 0.5, 0.8, r.width)
      deck.applyMatrix4(_m.compose(_p.set((e0 + e1) / 2, r.height, -(n0 + n1) / 2), _q, _s))
      parts.push(paint(deck, r.color))
      const bents = Math.max(1, Math.round(len / bentSpacing))
      for (let b = 0; b <= bents; b++) {
        const f = b / bents
        const post = new BoxGeometry(0.6, r.height, r.width)
        post.applyMatrix4(_m.compose(_p.set(e0 + (e1 - e0) * f, r.height / 2, -(n0 + (n1 - n0) * f)), _q, _s))
        parts.push(paint(post, r.color))
      }
    }
  }
  return mergeParts(parts)
}
