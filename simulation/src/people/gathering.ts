/**
 * Gathering detection (人员聚集): the 2023 national guide asks platforms to flag people gathering
 * in hazardous and production areas — within a 15 m radius for more than a minute.
 *
 * What counts as a gathering here: at least `minPeople` (default 3) people within `radius_m`
 * (15 m) of one of them — a density-based cluster (DBSCAN with eps = 15 m, minPts = N): a person
 * with N − 1 others within 15 m is a core; cores within 15 m of each other and the people around
 * them form one group. N = 3 because the guide's "聚集" is about more people than a job needs in
 * a hazardous area; two people working together (a permit-to-work pair, a fitter and a watcher)
 * is normal practice, three is a crowd there. It is an option: sites with larger crews per task
 * set it per deployment.
 *
 * Only people inside a zone of an eligible kind (production, hazardous, working face by default)
 * are clustered: a crowd in the canteen is not a gathering in a hazardous area.
 *
 * Time: a group is followed from tick to tick by shared members, so it keeps its start time while
 * people join and leave; it raises `people.gathering` once it has existed for `minDuration_s`
 * (60 s), and `people.gathering.cleared` once it has been gone for `clearAfter_s` (5 s, so
 * one tick of positioning noise splitting the group does not restart the minute).
 */
import type { ZoneEngine, ZoneEntry } from './zones'
import type { PersonPosition, ZoneKind } from './types'

export interface GatheringOptions {
  radius_m?: number
  minPeople?: number
  minDuration_s?: number
  clearAfter_s?: number
  zoneKinds?: readonly ZoneKind[]
}

export interface GatheringStarted {
  type: 'people.gathering'
  gatheringId: string
  zoneId: string
  zoneKind: ZoneKind
  count: number
  members: string[]
  centre: { e: number; n: number }
  since: number
  duration_s: number
}
export interface GatheringCleared {
  type: 'people.gathering.cleared'
  gatheringId: string
  zoneId: string
  duration_s: number
}
export type GatheringEvent = GatheringStarted | GatheringCleared

/** A group being followed (alarmed or not yet). */
export interface Gathering {
  id: string
  since: number
  lastSeen: number
  alarmed: boolean
  members: string[]
  centre: { e: number; n: number }
  zoneId: string
  zoneKind: ZoneKind
}

interface Cluster {
  members: string[]
  e: number
  n: number
  zone: ZoneEntry
}

export class GatheringDetector {
  readonly radius_m: number
  readonly minPeople: number
  readonly minDuration_ms: number
  readonly clearAfter_ms: number
  private readonly kinds: ReadonlySet<ZoneKind>
  private tracks: Gathering[] = []
  private seq = 0
  // Reused per tick.
  private grid = new Map<number, number[]>()
  private xs = new Float64Array(256)
  private ys = new Float64Array(256)

  constructor(opts: GatheringOptions = {}) {
    this.radius_m = opts.radius_m ?? 15
    this.minPeople = opts.minPeople ?? 3
    this.minDuration_ms = (opts.minDuration_s ?? 60) * 1000
    this.clearAfter_ms = (opts.clearAfter_s ?? 5) * 1000
    this.kinds = new Set(opts.zoneKinds ?? ['production', 'hazardous', 'working_face'])
  }

  /** Groups being followed now, alarmed ones first. */
  active(): Gathering[] {
    return [...this.tracks].sort((a, b) => Number(b.alarmed) - Number(a.alarmed) || a.since - b.since)
  }

