/**
 * Shared fixtures for the dispatch tests: the demo park, generated grid road networks, simple
 * polygons, and brute-force references written independently of the code under test.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseSceneOrThrow } from '@sim/scene/parseScene'
import type { Scene } from '@sim/scene/sceneSchema'
import { buildGraph, type RoadGraph, type SegmentInput } from '@sim/dispatch/roadGraph'
import { parseResources, type ResourcesFile } from '@sim/dispatch/resources'

const ROOT = resolve(import.meta.dirname, '../../..')

export function demoPark(): Scene {
  return parseSceneOrThrow(JSON.parse(readFileSync(resolve(ROOT, 'scenes/demo-park/scene.json'), 'utf8')), 'demo-park')
}

export function demoResources(scene: Scene): ResourcesFile {
  const r = parseResources(JSON.parse(readFileSync(resolve(ROOT, 'scenes/demo-park/resources.json'), 'utf8')), scene)
  if (!r.ok) throw new Error(r.errors.join('\n'))
  return r.value
}

export const ORIGIN = { lng: 120, lat: 32, alt_m: 0 }

/**
 * A w × h grid of nodes `spacing` m apart (node id = j·w + i). `keep(k)` decides per candidate
 * segment (k counts horizontal then vertical candidates) whether the road exists; speeds cycle
 * through `speeds`; `oneway(k)` makes a segment one-way in its stored direction.
 */
export function gridGraph(
  w: number,
  h: number,
  spacing = 100,
  opts: { keep?: (k: number) => boolean; speed?: (k: number) => number; oneway?: (k: number) => boolean } = {},
): RoadGraph {
  const e: number[] = []
  const n: number[] = []
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) {
      e.push(i * spacing)
      n.push(j * spacing)
    }
  const segments: SegmentInput[] = []
  let k = 0
  for (let j = 0; j < h; j++)
    for (let i = 0; i + 1 < w; i++, k++)
      if (opts.keep?.(k) ?? true)
        segments.push({
          from: j * w + i,
          to: j * w + i + 1,
          speedKmh: opts.speed?.(k) ?? 36,
          oneway: opts.oneway?.(k) ?? false,
        })
  for (let j = 0; j + 1 < h; j++)
    for (let i = 0; i < w; i++, k++)
      if (opts.keep?.(k) ?? true)
        segments.push({
          from: j * w + i,
          to: (j + 1) * w + i,
          speedKmh: opts.speed?.(k) ?? 36,
          oneway: opts.oneway?.(k) ?? false,
        })
  return buildGraph({ origin: ORIGIN, nodeE: e, nodeN: n, segments })
}

/** Axis-aligned rectangle as a flat ring. */
export function rect(e0: number, n0: number, e1: number, n1: number): number[] {
  return [e0, n0, e1, n0, e1, n1, e0, n1]
}

/** Bellman–Ford shortest costs from `src` over an edge cost array (reference for Dijkstra). */
export function bellmanFord(g: RoadGraph, cost: ArrayLike<number>, src: number): Float64Array {
  const d = new Float64Array(g.nodeCount).fill(Infinity)
  d[src] = 0
  for (let it = 0; it < g.nodeCount; it++) {
    let changed = false
    for (let k = 0; k < g.edgeCount; k++) {
      const c = cost[k]
      if (c === Infinity) continue
      const a = g.edgeFrom[k]
      const b = g.edgeTo[k]
      if (d[a] + c < d[b] - 1e-12) {
        d[b] = d[a] + c
        changed = true
      }
    }
    if (!changed) break
  }
  return d
}

/** BFS reachability over edges whose cost is finite. */
export function bfsReach(g: RoadGraph, cost: ArrayLike<number>, src: number): Uint8Array {
  const seen = new Uint8Array(g.nodeCount)
  const queue = [src]
  seen[src] = 1
  while (queue.length) {
    const v = queue.shift()!
    for (let k = 0; k < g.edgeCount; k++)
      if (g.edgeFrom[k] === v && cost[k] !== Infinity && !seen[g.edgeTo[k]]) {
        seen[g.edgeTo[k]] = 1
        queue.push(g.edgeTo[k])
      }
  }
  return seen
}

/** Minimum total over all injective row → column maps (rows ≤ cols), by enumeration. */
export function bruteAssignment(m: readonly (readonly number[])[]): number {
  const rows = m.length
  const cols = m[0]?.length ?? 0
  let best = Infinity
  const used = new Array(cols).fill(false)
  const rec = (r: number, acc: number) => {
    if (acc >= best) return
    if (r === rows) {
      best = acc
      return
    }
    for (let c = 0; c < cols; c++)
      if (!used[c]) {
        used[c] = true
        rec(r + 1, acc + m[r][c])
        used[c] = false
      }
  }
  rec(0, 0)
  return best
}

/** Independent even–odd point-in-polygon on a flat ring. */
export function inRing(r: readonly number[], x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = r.length / 2 - 1; i < r.length / 2; j = i++) {
    const xi = r[2 * i]
    const yi = r[2 * i + 1]
    const xj = r[2 * j]
    const yj = r[2 * j + 1]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Points every `step` m along a polyline. */
export function samplePolyline(pts: readonly (readonly [number, number])[], step = 1): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i]
    const [bx, by] = pts[i + 1]
    const len = Math.hypot(bx - ax, by - ay)
    const k = Math.max(1, Math.ceil(len / step))
    for (let s = 0; s <= k; s++) out.push([ax + ((bx - ax) * s) / k, ay + ((by - ay) * s) / k])
  }
  return out
}
