/**
 * Static scene parts are merged into one geometry per kind of thing (all buildings, all tanks…)
 * with a per-vertex colour, so the whole park costs a handful of draw calls however many
 * buildings a site has. These helpers are pure three.js (no React), and testable in Node.
 *
 * Axis convention everywhere in twin3d/: x = east, y = up, z = −north (metres from the origin).
 */
import { BufferAttribute, Color, type BufferGeometry } from 'three'
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js'

const _color = new Color()

/** Give every vertex of `g` the colour `hex` (sRGB; stored in the renderer's linear space). */
export function paint(g: BufferGeometry, hex: string): BufferGeometry {
  _color.set(hex)
  const n = g.getAttribute('position').count
  const arr = new Float32Array(n * 3)
  for (let i = 0; i < n; i++) {
    arr[3 * i] = _color.r
    arr[3 * i + 1] = _color.g
    arr[3 * i + 2] = _color.b
  }
  g.setAttribute('color', new BufferAttribute(arr, 3))
  return g
}

/**
 * Merge parts into one geometry and free the parts. Indexed and non-indexed parts can be mixed
 * (they are all made non-indexed then). Returns null for an empty list so callers can skip the
 * mesh instead of drawing an empty one.
 */
export function mergeParts(parts: BufferGeometry[]): BufferGeometry | null {
  if (parts.length === 0) return null
  const mixed = parts.some((p) => p.index) && parts.some((p) => !p.index)
  const uniform = mixed ? parts.map((p) => (p.index ? p.toNonIndexed() : p)) : parts
  // Keep only the attributes every part has, or mergeGeometries refuses.
  const names = Object.keys(uniform[0].attributes).filter((k) => uniform.every((p) => p.getAttribute(k)))
  for (const p of uniform) for (const k of Object.keys(p.attributes)) if (!names.includes(k)) p.deleteAttribute(k)
  const merged = mergeGeometries(uniform, false)
  if (!merged) throw new Error('mergeParts: parts have incompatible attributes')
  for (const p of parts) p.dispose()
  if (mixed) for (const p of uniform) p.dispose()
  merged.computeBoundingSphere()
  return merged
}
