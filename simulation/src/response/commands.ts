/**
 * What people (and the host) ask for, checked against the state before anything is logged.
 * Each command returns the bodies to append, or a refusal the host can show as is. The host then
 * appends the bodies and runs `decide` on each, exactly as for the machine's own output.
 */
import type { Scene } from '../scene/sceneSchema'
import {
  findPlan,
  tierRank,
  ACTIONS,
  type ActionKind,
  type IncidentLevel,
  type IncidentType,
  type PlanSet,
  type Tier,
} from './planSchema'
import type { IncidentOpened, ResponseBody, TimerFired } from './bodies'
import type { ResponseState } from './state'
import { incidentTitle, nextIncidentId, requiredTier } from './machine'
import { responseIndex } from './sceneIndex'

export type CommandResult =
  | { ok: true; bodies: ResponseBody[] }
  | { ok: false; code: 'not_found' | 'forbidden' | 'conflict' | 'invalid'; error: string }

const refuse = (code: 'not_found' | 'forbidden' | 'conflict' | 'invalid', error: string): CommandResult => ({
  ok: false,
  code,
  error,
})

/**
 * The body to append when a pending timer is due, or null when it is no longer pending (fired or
 * cancelled meanwhile). `at` is the time of appending; after a restart it may be later than dueAt.
 */
export function timerFired(state: ResponseState, timerId: string, at: number): TimerFired | null {
  const t = state.timers[timerId]
  if (!t) return null
  return {
    type: 'timer.fired',
    timerId,
    incidentId: t.incidentId,
    stepId: t.stepId,
    purpose: t.purpose,
    at: Math.max(at, t.dueAt),
    by: 'system:timer',
    dueAt: t.dueAt,
  }
}

export interface OpenIncidentCommand {
  by: string
  at: number
  incidentType: IncidentType
  level: IncidentLevel
  enterpriseId: string | null
  sourceId?: string | null
  substance?: string | null
  origin?: 'operator' | 'drill'
}

export function openIncidentCommand(
  state: ResponseState,
  plans: PlanSet,
  scene: Scene,
  c: OpenIncidentCommand,
): CommandResult {
  const plan = findPlan(plans, c.incidentType, c.level)
  if (!plan) return refuse('invalid', `no plan for ${c.incidentType} level ${c.level}`)
  const idx = responseIndex(scene)
  if (c.enterpriseId !== null && !idx.enterpriseNames.has(c.enterpriseId))
    return refuse('not_found', `no enterprise "${c.enterpriseId}"`)
  const source = c.sourceId ? idx.equipment.get(c.sourceId) : null
  if (c.sourceId && !source) return refuse('not_found', `no tank, unit or pipe rack "${c.sourceId}"`)
  const info = plans.levels[String(c.level) as '1' | '2' | '3']
  const body: IncidentOpened = {
    type: 'incident.opened',
    incidentId: nextIncidentId(state),
    at: c.at,
    by: c.by,
    origin: c.origin ?? 'operator',
    incidentType: c.incidentType,
    level: c.level,
    grade: info.grade,
    colour: info.colour,
    planId: plan.id,
    enterpriseId: c.enterpriseId,
    sourceId: source?.id ?? null,
    sourceKind: source?.kind ?? null,
    substance: c.substance ?? source?.substances[0] ?? null,
    alarmId: null,
    deviceId: null,
    alarmAt: null,
    severity: null,
    title: incidentTitle(
      c.incidentType,
      c.enterpriseId ? (idx.enterpriseNames.get(c.enterpriseId) ?? null) : null,
      source ?? null,
    ),
  }
  return { ok: true, bodies: [body] }
}

export interface StepCommand {
  incidentId: string
  stepId: string
  by: string
  /** The acting person's role (from the host's authentication). */
  role: string
  at: number
  note?: string | null
}

function stepFor(state: ResponseState, plans: PlanSet, c: StepCommand) {
  const inc = state.incidents[c.incidentId]
  if (!inc) return refuse('not_found', `no incident "${c.incidentId}"`)
  if (inc.status !== 'open') return refuse('conflict', `incident ${inc.id} is closed`)
  const st = inc.steps[c.stepId]
  if (!st) return refuse('not_found', `incident ${inc.id} has no started step "${c.stepId}"`)
  if (st.status === 'stood_down') return refuse('conflict', `step ${st.id} was stood down`)
  const role = plans.roles.find((r) => r.id === c.role)
  if (!role) return refuse('forbidden', `unknown role "${c.role}"`)
  // The responsible role, or a commander of the same tier covering for it.
  const allowed =
    st.role === null ? role.tier === st.tier : role.id === st.role || (role.commander && role.tier === st.tier)
  if (!allowed) return refuse('forbidden', `role ${c.role} may not act on step ${st.id} (${st.role ?? st.tier})`)
  return { inc, st }
}

export function acknowledgeStep(state: ResponseState, plans: PlanSet, c: StepCommand): CommandResult {
  const r = stepFor(state, plans, c)
  if ('ok' in r) return r
  if (r.st.ackAt !== null || r.st.completedAt !== null)
    return refuse('conflict', `step ${r.st.id} is already acknowledged`)
  return {
    ok: true,
    bodies: [
      { type: 'step.acknowledged', incidentId: c.incidentId, stepId: c.stepId, at: c.at, by: c.by, role: c.role },
    ],
  }
}

