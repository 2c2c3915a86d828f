/**
 * Guards for whoever edits the layout by hand: the generator refuses to write a park where a
 * road runs through a building, two footprints overlap, something pokes out of its fence, or
 * the scene does not pass the same validation the server applies at start-up.
 */
import { parseScene } from '@sim/scene/parseScene'
import { inRect, rectsOverlap, segmentCrossesRect, type Rect } from './local'
import { BOUNDARY, PARK_BUILDINGS } from './park'
import { buildingRect, fenceRect, PLANTS, tankRect, unitRect, uv } from './plants'

function inBoundary(r: Rect): boolean {
  // The boundary is convex; a rectangle is inside when all four corners are.
  const corners: [number, number][] = [
    [r.e0, r.n0],
    [r.e1, r.n0],
    [r.e1, r.n1],
    [r.e0, r.n1],
  ]
  return corners.every((p) =>
    BOUNDARY.every((a, i) => {
      const b = BOUNDARY[(i + 1) % BOUNDARY.length]
      return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0
    }),
  )
}

export function checkLayout(scene: unknown, gasDetectors: number): void {
  const problems: string[] = []
  const fences = PLANTS.map((pl) => ({ pl, r: fenceRect(pl) }))
  fences.forEach(({ pl, r }, i) => {
    if (!inBoundary(r)) problems.push(`${pl.id}: fence leaves the park boundary`)
    for (const o of fences.slice(i + 1)) if (rectsOverlap(r, o.r)) problems.push(`${pl.id}: fence overlaps ${o.pl.id}`)
  })
  for (const b of PARK_BUILDINGS) {
    if (!inBoundary(b.rect)) problems.push(`${b.id}: outside the park boundary`)
    for (const f of fences) if (rectsOverlap(b.rect, f.r)) problems.push(`${b.id}: inside ${f.pl.id}'s fence`)
  }
  for (const { pl, r: fence } of fences) {
    const things = [
      ...pl.buildings.map((b) => ({ id: `${pl.code} ${b.key}`, r: buildingRect(pl, b) })),
      ...pl.areas.flatMap((a) => a.units.map((u) => ({ id: `${pl.code} ${u.tag}`, r: unitRect(pl, u) }))),
      ...pl.farms.flatMap((f) => f.tanks.map((t) => ({ id: `${pl.code} ${t.tag}`, r: tankRect(pl, t) }))),
    ]
    things.forEach((t, i) => {
      if (!(inRect(fence, [t.r.e0, t.r.n0]) && inRect(fence, [t.r.e1, t.r.n1])))
        problems.push(`${t.id}: outside the fence`)
      for (const o of things.slice(i + 1)) if (rectsOverlap(t.r, o.r)) problems.push(`${t.id}: overlaps ${o.id}`)
      for (const road of pl.roads)
        for (let k = 1; k < road.length; k++)
          if (segmentCrossesRect(uv(pl, road[k - 1]), uv(pl, road[k]), t.r))
            problems.push(`${t.id}: a plant road runs through it`)
    })
    for (const m of pl.musters) {
      const p = uv(pl, m.at)
      if (!inRect(fence, p)) problems.push(`${pl.code} muster ${m.en}: outside the fence`)
      for (const t of things) if (inRect(t.r, p)) problems.push(`${pl.code} muster ${m.en}: inside ${t.id}`)
    }
  }
  if (gasDetectors < 200) problems.push(`only ${gasDetectors} gas detectors; the brief asks for at least 200`)
  const parsed = parseScene(scene)
  if (!parsed.ok) problems.push(...parsed.errors)
  if (problems.length) throw new Error(`demo park layout is wrong:\n  ${problems.join('\n  ')}`)
}
