import { eigenSym3 } from './linalg'
import type { Vec3 } from './types'

export type GeometryMode = '3d' | '2d'

export interface AnchorGeometry {
  /** '2d' when the anchors cannot resolve height: z then comes from a known or estimated tag height. */
  mode: GeometryMode
  centroid: Vec3
  /** Standard deviation of the anchor heights (m). */
  verticalSpread_m: number
  /** RMS horizontal distance of the anchors from their centroid (m). */
  horizontalSpread_m: number
  /** True when the anchors lie near one line in plan (a roadway): cross-track position is then ambiguous. */
  collinear: boolean
}

/**
 * Decides whether the anchors can observe height. In real rooms and roadways anchors hang at
 * similar heights; a least-squares z is then nearly unobservable and mirror-ambiguous about the
 * anchor plane, and its noise leaks into x/y. We switch to 2D (known tag height) when the
 * vertical spread is under 15 % of the horizontal spread or under 0.3 m.
 */
export function analyseAnchors(anchors: readonly Vec3[]): AnchorGeometry {
  const n = anchors.length
  let cx = 0
  let cy = 0
  let cz = 0
  for (const a of anchors) {
    cx += a.x / n
    cy += a.y / n
    cz += a.z / n
  }
  let sxx = 0
  let sxy = 0
  let syy = 0
  let szz = 0
  for (const a of anchors) {
    const dx = a.x - cx
    const dy = a.y - cy
    const dz = a.z - cz
    sxx += (dx * dx) / n
    sxy += (dx * dy) / n
    syy += (dy * dy) / n
    szz += (dz * dz) / n
  }
  const verticalSpread_m = Math.sqrt(szz)
  const horizontalSpread_m = Math.sqrt(sxx + syy)
  const plan = eigenSym3([sxx, sxy, 0, sxy, syy, 0, 0, 0, 0])
  // Of the two in-plan eigenvalues (the third is the 0 we padded), the smaller measures width across the line.
  const inPlan = plan.values.filter((_, i) => Math.abs(plan.vectors[i][2]) < 0.5)
  const minor = Math.sqrt(Math.max(0, Math.min(...inPlan)))
  const collinear = n < 3 || minor < Math.max(0.05, 0.05 * horizontalSpread_m)
  const mode: GeometryMode = n < 4 || verticalSpread_m < Math.max(0.3, 0.15 * horizontalSpread_m) ? '2d' : '3d'
  return { mode, centroid: { x: cx, y: cy, z: cz }, verticalSpread_m, horizontalSpread_m, collinear }
}
