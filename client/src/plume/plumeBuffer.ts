/**
 * The plume picture on screen: a mutable buffer the socket bridge overwrites in place every 2 s
 * (live) or per replay step, and the 3D layer reads in useFrame when `version` moved — the same
 * pattern as the telemetry buffer. Only `active` (is there a cloud at all) reaches React, through
 * the store, because it changes once per incident.
 */
import type { GridSpec } from '@sim/dispersion/field'
import { defaultLevelsOfConcern, findSubstance } from '@sim/dispersion/substances/properties'
import type { PlumeUpdate, PlumeZoneWire } from '@sim/twin/plumeWire'

export interface PlumeLevel {
  label: string
  mgM3: number
}

export interface PlumeBuffer {
  version: number
  active: boolean
  t: number
  drill: boolean
  grid: GridSpec
  /** Quantised field (copied, so the socket's buffer can be reused). Reallocated only when the grid size changes. */
  field: Uint8Array
  zones: PlumeZoneWire[]
  leaks: PlumeUpdate['leaks']
  wind: PlumeUpdate['wind']
  /** Levels of concern of the (first) leaking substance, ascending. */
  levels: PlumeLevel[]
  substance: string | null
  /** performance.now() of the last update (live staleness check). */
  receivedAt: number
}

export function createPlumeBuffer(): PlumeBuffer {
  return {
    version: 0,
    active: false,
    t: NaN,
    drill: false,
    grid: { originE: 0, originN: 0, cellM: 1, nx: 0, ny: 0 },
    field: new Uint8Array(0),
    zones: [],
    leaks: [],
    wind: null,
    levels: [],
    substance: null,
    receivedAt: 0,
  }
}

/** Levels of concern for a substance id (AEGL-1/2/3 60 min, or %LEL for flammables). */
export function levelsOfSubstance(substance: string): PlumeLevel[] {
  const s = findSubstance(substance)
  return s ? defaultLevelsOfConcern(s).map((l) => ({ label: l.label, mgM3: l.mgM3 })) : []
}

/**
 * Index of a zone's level among the substance levels (0 = lowest), by its label, else by value.
 * Drives the outline colour (yellow / orange / red).
 */
export function zoneLevelIndex(
  zone: Pick<PlumeZoneWire, 'label' | 'level_mg_m3'>,
  levels: readonly PlumeLevel[],
): number {
  const byLabel = levels.findIndex((l) => l.label === zone.label)
  if (byLabel >= 0) return byLabel
  let best = 0
  for (let i = 0; i < levels.length; i++) if (levels[i].mgM3 <= zone.level_mg_m3 * 1.0001) best = i
  return best
}

/** Copy an update into the buffer. Returns true when the cloud appeared (active went false → true). */
export function applyPlumeUpdate(buf: PlumeBuffer, u: PlumeUpdate, now = performance.now()): boolean {
  const wasActive = buf.active
  const field = u.field instanceof Uint8Array ? u.field : new Uint8Array(u.field as ArrayBuffer)
  if (buf.field.length !== field.length) buf.field = new Uint8Array(field.length)
  buf.field.set(field)
  buf.grid = u.grid
  buf.t = u.t
  buf.drill = u.drill
  buf.zones = u.zones
  buf.leaks = u.leaks
  buf.wind = u.wind
  const substance = u.leaks.find((l) => l.stoppedAt === null)?.substance ?? u.leaks[0]?.substance ?? null
  if (substance !== buf.substance) {
    buf.substance = substance
    buf.levels = substance ? levelsOfSubstance(substance) : []
  }
  buf.receivedAt = now
  buf.active = u.leaks.length > 0 || u.zones.length > 0
  buf.version++
  return buf.active && !wasActive
}

/** No cloud (a replay seek before the leak, or the live cloud gone). */
export function clearPlume(buf: PlumeBuffer): void {
  if (!buf.active) return
  buf.active = false
  buf.zones = []
  buf.leaks = []
  buf.version++
}