export function completeStep(state: ResponseState, plans: PlanSet, c: StepCommand): CommandResult {
  const r = stepFor(state, plans, c)
  if ('ok' in r) return r
  if (r.st.completedAt !== null) return refuse('conflict', `step ${r.st.id} is already completed`)
  return {
    ok: true,
    bodies: [
      {
        type: 'step.completed',
        incidentId: c.incidentId,
        stepId: c.stepId,
        at: c.at,
        by: c.by,
        role: c.role,
        note: c.note ?? null,
      },
    ],
  }
}

export interface TierCommand {
  incidentId: string
  tier: Tier
  by: string
  at: number
  reason: string
  /** Stand down even though a standing escalation condition (plume, level) still asks for a higher tier. */
  force?: boolean
}

/** Raise the incident to a tier, or stand it down to one (de-escalation). */
export function setTier(state: ResponseState, plans: PlanSet, c: TierCommand): CommandResult {
  const inc = state.incidents[c.incidentId]
  if (!inc) return refuse('not_found', `no incident "${c.incidentId}"`)
  if (inc.status !== 'open') return refuse('conflict', `incident ${inc.id} is closed`)
  if (c.tier === inc.tier) return refuse('conflict', `incident ${inc.id} is already at the ${c.tier} tier`)
  const up = tierRank(c.tier) > tierRank(inc.tier)
  if (!up && !c.force) {
    const need = requiredTier(plans, inc)
    if (tierRank(need.tier) > tierRank(c.tier))
      return refuse(
        'conflict',
        `cannot stand down to ${c.tier}: ${need.why} still requires the ${need.tier} tier (force to override)`,
      )
  }
  return {
    ok: true,
    bodies: [
      {
        type: 'incident.tier_activated',
        incidentId: inc.id,
        at: c.at,
        by: c.by,
        tier: c.tier,
        from: inc.tier,
        direction: up ? 'up' : 'down',
        reason: up ? 'operator' : 'stand_down',
        detail: c.reason,
      },
    ],
  }
}

export function changeLevel(
  state: ResponseState,
  plans: PlanSet,
  c: { incidentId: string; level: IncidentLevel; by: string; at: number; reason: string },
): CommandResult {
  const inc = state.incidents[c.incidentId]
  if (!inc) return refuse('not_found', `no incident "${c.incidentId}"`)
  if (inc.status !== 'open') return refuse('conflict', `incident ${inc.id} is closed`)
  if (inc.level === c.level) return refuse('conflict', `incident ${inc.id} is already level ${c.level}`)
  const plan = findPlan(plans, inc.incidentType, c.level)
  if (!plan) return refuse('invalid', `no plan for ${inc.incidentType} level ${c.level}`)
  const info = plans.levels[String(c.level) as '1' | '2' | '3']
  return {
    ok: true,
    bodies: [
      {
        type: 'incident.level_changed',
        incidentId: inc.id,
        at: c.at,
        by: c.by,
        from: inc.level,
        to: c.level,
        grade: info.grade,
        colour: info.colour,
        planId: plan.id,
        reason: c.reason,
      },
    ],
  }
}

/** A person's own action on the twin (a valve closed by hand, a unit restarted), logged like the rules'. */
export function recordAction(
  state: ResponseState,
  scene: Scene,
  c: { incidentId: string | null; action: ActionKind; targetIds: string[]; by: string; at: number },
): CommandResult {
  if (!ACTIONS.includes(c.action)) return refuse('invalid', `unknown action "${c.action}"`)
  if (c.incidentId !== null && !state.incidents[c.incidentId])
    return refuse('not_found', `no incident "${c.incidentId}"`)
  const isValve = c.action === 'close_isolation_valves' || c.action === 'open_valves'
  const isUnit = c.action === 'shutdown_unit' || c.action === 'start_unit'
  for (const id of c.targetIds) {
    const ok = isValve
      ? scene.valves.some((v) => v.id === id)
      : isUnit
        ? scene.units.some((u) => u.id === id)
        : responseIndex(scene).equipment.has(id)
    if (!ok) return refuse('not_found', `${c.action}: no ${isValve ? 'valve' : isUnit ? 'unit' : 'equipment'} "${id}"`)
  }
  if (!c.targetIds.length) return refuse('invalid', 'no targets')
  return {
    ok: true,
    bodies: [
      {
        type: 'action.executed',
        incidentId: c.incidentId,
        stepId: null,
        at: c.at,
        by: c.by,
        action: c.action,
        targetIds: [...c.targetIds].sort(),
      },
    ],
  }
}

export function closeIncident(
  state: ResponseState,
  c: { incidentId: string; by: string; at: number; reason: string },
): CommandResult {
  const inc = state.incidents[c.incidentId]
  if (!inc) return refuse('not_found', `no incident "${c.incidentId}"`)
  if (inc.status !== 'open') return refuse('conflict', `incident ${inc.id} is already closed`)
  return { ok: true, bodies: [{ type: 'incident.closed', incidentId: inc.id, at: c.at, by: c.by, reason: c.reason }] }
}
