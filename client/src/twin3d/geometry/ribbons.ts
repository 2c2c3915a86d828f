/**
 * Polylines → flat ribbons on the ground (roads) and vertical ribbons (fences). Segments are
 * quads; road joints get a small disc so bends and junctions have no notches.
 */
import { BufferAttribute, BufferGeometry, Color } from 'three'

export interface Polyline {
  /** Flat local [e0,n0,e1,n1,…]. */
  path: ArrayLike<number>
  width: number
  color: string
}

const JOINT_SEGMENTS = 10
const _c = new Color()

function countRibbon(lines: readonly Polyline[]): number {
  let tris = 0
  for (const l of lines) {
    const k = l.path.length / 2
    tris += Math.max(0, k - 1) * 2 + k * JOINT_SEGMENTS
  }
  return tris
}

/** Ground ribbons at height y (facing up). */
export function groundRibbons(lines: readonly Polyline[], y: number): BufferGeometry | null {
  const tris = countRibbon(lines)
  if (tris === 0) return null
  const pos = new Float32Array(tris * 9)
  const col = new Float32Array(tris * 9)
  let v = 0
  const push = (e: number, n: number) => {
    pos[3 * v] = e
    pos[3 * v + 1] = y
    pos[3 * v + 2] = -n
    col[3 * v] = _c.r
    col[3 * v + 1] = _c.g
    col[3 * v + 2] = _c.b
    v++
  }
  for (const l of lines) {
    _c.set(l.color)
    const h = l.width / 2
    const p = l.path
    for (let i = 0; i + 3 < p.length; i += 2) {
      const dx = p[i + 2] - p[i]
      const dy = p[i + 3] - p[i + 1]
      const len = Math.hypot(dx, dy) || 1
      // Left-hand normal in (e, n); winding chosen so the quad faces +y after n → −z.
      const ox = (-dy / len) * h
      const oy = (dx / len) * h
      const ax = p[i] + ox,
        ay = p[i + 1] + oy
      const bx = p[i] - ox,
        by = p[i + 1] - oy
      const cx = p[i + 2] - ox,
        cy = p[i + 3] - oy
      const dx2 = p[i + 2] + ox,
        dy2 = p[i + 3] + oy
      push(bx, by)
      push(cx, cy)
      push(ax, ay)
      push(ax, ay)
      push(cx, cy)
      push(dx2, dy2)
    }
    for (let i = 0; i + 1 < p.length; i += 2) {
      for (let s = 0; s < JOINT_SEGMENTS; s++) {
        const a0 = (s / JOINT_SEGMENTS) * Math.PI * 2
        const a1 = ((s + 1) / JOINT_SEGMENTS) * Math.PI * 2
        push(p[i], p[i + 1])
        push(p[i] + Math.cos(a0) * h, p[i + 1] + Math.sin(a0) * h)
        push(p[i] + Math.cos(a1) * h, p[i + 1] + Math.sin(a1) * h)
      }
    }
  }
  const g = new BufferGeometry()
  g.setAttribute('position', new BufferAttribute(pos, 3))
  g.setAttribute('color', new BufferAttribute(col, 3))
  g.computeVertexNormals()
  g.computeBoundingSphere()
  return g
}

export interface Wall {
  /** Closed ring or open path, flat local [e0,n0,…]. */
  path: ArrayLike<number>
  height: number
  closed: boolean
  color: string
}

/** Vertical ribbons (fences), to be drawn double-sided. */
export function walls(items: readonly Wall[]): BufferGeometry | null {
  let quads = 0
  for (const w of items) quads += w.path.length / 2 - 1 + (w.closed ? 1 : 0)
  if (quads <= 0) return null
  const pos = new Float32Array(quads * 18)
  const col = new Float32Array(quads * 18)
  let v = 0
  const push = (e: number, u: number, n: number) => {
    pos[3 * v] = e
    pos[3 * v + 1] = u
    pos[3 * v + 2] = -n
    col[3 * v] = _c.r
    col[3 * v + 1] = _c.g
    col[3 * v + 2] = _c.b
    v++
  }
  for (const w of items) {
    _c.set(w.color)
    const p = w.path
    const k = p.length / 2
    const segs = k - 1 + (w.closed ? 1 : 0)
    for (let s = 0; s < segs; s++) {
      const i = 2 * s
      const j = 2 * ((s + 1) % k)
      push(p[i], 0, p[i + 1])
      push(p[j], 0, p[j + 1])
      push(p[j], w.height, p[j + 1])
      push(p[i], 0, p[i + 1])
      push(p[j], w.height, p[j + 1])
      push(p[i], w.height, p[i + 1])
    }
  }
  const g = new BufferGeometry()
  g.setAttribute('position', new BufferAttribute(pos.subarray(0, v * 3), 3))
  g.setAttribute('color', new BufferAttribute(col.subarray(0, v * 3), 3))
  g.computeVertexNormals()
  g.computeBoundingSphere()
  return g
}
