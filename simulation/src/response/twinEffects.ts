/**
 * Actions act on the twin. `applyTwinEffects` folds `action.executed` events into valve, unit and
 * water-curtain states (starting from the scene's own states), and `effectiveRelease` tells the
 * dispersion host what a leak still emits given those states.
 *
 * Release model after isolation (deliberately simple, see docs/response.md "Isolation"):
 * the leak is on the source's connecting pipework; once every isolation/ESD valve around the
 * source is closed, only the trapped segment inventory (`holdupKg`) can still escape. The rate then
 * falls linearly from the rate at closure r0 to zero over τ = 2·holdupKg / r0, so the mass released
 * after closure is exactly the hold-up, and the release stops at closure + τ. Re-opening any of the
 * valves restores the uncontrolled rate.
 */
// The pattern that keeps Node's 'events' module out of the kernel also matches our events/ folder.

import type { EventMeta } from '../events/envelope'
import type { Scene } from '../scene/sceneSchema'
import type { ActionExecuted } from './bodies'

export interface ValveTwin {
  state: 'open' | 'closed'
  changedAt: number | null
  by: string | null
}

export interface UnitTwin {
  state: 'running' | 'standby' | 'shutdown'
  changedAt: number | null
  by: string | null
}

/**
 * Equipment states as the response's actions left them. (Leaks and weather are the twin's own fold,
 * `TwinState` in simulation/src/twin/leakEvents.ts; the two are separate so each stays small.)
 */
export interface PlantState {
  valves: Record<string, ValveTwin>
  units: Record<string, UnitTwin>
  /** Water curtains running, by the equipment id they shield. */
  curtains: Record<string, { since: number; by: string }>
}

export function initialPlantState(scene: Pick<Scene, 'valves' | 'units'>): PlantState {
  const valves: Record<string, ValveTwin> = {}
  for (const v of scene.valves) valves[v.id] = { state: v.state, changedAt: null, by: null }
  const units: Record<string, UnitTwin> = {}
  for (const u of scene.units) units[u.id] = { state: u.state, changedAt: null, by: null }
  return { valves, units, curtains: {} }
}

/** Fold one event into the twin; anything but action.executed returns the same object. */
export function applyTwinEffects(
  twin: PlantState,
  event: (EventMeta & { type: string }) | { type: string },
): PlantState {
  if (event.type !== 'action.executed') return twin
  const e = event as ActionExecuted
  switch (e.action) {
    case 'close_isolation_valves':
    case 'open_valves': {
      const state = e.action === 'close_isolation_valves' ? 'closed' : 'open'
      const valves = { ...twin.valves }
      for (const id of e.targetIds) {
        const v = valves[id]
        // Unknown ids are ignored: the twin only models the scene's valves.
        if (v && v.state !== state) valves[id] = { state, changedAt: e.at, by: e.by }
      }
      return { ...twin, valves }
    }
    case 'shutdown_unit':
    case 'start_unit': {
      const state = e.action === 'shutdown_unit' ? 'shutdown' : 'running'
      const units = { ...twin.units }
      for (const id of e.targetIds) {
        const u = units[id]
        if (u && u.state !== state) units[id] = { state, changedAt: e.at, by: e.by }
      }
      return { ...twin, units }
    }
    case 'start_water_curtain': {
      const curtains = { ...twin.curtains }
      for (const id of e.targetIds) curtains[id] = curtains[id] ?? { since: e.at, by: e.by }
      return { ...twin, curtains }
    }
    case 'stop_water_curtain': {
      const curtains = { ...twin.curtains }
      for (const id of e.targetIds) delete curtains[id]
      return { ...twin, curtains }
    }
  }
}

/** Valves (isolation and ESD, not relief) that cut the equipment off when closed, sorted by id. */
export function isolationValvesOf(scene: Pick<Scene, 'valves'>, equipmentId: string): string[] {
  return scene.valves
    .filter((v) => v.kind !== 'relief' && v.isolates.includes(equipmentId))
    .map((v) => v.id)
    .sort()
}

export interface Leak {
  /** Tank, unit or pipe rack the leak is on. */
  sourceId: string
  /** Uncontrolled release rate (kg/s), e.g. the source model's rate. */
  rateKgS: number
  /** Inventory trapped between the closed valves and the hole (kg): what can still escape once isolated. */
  holdupKg: number
  /** Valves around the source; all must be closed for it to count as isolated (`isolationValvesOf`). */
  valveIds: string[]
}

/** A leak on `sourceId` with the scene's isolation valves; holdup defaults to a pipe segment's worth. */
export function leakAt(
  scene: Pick<Scene, 'valves'>,
  sourceId: string,
  rateKgS: number,
  holdupKg = DEFAULT_HOLDUP_KG,
): Leak {
  return { sourceId, rateKgS, holdupKg, valveIds: isolationValvesOf(scene, sourceId) }
}

/**
 * Default trapped inventory: ~30 m of DN80 liquefied-gas line (≈ 0.15 m³ at ~1 400 kg/m³ for
 * liquid chlorine ≈ 210 kg) rounded down; a site should set its own per line.
 */
export const DEFAULT_HOLDUP_KG = 200

export interface EffectiveRelease {
  rateKgS: number
  isolated: boolean
  /** When the last valve of the isolation closed (null while any is open). */
  isolatedAt: number | null
  /** When the release ends (null while not isolated). */
  stopsAt: number | null
  /** Mass released after isolation up to t (kg). */
  releasedSinceIsolationKg: number
}

/** The rate (kg/s) the leak emits at simulated time t (ms) given the twin's valve states. */
export function effectiveRelease(leak: Leak, twin: PlantState, t: number): EffectiveRelease {
  const r0 = Math.max(0, leak.rateKgS)
  const open = { rateKgS: r0, isolated: false, isolatedAt: null, stopsAt: null, releasedSinceIsolationKg: 0 }
  if (leak.valveIds.length === 0) return open
  let tc = -Infinity
  for (const id of leak.valveIds) {
    const v = twin.valves[id]
    if (!v || v.state !== 'closed') return open
    tc = Math.max(tc, v.changedAt ?? -Infinity)
  }
  // Closed since before the twin's history (the scene's initial state): nothing to release.
  if (!Number.isFinite(tc) || r0 === 0 || leak.holdupKg <= 0)
    return {
      rateKgS: 0,
      isolated: true,
      isolatedAt: Number.isFinite(tc) ? tc : null,
      stopsAt: Number.isFinite(tc) ? tc : null,
      releasedSinceIsolationKg: 0,
    }
  const tauMs = ((2 * leak.holdupKg) / r0) * 1000
  const stopsAt = tc + tauMs
  if (t < tc) return { ...open, isolatedAt: tc, stopsAt }
  const dt = Math.min(t - tc, tauMs)
  const frac = dt / tauMs
  const rate = t >= stopsAt ? 0 : r0 * (1 - frac)
  // ∫ r0(1 − s/τ) ds from 0 to dt = r0·dt·(1 − dt/2τ)
  const released = r0 * (dt / 1000) * (1 - frac / 2)
  return { rateKgS: rate, isolated: true, isolatedAt: tc, stopsAt, releasedSinceIsolationKg: released }
}
