/**
 * The road network, authored as a few long polylines in local metres and then "noded": every
 * line is split wherever another line starts, ends or shares a vertex, so that consumers can
 * build a routing graph just by snapping identical end points. A crossing that is not a shared
 * vertex would silently be an overpass; the generator refuses to write one.
 */
import type { Pt } from './local'

export type RoadClass = 'arterial' | 'local' | 'access' | 'external'

export interface RoadDef {
  id: string
  zh: string
  en: string
  cls: RoadClass
  speed: number
  pts: Pt[]
}

const key = (p: Pt) => `${p[0]},${p[1]}`
const same = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1]

/** p strictly inside segment a–b (exact arithmetic: the authored coordinates are whole metres). */
function onSegmentInterior(p: Pt, a: Pt, b: Pt): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
  if (cross !== 0) return false
  const dot = (p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])
  const len2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2
  return dot > 0 && dot < len2
}

export function nodeRoads(defs: readonly RoadDef[]): RoadDef[] {
  // 1. Where a line ends on another line's segment, give that line a vertex there.
  const lines = defs.map((d) => ({ ...d, pts: [...d.pts] }))
  const ends = lines.flatMap((l) => [l.pts[0], l.pts[l.pts.length - 1]])
  for (const l of lines) {
    const out: Pt[] = [l.pts[0]]
    for (let i = 1; i < l.pts.length; i++) {
      const a = l.pts[i - 1]
      const b = l.pts[i]
      const inner = ends.filter((p) => onSegmentInterior(p, a, b))
      const along = (p: Pt) => Math.hypot(p[0] - a[0], p[1] - a[1])
      const uniq = [...new Map(inner.map((p) => [key(p), p])).values()].sort((x, y) => along(x) - along(y))
      out.push(...uniq, b)
    }
    l.pts = out
  }
  // 2. Split each line at every vertex that another line also uses.
  const users = new Map<string, Set<string>>()
  for (const l of lines) for (const p of l.pts) users.set(key(p), (users.get(key(p)) ?? new Set()).add(l.id))
  const pieces: RoadDef[] = []
  for (const l of lines) {
    const parts: Pt[][] = [[l.pts[0]]]
    l.pts.slice(1).forEach((p, i) => {
      parts[parts.length - 1].push(p)
      const interior = i + 1 < l.pts.length - 1
      if (interior && (users.get(key(p))?.size ?? 0) > 1) parts.push([p])
    })
    parts.forEach((pts, i) => pieces.push({ ...l, id: parts.length > 1 ? `${l.id}-${i + 1}` : l.id, pts }))
  }
  assertNoHiddenCrossings(pieces)
  return pieces
}

function orient(a: Pt, b: Pt, c: Pt): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))
}

/** Two pieces may only meet at end points they both have. */
function assertNoHiddenCrossings(pieces: readonly RoadDef[]): void {
  for (let i = 0; i < pieces.length; i++)
    for (let j = i + 1; j < pieces.length; j++) {
      const A = pieces[i]
      const B = pieces[j]
      const endsA = [A.pts[0], A.pts[A.pts.length - 1]]
      const endsB = [B.pts[0], B.pts[B.pts.length - 1]]
      for (let s = 1; s < A.pts.length; s++)
        for (let t = 1; t < B.pts.length; t++) {
          const a = A.pts[s - 1],
            b = A.pts[s],
            c = B.pts[t - 1],
            d = B.pts[t]
          const proper = orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0
          if (proper) throw new Error(`roads ${A.id} and ${B.id} cross without a junction`)
          for (const p of [a, b])
            if (onSegmentInterior(p, c, d)) throw new Error(`road ${A.id} touches ${B.id} mid-segment`)
          for (const p of [c, d])
            if (onSegmentInterior(p, a, b)) throw new Error(`road ${B.id} touches ${A.id} mid-segment`)
          for (const p of [a, b])
            if ((same(p, c) || same(p, d)) && !(endsA.some((e) => same(e, p)) && endsB.some((e) => same(e, p))))
              throw new Error(`roads ${A.id} and ${B.id} share a vertex that is not a junction`)
        }
    }
}
