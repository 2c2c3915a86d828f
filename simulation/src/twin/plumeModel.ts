/**
 * The live cloud over the twin: Gaussian puffs released every `releaseEvery_s` from each active
 * leak, carried by the logged wind, grown by the stability's σ curves (dispersion/puffs.ts). Puffs
 * make the picture honest about time — a leak that began 40 s ago has a 40 s-long cloud — and
 * they bend when the wind turns, which a steady plume cannot.
 *
 * Everything here is a function of the leak/weather events and the step times, so stepping the
 * model along a log gives the same field in live operation, in a drill and in a replay.
 */
import {
  advancePuffs,
  createPuffState,
  prunePuffs,
  puffConcentration,
  puffField,
  releasePuff,
  type PuffState,
} from '../dispersion/puffs'
import { threatZonesFromField, ringArea } from '../dispersion/zones'
import type { GridSpec } from '../dispersion/field'
import { defaultLevelsOfConcern, findSubstance } from '../dispersion/substances/properties'
import type { LeakState, TwinState } from './leakEvents'
import { quantiseField, type PlumeUpdate } from './plumeWire'

export interface PlumeModel {
  grid: GridSpec
  puffs: PuffState
  /** Per leak: mass accumulated since the last puff, kg. */
  pending: Map<string, number>
  /** Leak each puff belongs to (parallel to the puff arrays). */
  owner: string[]
  field: Float32Array
  t: number
  releaseEvery_s: number
  sinceRelease_s: number
}

export interface PlumeZone {
  label: string
  levelMgM3: number
  /** Outer ring, local metres (scene frame), flat [e0,n0,e1,n1…]. */
  ring: Float64Array | null
  maxDistanceM: number
  areaM2: number
}

/** A 5 km square at 20 m around the scene origin by default: the whole park and its neighbours. */
export function createPlumeModel(opts: {
  grid?: GridSpec
  capacity?: number
  releaseEvery_s?: number
  t0: number
}): PlumeModel {
  const grid = opts.grid ?? { originE: -2500, originN: -2500, cellM: 20, nx: 250, ny: 250 }
  return {
    grid,
    puffs: createPuffState(opts.capacity ?? 4000),
    pending: new Map(),
    owner: [],
    field: new Float32Array(grid.nx * grid.ny),
    t: opts.t0,
    releaseEvery_s: opts.releaseEvery_s ?? 2,
    sinceRelease_s: 0,
  }
}

/** Surface roughness of an industrial park: urban σ curves (Briggs urban) suit the obstacles. */
const SIGMA_SET = 'briggs-urban' as const

/**
 * Advance the cloud to time `t` (ms) in steps of at most 1 s, releasing mass from every active
 * leak at its current rate and moving puffs with the state's wind.
 */
export function stepPlume(m: PlumeModel, state: TwinState, t: number): void {
  const w = state.weather
  while (m.t < t) {
    const dt = Math.min(1000, t - m.t)
    const dtS = dt / 1000
    const leaks = Object.values(state.leaks)
    for (const l of leaks) {
      const active = l.startedAt <= m.t && (l.stoppedAt === null || l.stoppedAt > m.t)
      if (active) m.pending.set(l.leakId, (m.pending.get(l.leakId) ?? 0) + l.rate_kg_s * dtS)
    }
    m.sinceRelease_s += dtS
    if (m.sinceRelease_s >= m.releaseEvery_s) {
      m.sinceRelease_s = 0
      for (const l of leaks) release(m, l)
    }
    if (w && m.puffs.count > 0) {
      advancePuffs(
        m.puffs,
        {
          speedMs: Math.max(0.5, w.wind_speed_m_s),
          fromDeg: w.wind_from_deg,
          stabilityIndex: w.stability,
          sigmaSet: SIGMA_SET,
          mixingHeightM: null,
        },
        dtS,
      )
    }
    m.t += dt
  }
  // Puffs beyond 8 km of travel no longer matter to a 5 km picture.
  if (m.puffs.count > 0) {
    const before = m.puffs.count
    const keep: string[] = []
    for (let i = 0; i < before; i++) if (m.puffs.dist[i] <= 8000) keep.push(m.owner[i])
    prunePuffs(m.puffs, 8000)
    m.owner = keep
  }
}

function release(m: PlumeModel, l: LeakState): void {
  const mass = m.pending.get(l.leakId) ?? 0
  if (mass <= 0) return
  m.pending.set(l.leakId, 0)
  if (m.puffs.count === m.puffs.e.length) m.owner.shift()
  releasePuff(m.puffs, mass, l.e, l.n, l.height_m, 1.5, 1.0)
  m.owner.push(l.leakId)
}

/** Ground-level (1.5 m) concentration field, mg/m³, into m.field. */
export function computeField(m: PlumeModel): Float32Array {
  return puffField(m.puffs, m.grid, 1.5, null, m.field)
}

/** Concentration at a point, mg/m³ (for detectors and people). */
export function concentrationAt(m: PlumeModel, e: number, n: number, z = 1.5): number {
  return puffConcentration(m.puffs, e, n, z, null)
}

/** Levels of concern of a substance (AEGL-1/2/3 60 min, or 10 %/60 % LEL for flammables without AEGLs). */
export function levelsFor(substance: string): { label: string; mgM3: number }[] {
  const s = findSubstance(substance)
  return s ? defaultLevelsOfConcern(s) : []
}

/** Threat zones of the current field for one leak's levels of concern. */
export function zonesFor(m: PlumeModel, leak: LeakState, fromDeg: number): PlumeZone[] {
  const levels = levelsFor(leak.substance)
  if (levels.length === 0) return []
  const rad = (fromDeg * Math.PI) / 180
  const downE = -Math.sin(rad)
  const downN = -Math.cos(rad)
  const zs = threatZonesFromField(
    m.field,
    m.grid,
    levels.map((l) => l.mgM3),
    { e: leak.e, n: leak.n },
    downE,
    downN,
  )
  return zs.map((z, i) => ({
    label: levels[i].label,
    levelMgM3: z.levelMgM3,
    ring: z.outer,
    maxDistanceM: z.outer ? z.maxDistanceM : 0,
    areaM2: z.outer ? Math.abs(ringArea(z.outer)) : 0,
  }))
}

/** One zone as screens receive it (ring rounded to 0.1 m). */
export function zoneWire(leakId: string, z: PlumeZone): PlumeUpdate['zones'][number] | null {
  if (!z.ring) return null
  return {
    leakId,
    label: z.label,
    level_mg_m3: z.levelMgM3,
    maxDistance_m: Math.round(z.maxDistanceM),
    ring: Array.from(z.ring, (x) => Math.round(x * 10) / 10),
  }
}

/** The plume picture of the model's current field — one builder for the live twin and the replay. */
export function plumeUpdate(
  m: PlumeModel,
  twin: TwinState,
  zones: PlumeUpdate['zones'],
  meta: { sceneId: string; t: number; drill: boolean },
): PlumeUpdate {
  const w = twin.weather
  return {
    ...meta,
    grid: m.grid,
    field: quantiseField(m.field),
    zones,
    leaks: Object.values(twin.leaks).map((l) => ({
      leakId: l.leakId,
      substance: l.substance,
      e: l.e,
      n: l.n,
      rate_kg_s: l.rate_kg_s,
      startedAt: l.startedAt,
      stoppedAt: l.stoppedAt,
    })),
    wind: w ? { speed_m_s: w.wind_speed_m_s, from_deg: w.wind_from_deg, stability: w.stability } : null,
  }
}
