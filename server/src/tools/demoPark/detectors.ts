/**
 * Gas detector placement. Detectors go first where leaks start (round each tank, at the corners
 * of each unit), the way GB/T 50493 asks for them near release sources; then each zone is topped
 * up, farthest-point first, until it holds the customer's density (≥ 2 per 1000 m²) with a margin.
 */
import type { Rng } from '@sim/core/rng'
import { area, distToRect, inRect, type Pt, type Rect } from './local'
import { substance, type DetectorKind } from './substances'

/** Detectors per 1000 m² the generator aims for; the customer's floor is 2. */
export const TARGET_DENSITY = 2.5

export type Source =
  | { kind: 'tank'; id: string; c: Pt; r: number; substances: string[] }
  | { kind: 'unit'; id: string; rect: Rect; substances: string[] }

export interface DetectorZone {
  id: string
  rect: Rect
  sources: Source[]
}

export interface PlacedDetector {
  at: Pt
  substance: string
  kind: DetectorKind
}

function channels(s: Source): { substance: string; kind: DetectorKind }[] {
  return s.substances.flatMap((id) => substance(id).detect.map((kind) => ({ substance: id, kind })))
}

function distToSource(s: Source, p: Pt): number {
  return s.kind === 'tank' ? Math.max(0, Math.hypot(p[0] - s.c[0], p[1] - s.c[1]) - s.r) : distToRect(s.rect, p)
}

function aroundSource(s: Source, rng: Rng): Pt[] {
  if (s.kind === 'tank') {
    // About one detector per 12 m of circumference, 2 m outside the shell.
    const k = Math.min(8, Math.max(2, Math.round((Math.PI * 2 * s.r) / 12)))
    const a0 = rng.uniform(0, (2 * Math.PI) / k)
    return Array.from({ length: k }, (_, i) => {
      const a = a0 + (i * 2 * Math.PI) / k
      return [s.c[0] + (s.r + 2) * Math.cos(a), s.c[1] + (s.r + 2) * Math.sin(a)] as Pt
    })
  }
  const { e0, n0, e1, n1 } = s.rect
  const o = 1.5
  const pts: Pt[] = [
    [e0 - o, n0 - o],
    [e1 + o, n0 - o],
    [e1 + o, n1 + o],
    [e0 - o, n1 + o],
  ]
  // Long sides also get a detector half way: 30 m is where corner coverage stops overlapping.
  if (e1 - e0 > 30) pts.push([(e0 + e1) / 2, n0 - o], [(e0 + e1) / 2, n1 + o])
  if (n1 - n0 > 30) pts.push([e0 - o, (n0 + n1) / 2], [e1 + o, (n0 + n1) / 2])
  return pts
}

/**
 * Place detectors for all zones. Sources are seeded once (the first zone that holds them), top-up
 * is per zone, so overlapping zones (a restricted area inside a production area) share detectors.
 */
export function placeDetectors(zones: readonly DetectorZone[], rng: Rng): PlacedDetector[] {
  const out: PlacedDetector[] = []
  const seeded = new Set<string>()
  const turn = new Map<string, number>()
  const next = (s: Source, at: Pt) => {
    const ch = channels(s)
    const i = turn.get(s.id) ?? 0
    turn.set(s.id, i + 1)
    out.push({ at, ...ch[i % ch.length] })
  }
  for (const z of zones) {
    const zr = rng.fork(z.id)
    for (const s of z.sources) {
      if (seeded.has(s.id)) continue
      seeded.add(s.id)
      for (const p of aroundSource(s, zr)) next(s, p)
    }
    const need = Math.ceil((area(z.rect) * TARGET_DENSITY) / 1000) - out.filter((d) => inRect(z.rect, d.at)).length
    if (need <= 0 || z.sources.length === 0) continue
    const cand = candidates(z, zr)
    for (let k = 0; k < need; k++) {
      let best = -1
      let bestD = -1
      cand.forEach((p, i) => {
        let d = Infinity
        for (const q of out) d = Math.min(d, Math.hypot(p[0] - q.at[0], p[1] - q.at[1]))
        if (d > bestD) [best, bestD] = [i, d]
      })
      const p = cand.splice(best, 1)[0]
      const nearest = z.sources.reduce((a, b) => (distToSource(b, p) < distToSource(a, p) ? b : a))
      next(nearest, p)
    }
  }
  return out
}

/** A jittered 4 m grid inside the zone, away from tank shells and off unit footprints. */
function candidates(z: DetectorZone, rng: Rng): Pt[] {
  const pts: Pt[] = []
  const { e0, n0, e1, n1 } = z.rect
  for (let e = e0 + 2; e <= e1 - 2; e += 4)
    for (let n = n0 + 2; n <= n1 - 2; n += 4) {
      const p: Pt = [e + rng.uniform(-0.8, 0.8), n + rng.uniform(-0.8, 0.8)]
      if (z.sources.every((s) => distToSource(s, p) > 1)) pts.push(p)
    }
  return pts
}