  /** One tick. `zones` must already have been updated with the same positions. */
  update(t: number, positions: readonly PersonPosition[], zones: ZoneEngine): GatheringEvent[] {
    const clusters = this.cluster(positions, zones)
    const events: GatheringEvent[] = []
    // Match clusters to followed groups by shared members, largest overlap first.
    const pairs: [number, number, number][] = []
    if (this.tracks.length && clusters.length) {
      const owner = new Map<string, number>()
      this.tracks.forEach((g, gi) => g.members.forEach((m) => owner.set(m, gi)))
      clusters.forEach((c, ci) => {
        const shared = new Map<number, number>()
        for (const m of c.members) {
          const gi = owner.get(m)
          if (gi !== undefined) shared.set(gi, (shared.get(gi) ?? 0) + 1)
        }
        for (const [gi, k] of shared) pairs.push([k, gi, ci])
      })
      pairs.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2])
    }
    const trackUsed = new Uint8Array(this.tracks.length)
    const clusterTrack = new Int32Array(clusters.length).fill(-1)
    for (const [, gi, ci] of pairs) {
      if (trackUsed[gi] || clusterTrack[ci] >= 0) continue
      trackUsed[gi] = 1
      clusterTrack[ci] = gi
    }
    const next: Gathering[] = []
    clusters.forEach((c, ci) => {
      const gi = clusterTrack[ci]
      const g: Gathering =
        gi >= 0
          ? this.tracks[gi]
          : {
              id: `gathering-${++this.seq}`,
              since: t,
              lastSeen: t,
              alarmed: false,
              members: [],
              centre: { e: 0, n: 0 },
              zoneId: c.zone.def.id,
              zoneKind: c.zone.def.kind,
            }
      g.lastSeen = t
      g.members = c.members
      g.centre = { e: c.e, n: c.n }
      if (!g.alarmed) {
        g.zoneId = c.zone.def.id
        g.zoneKind = c.zone.def.kind
      }
      if (!g.alarmed && t - g.since >= this.minDuration_ms) {
        g.alarmed = true
        events.push({
          type: 'people.gathering',
          gatheringId: g.id,
          zoneId: g.zoneId,
          zoneKind: g.zoneKind,
          count: g.members.length,
          members: [...g.members],
          centre: { e: round2(c.e), n: round2(c.n) },
          since: g.since,
          duration_s: (t - g.since) / 1000,
        })
      }
      next.push(g)
    })
    this.tracks.forEach((g, gi) => {
      if (trackUsed[gi]) return
      if (t - g.lastSeen < this.clearAfter_ms) next.push(g)
      else if (g.alarmed)
        events.push({
          type: 'people.gathering.cleared',
          gatheringId: g.id,
          zoneId: g.zoneId,
          duration_s: (g.lastSeen - g.since) / 1000,
        })
    })
    this.tracks = next
    return events
  }

  /** Density clusters among the people in eligible zones. */
  private cluster(positions: readonly PersonPosition[], zones: ZoneEngine): Cluster[] {
    const r = this.radius_m
    const r2 = r * r
    const ids: string[] = []
    const zoneOf: ZoneEntry[] = []
    let n = 0
    for (const p of positions) {
      let zone: ZoneEntry | undefined
      for (const z of zones.zonesOf(p.id)) {
        if (this.kinds.has(z.def.kind)) {
          zone = z
          break
        }
      }
      if (!zone) continue
      if (n >= this.xs.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2)
          b.set(a)
          return b
        }
        this.xs = grow(this.xs)
        this.ys = grow(this.ys)
      }
      this.xs[n] = p.e
      this.ys[n] = p.n
      ids.push(p.id)
      zoneOf.push(zone)
      n++
    }
    if (n < this.minPeople) return []
    const grid = this.grid
    grid.clear()
    const key = (i: number, j: number) => (i + 1048576) * 2097152 + (j + 1048576)
    const ci = new Int32Array(n)
    const cj = new Int32Array(n)
    for (let k = 0; k < n; k++) {
      ci[k] = Math.floor(this.xs[k] / r)
      cj[k] = Math.floor(this.ys[k] / r)
      const kk = key(ci[k], cj[k])
      const cell = grid.get(kk)
      if (cell) cell.push(k)
      else grid.set(kk, [k])
    }
    // Neighbour counts (self included), then union cores with everyone within r.
    const neighbours: number[][] = new Array(n)
    const core = new Uint8Array(n)
    for (let k = 0; k < n; k++) {
      const list: number[] = []
      for (let di = -1; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          const cell = grid.get(key(ci[k] + di, cj[k] + dj))
          if (!cell) continue
          for (const m of cell) {
            const dx = this.xs[m] - this.xs[k]
            const dy = this.ys[m] - this.ys[k]
            if (dx * dx + dy * dy <= r2) list.push(m)
          }
        }
      }
      neighbours[k] = list
      if (list.length >= this.minPeople) core[k] = 1
    }
    const parent = new Int32Array(n)
    for (let k = 0; k < n; k++) parent[k] = k
    const find = (a: number): number => {
      while (parent[a] !== a) {
        parent[a] = parent[parent[a]]
        a = parent[a]
      }
      return a
    }
    const inCluster = new Uint8Array(n)
    for (let k = 0; k < n; k++) {
      if (!core[k]) continue
      inCluster[k] = 1
      for (const m of neighbours[k]) {
        // A border person (not a core) joins the first core cluster that reaches it.
        if (!core[m] && inCluster[m]) continue
        inCluster[m] = 1
        const a = find(k)
        const b = find(m)
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
      }
    }
    const groups = new Map<number, number[]>()
    for (let k = 0; k < n; k++) {
      if (!inCluster[k]) continue
      const root = find(k)
      const g = groups.get(root)
      if (g) g.push(k)
      else groups.set(root, [k])
    }
    const out: Cluster[] = []
    for (const members of groups.values()) {
      let e = 0
      let nn = 0
      const votes = new Map<ZoneEntry, number>()
      for (const k of members) {
        e += this.xs[k]
        nn += this.ys[k]
        votes.set(zoneOf[k], (votes.get(zoneOf[k]) ?? 0) + 1)
      }
      let zone = zoneOf[members[0]]
      let best = 0
      for (const [z, v] of votes) {
        if (v > best) {
          best = v
          zone = z
        }
      }
      out.push({ members: members.map((k) => ids[k]).sort(), e: e / members.length, n: nn / members.length, zone })
    }
    out.sort((a, b) => (a.members[0] < b.members[0] ? -1 : 1))
    return out
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100
}
