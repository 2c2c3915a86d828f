/**
 * The decision side: `decide(state, event, plans, scene) → bodies`. Given the state with `event`
 * already folded in, it returns what the rules do about that event — open an incident on a red or
 * orange gas alarm, activate tiers, start plan steps, execute automatic actions, send
 * notifications, schedule deadlines as timers, escalate when one is missed. The host appends the
 * bodies to the log (each one folded and decided in turn); a replay folds them without deciding.
 *
 * Pure: the only inputs are the arguments; every id it makes is derived from the state or the
 * event, so deciding twice over the same log gives the same bodies.
 */
import type { AlarmCondition, AlarmRaised, AlarmUpdated, Severity } from '../alarms/types'
import { deviceOf } from '../alarms/engine'
// The pattern that keeps Node's 'events' module out of the kernel also matches our events/ folder.

import type { EventMeta } from '../events/envelope'
import type { Scene } from '../scene/sceneSchema'
import {
  TIERS,
  findPlan,
  resolveFireStations,
  tierAbove,
  tierRank,
  type IncidentLevel,
  type IncidentType,
  type Plan,
  type PlanSet,
  type Recipient,
  type Target,
  type Step,
  type TaskStep,
  type Tier,
  type Trigger,
} from './planSchema'
import type {
  I18n,
  PlumeZonesUpdated,
  TimerFired,
  IncidentOpened,
  IncidentTierActivated,
  NotificationSent,
  RecipientRef,
  ResponseBody,
  StepStarted,
  TierReason,
  TimerScheduled,
  ZoneReach,
} from './bodies'
import { incidentsOfLeak, type IncidentRecord, type ResponseState } from './state'
import { responseIndex, type Equipment, type ResponseSceneIndex } from './sceneIndex'
import { isolationValvesOf } from './twinEffects'

type AnyEvent = EventMeta & { type: string }

export const INCIDENT_TYPE_NAMES: Record<IncidentType, I18n> = {
  gas_leak_toxic: { zh: '有毒气体泄漏', en: 'Toxic gas leak' },
  gas_leak_flammable: { zh: '可燃气体泄漏', en: 'Flammable gas leak' },
  fire_explosion: { zh: '火灾爆炸', en: 'Fire or explosion' },
  equipment_anomaly: { zh: '设备异常', en: 'Equipment anomaly' },
}

export function decide(state: ResponseState, event: AnyEvent, plans: PlanSet, scene: Scene): ResponseBody[] {
  const idx = responseIndex(scene)
  const e = event as AnyEvent & (ResponseBody | PlumeZonesUpdated)
  switch (event.type) {
    case 'alarm.raised':
      return onAlarmRaised(state, event as EventMeta & AlarmRaised, plans, idx)
    case 'alarm.updated':
      return onAlarmUpdated(state, event as EventMeta & AlarmUpdated, plans, idx)
  }
  switch (e.type) {
    case 'incident.opened':
      return onOpened(state, e, plans)
    case 'incident.level_changed': {
      const inc = openIncident(state, e.incidentId)
      if (!inc) return []
      const out: ResponseBody[] = []
      const plan = plans.plans.find((p) => p.id === inc.planId)
      // Tiers already active get the new plan's extra steps; a more severe level may raise the tier.
      if (plan)
        for (const tier of TIERS.slice(0, tierRank(inc.tier) + 1))
          out.push(...startTierSteps(state, inc, plan, tier, e.at))
      const up = levelEscalation(plans, inc, e.at)
      if (up) out.push(up)
      return out
    }
    case 'incident.tier_activated': {
      const inc = openIncident(state, e.incidentId)
      if (!inc) return []
      if (e.direction === 'down')
        return cancelTimers(
          state,
          inc.id,
          e.at,
          'tier stood down',
          (t) => tierOfTimer(plans, inc, t.stepId) > tierRank(e.tier),
        )
      const plan = plans.plans.find((p) => p.id === inc.planId)
      if (!plan) return []
      const fromRank = e.from === null ? 0 : tierRank(e.from) + 1
      const out: ResponseBody[] = []
      for (let r = fromRank; r <= tierRank(e.tier); r++) out.push(...startTierSteps(state, inc, plan, TIERS[r], e.at))
      return out
    }
    case 'step.started':
      return onStepStarted(state, e, plans, idx)
    case 'step.acknowledged': {
      const inc = state.incidents[e.incidentId]
      const st = inc?.steps[e.stepId]
      if (!st) return []
      // On time means strictly before dueAt; a late acknowledgement leaves the timer to fire and escalate.
      const noComplete = st.complete === null
      return cancelTimers(
        state,
        inc.id,
        e.at,
        'acknowledged',
        (t) =>
          t.stepId === st.id &&
          ((t.purpose === 'ack_deadline' && e.at < t.dueAt) || (t.purpose === 'reminder' && noComplete)),
      )
    }
    case 'step.completed': {
      const inc = state.incidents[e.incidentId]
      if (!inc?.steps[e.stepId]) return []
      return cancelTimers(
        state,
        inc.id,
        e.at,
        'completed',
        (t) => t.stepId === e.stepId && (t.purpose === 'reminder' || e.at < t.dueAt),
      )
    }
    case 'timer.fired':
      return onTimerFired(state, e, plans)
    case 'plume.zones_updated': {
      const out: ResponseBody[] = []
      for (const inc of incidentsOfLeak(state, e.leakId)) {
        const need = plumeRequirement(plans, inc.plume)
        if (need && tierRank(need.tier) > tierRank(inc.tier))
          out.push(tierBody(inc, need.tier, 'up', need.reason, need.why, e.at, 'rule:escalation'))
      }
      return out
    }
    case 'incident.closed': {
      const inc = state.incidents[e.incidentId]
      if (!inc) return []
      return cancelTimers(state, inc.id, e.at, 'incident closed', () => true)
    }
    default:
      return []
  }
}

// ---------------------------------------------------------------- standing escalation conditions

export interface TierRequirement {
  tier: Tier
  reason: TierReason
  why: string
}

/** The highest tier the plume escalation rules ask for given the latest zone summary (null: none). */
export function plumeRequirement(plans: PlanSet, plume: IncidentRecord['plume']): TierRequirement | null {
  if (!plume) return null
  let best: TierRequirement | null = null
  for (const rule of plans.escalation) {
    if (rule.when.kind !== 'plume') continue
    const reach: ZoneReach = rule.when.zone === 'aegl2' ? plume.aegl2 : plume.aegl3
    const w = rule.when.reaches
    const hit =
      w === 'outside_fence'
        ? reach.outsideSourceFence
        : w === 'outside_boundary'
          ? reach.outsideBoundary
          : reach.targets.length > 0
    if (!hit || (best && tierRank(rule.activate) <= tierRank(best.tier))) continue
    const reason: TierReason =
      w === 'outside_fence'
        ? 'plume_outside_fence'
        : w === 'outside_boundary'
          ? 'plume_outside_boundary'
          : 'plume_sensitive_target'
    const what =
      w === 'sensitive_target'
        ? `reaches ${reach.targets.join(', ')}`
        : w === 'outside_fence'
          ? 'crosses the enterprise fence'
          : 'crosses the park boundary'
    best = { tier: rule.activate, reason, why: `${rule.id}: ${rule.when.zone.toUpperCase()} zone ${what}` }
  }
  return best
}

/** The highest tier the level rules ask for (Level 1 → government). */
export function levelRequirement(plans: PlanSet, level: IncidentLevel): TierRequirement | null {
  let best: TierRequirement | null = null
  for (const rule of plans.escalation) {
    if (rule.when.kind !== 'level' || level > rule.when.atMost) continue
    if (!best || tierRank(rule.activate) > tierRank(best.tier))
      best = { tier: rule.activate, reason: 'level', why: `${rule.id}: level ${level}` }
  }
  return best
}

/** What the standing conditions require now (enterprise when nothing does): a stand-down below it is refused. */
export function requiredTier(plans: PlanSet, inc: Pick<IncidentRecord, 'level' | 'plume'>): TierRequirement {
  const a = plumeRequirement(plans, inc.plume)
  const b = levelRequirement(plans, inc.level)
  const best = [a, b].reduce<TierRequirement | null>(
    (m, x) => (x && (!m || tierRank(x.tier) > tierRank(m.tier)) ? x : m),
    null,
  )
  return best ?? { tier: 'enterprise', reason: 'opened', why: 'no escalation condition' }
}

// ---------------------------------------------------------------- alarms → incidents

/** The most severe trigger (lowest level) matching a device type and alarm severity. */
export function matchTrigger(
  plans: PlanSet,
  deviceType: string,
  severity: Severity,
  condition: AlarmCondition,
): Trigger | null {
  let best: Trigger | null = null
  for (const t of plans.triggers) {
    if (!t.deviceTypes.includes(deviceType) || !t.severities.includes(severity) || !t.conditions.includes(condition))
      continue
    if (!best || t.level < best.level) best = t
  }
  return best
}

function onAlarmRaised(
  state: ResponseState,
  e: EventMeta & AlarmRaised,
  plans: PlanSet,
  idx: ResponseSceneIndex,
): ResponseBody[] {
  const device = idx.devices.get(e.deviceId)
  if (!device) return []
  const trig = matchTrigger(plans, device.type, e.severity, e.condition)
  if (!trig) return []
  const source = idx.sourceOfDevice.get(device.id) ?? null
  const enterpriseId = device.enterpriseId ?? source?.enterpriseId ?? null
  // One incident per source: a second detector round the same tank joins the first incident.
  // And one incident per cloud: a detector elsewhere that sees the same gas while an incident of
  // that type is open is the cloud drifting over it, not a new leak at the nearest equipment —
  // opening a second incident there would send valves shut and crews to the wrong place.
  const open = state.incidentOrder.map((id) => state.incidents[id]).filter((i) => i.status === 'open')
  const substance = device.substance ?? source?.substances[0] ?? null
  const existing =
    open.find((i) => i.enterpriseId === enterpriseId && i.sourceId === (source?.id ?? null)) ??
    open.find((i) => substance !== null && i.incidentType === trig.incidentType && i.substance === substance)
  if (existing) {
    if (existing.alarmIds.includes(e.alarmId)) return []
    const out: ResponseBody[] = [
      {
        type: 'incident.alarm_linked',
        incidentId: existing.id,
        at: e.t,
        by: `rule:trigger:${trig.id}`,
        alarmId: e.alarmId,
        deviceId: e.deviceId,
        severity: e.severity,
      },
    ]
    const lc = levelChange(
      plans,
      existing,
      trig.level,
      e.t,
      `rule:trigger:${trig.id}`,
      `alarm ${e.alarmId} (${e.severity})`,
    )
    if (lc) out.push(lc)
    return out
  }
  const plan = findPlan(plans, trig.incidentType, trig.level)
  if (!plan) return []
  const info = plans.levels[String(trig.level) as '1' | '2' | '3']
  const entName = enterpriseId ? idx.enterpriseNames.get(enterpriseId) : undefined
  const body: IncidentOpened = {
    type: 'incident.opened',
    incidentId: nextIncidentId(state),
    at: e.t,
    by: `rule:trigger:${trig.id}`,
    origin: 'alarm_rule',
    incidentType: trig.incidentType,
    level: trig.level,
    grade: info.grade,
    colour: info.colour,
    planId: plan.id,
    enterpriseId,
    sourceId: source?.id ?? null,
    sourceKind: source?.kind ?? null,
    substance: device.substance ?? source?.substances[0] ?? null,
    alarmId: e.alarmId,
    deviceId: e.deviceId,
    alarmAt: e.at,
    severity: e.severity,
    title: incidentTitle(trig.incidentType, entName ?? null, source),
  }
  return [body]
}

function onAlarmUpdated(
  state: ResponseState,
  e: EventMeta & AlarmUpdated,
  plans: PlanSet,
  idx: ResponseSceneIndex,
): ResponseBody[] {
  const incId = state.alarmIncident[e.alarmId]
  const inc = incId ? openIncident(state, incId) : null
  const device = idx.devices.get(deviceOf(e.alarmId))
  if (!inc || !device) return []
  const trig = matchTrigger(plans, device.type, e.severity, conditionOf(e.alarmId))
  if (!trig) return []
  const lc = levelChange(plans, inc, trig.level, e.t, `rule:trigger:${trig.id}`, `alarm ${e.alarmId} now ${e.severity}`)
  return lc ? [lc] : []
}

/** Condition of an alarm id `${deviceId}:${condition}:${n}`. */
function conditionOf(alarmId: string): AlarmCondition {
  const parts = alarmId.split(':')
  return parts[parts.length - 2] as AlarmCondition
}

/** Only ever more severe automatically (a lower level number); lowering a level is a person's call. */
function levelChange(
  plans: PlanSet,
  inc: IncidentRecord,
  to: IncidentLevel,
  at: number,
  by: string,
  reason: string,
): ResponseBody | null {
  if (to >= inc.level) return null
  const plan = findPlan(plans, inc.incidentType, to)
  if (!plan) return null
  const info = plans.levels[String(to) as '1' | '2' | '3']
  return {
    type: 'incident.level_changed',
    incidentId: inc.id,
    at,
    by,
    from: inc.level,
    to,
    grade: info.grade,
    colour: info.colour,
    planId: plan.id,
    reason,
  }
}

export function nextIncidentId(state: ResponseState): string {
  let n = state.incidentCount + 1
  while (state.incidents[`INC-${String(n).padStart(4, '0')}`]) n++
  return `INC-${String(n).padStart(4, '0')}`
}

export function incidentTitle(
  type: IncidentType,
  enterprise: I18n | null,
  source: Pick<Equipment, 'name'> | null,
): I18n {
  const t = INCIDENT_TYPE_NAMES[type]
  const zh = [enterprise?.zh, source?.name.zh, t.zh].filter(Boolean).join(' ')
  const en = [t.en, source ? `at ${source.name.en}` : null, enterprise ? `(${enterprise.en})` : null]
    .filter(Boolean)
    .join(' ')
  return { zh, en }
}

// ---------------------------------------------------------------- tiers and steps

function onOpened(state: ResponseState, e: EventMeta & IncidentOpened, plans: PlanSet): ResponseBody[] {
  const inc = openIncident(state, e.incidentId)
  if (!inc) return []
  const out: ResponseBody[] = [
    tierBody({ ...inc, tierHistory: [] }, 'enterprise', 'initial', 'opened', `${e.origin} ${e.by}`, e.at, e.by),
  ]
  const up = levelEscalation(plans, inc, e.at)
  // A plume already modelled for this source counts at once (the leak may precede the alarm).
  const plume = plumeRequirement(plans, inc.plume)
  if (plume && tierRank(plume.tier) > tierRank(up?.tier ?? 'enterprise'))
    out.push(
      tierBody(
        { ...inc, tier: up?.tier ?? 'enterprise' },
        plume.tier,
        'up',
        plume.reason,
        plume.why,
        e.at,
        'rule:escalation',
      ),
    )
  if (up) out.splice(1, 0, up)
  return out
}

/** The level rules (Level 1 → government at once): a tier_activated if the incident is below the rule's tier. */
function levelEscalation(plans: PlanSet, inc: IncidentRecord, at: number): IncidentTierActivated | null {
  const need = levelRequirement(plans, inc.level)
  if (!need || tierRank(need.tier) <= tierRank(inc.tier)) return null
  return tierBody(inc, need.tier, 'up', 'level', need.why, at, 'rule:escalation')
}

function tierBody(
  inc: IncidentRecord,
  tier: Tier,
  direction: 'initial' | 'up' | 'down',
  reason: TierReason,
  detail: string,
  at: number,
  by: string,
): IncidentTierActivated {
  return {
    type: 'incident.tier_activated',
    incidentId: inc.id,
    at,
    by,
    tier,
    from: direction === 'initial' ? null : inc.tier,
    direction,
    reason,
    detail,
  }
}

/** Start (or schedule, when delayed) the plan's steps of one tier that the incident has not started yet. */
function startTierSteps(state: ResponseState, inc: IncidentRecord, plan: Plan, tier: Tier, at: number): ResponseBody[] {
  const out: ResponseBody[] = []
  for (const step of plan.tiers[tier]) {
    if (inc.steps[step.id] || state.timers[delayTimerId(inc.id, step.id)]) continue
    if (step.afterMs > 0) {
      out.push(
        timerBody(
          inc.id,
          step.id,
          'step_delay',
          delayTimerId(inc.id, step.id),
          at,
          at + step.afterMs,
          `rule:plan:${plan.id}`,
        ),
      )
    } else out.push(stepStartedBody(inc.id, plan.id, step, tier, at))
  }
  return out
}

const delayTimerId = (incidentId: string, stepId: string) => `${incidentId}/${stepId}/delay`

function stepStartedBody(incidentId: string, planId: string, step: Step, tier: Tier, at: number): StepStarted {
  const task = step.kind === 'task' ? step : null
  return {
    type: 'step.started',
    incidentId,
    stepId: step.id,
    at,
    by: `rule:plan:${planId}`,
    tier,
    kind: step.kind,
    planId,
    title: step.title,
    role: task?.role ?? null,
    ackDueAt: task?.ackWithinMs !== undefined ? at + task.ackWithinMs : null,
    completeDueAt: task?.completeWithinMs !== undefined ? at + task.completeWithinMs : null,
  }
}

function timerBody(
  incidentId: string,
  stepId: string,
  purpose: TimerScheduled['purpose'],
  timerId: string,
  at: number,
  dueAt: number,
  by: string,
): TimerScheduled {
  return { type: 'timer.scheduled', timerId, incidentId, stepId, at, by, dueAt, purpose }
}

/** Find a plan step by plan id and step id (steps of an earlier level's plan stay valid). */
export function planStep(plans: PlanSet, planId: string, stepId: string): { step: Step; tier: Tier } | null {
  const plan = plans.plans.find((p) => p.id === planId)
  if (!plan) return null
  for (const tier of TIERS) {
    const step = plan.tiers[tier].find((s) => s.id === stepId)
    if (step) return { step, tier }
  }
  return null
}

function onStepStarted(
  state: ResponseState,
  e: EventMeta & StepStarted,
  plans: PlanSet,
  idx: ResponseSceneIndex,
): ResponseBody[] {
  const inc = openIncident(state, e.incidentId)
  const found = planStep(plans, e.planId, e.stepId)
  if (!inc || !found) return []
  const { step } = found
  const by = `rule:plan:${e.planId}/${step.id}`
  if (step.kind === 'action') {
    const targets = resolveTargets(idx, inc, step.action, step.target)
    const out: ResponseBody[] = []
    if (targets.length)
      out.push({
        type: 'action.executed',
        incidentId: inc.id,
        stepId: step.id,
        at: e.at,
        by,
        action: step.action,
        targetIds: targets,
      })
    out.push({
      type: 'step.completed',
      incidentId: inc.id,
      stepId: step.id,
      at: e.at,
      by,
      role: null,
      note: targets.length ? null : 'nothing to act on',
    })
    return out
  }
  if (step.kind === 'notify') {
    const out: ResponseBody[] = []
    let n = 0
    for (const r of step.to) {
      for (const to of resolveRecipients(plans, idx.scene, r, inc)) {
        for (const channel of step.channels) {
          out.push(
            notificationBody(`${inc.id}/${step.id}/${n++}`, inc, step.id, e.at, by, to, channel, 'step', step.message),
          )
        }
      }
    }
    out.push({
      type: 'step.completed',
      incidentId: inc.id,
      stepId: step.id,
      at: e.at,
      by,
      role: null,
      note: n ? null : 'no recipient resolved',
    })
    return out
  }
  return scheduleTaskTimers(inc.id, step, e, by)
}

function scheduleTaskTimers(incidentId: string, step: TaskStep, e: StepStarted, by: string): ResponseBody[] {
  const out: ResponseBody[] = []
  if (e.ackDueAt !== null)
    out.push(timerBody(incidentId, step.id, 'ack_deadline', `${incidentId}/${step.id}/ack`, e.at, e.ackDueAt, by))
  if (e.completeDueAt !== null)
    out.push(
      timerBody(
        incidentId,
        step.id,
        'complete_deadline',
        `${incidentId}/${step.id}/complete`,
        e.at,
        e.completeDueAt,
        by,
      ),
    )
  // Reminders count back from the long deadline (completion) when there is one.
  const ref = e.completeDueAt ?? e.ackDueAt
  if (ref !== null)
    for (const before of [...new Set(step.remindBeforeMs)].sort((a, b) => b - a)) {
      const due = ref - before
      if (due > e.at)
        out.push(timerBody(incidentId, step.id, 'reminder', `${incidentId}/${step.id}/remind-${before}`, e.at, due, by))
    }
  return out
}

function notificationBody(
  id: string,
  inc: IncidentRecord,
  stepId: string | null,
  at: number,
  by: string,
  to: RecipientRef,
  channel: NotificationSent['channel'],
  purpose: NotificationSent['purpose'],
  message: I18n,
): NotificationSent {
  return {
    type: 'notification.sent',
    notificationId: id,
    incidentId: inc.id,
    stepId,
    at,
    by,
    to,
    channel,
    purpose,
    message: { zh: fill(message.zh, inc, 'zh'), en: fill(message.en, inc, 'en') },
  }
}

/** Message templates may use {title}, {level}, {grade}, {source}, {substance}, {incident}. */
function fill(text: string, inc: IncidentRecord, lang: 'zh' | 'en'): string {
  const numerals: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' }
  return text
    .replaceAll('{title}', inc.title[lang])
    .replaceAll('{level}', String(inc.level))
    .replaceAll('{grade}', numerals[inc.grade] ?? inc.grade)
    .replaceAll('{source}', inc.sourceId ?? '—')
    .replaceAll('{substance}', inc.substance ?? '—')
    .replaceAll('{incident}', inc.id)
}

export function resolveRecipients(
  plans: PlanSet,
  scene: Scene,
  r: Recipient,
  inc: Pick<IncidentRecord, 'enterpriseId'>,
): RecipientRef[] {
  if (r.kind === 'role') {
    const role = plans.roles.find((x) => x.id === r.role)
    return role ? [{ kind: 'role', id: role.id, tier: role.tier }] : []
  }
  if (r.kind === 'tier') return [{ kind: 'tier', id: r.tier, tier: r.tier }]
  return resolveFireStations(scene, r, inc.enterpriseId).map((f) => ({ kind: 'fire_brigade', id: f.id, tier: f.tier }))
}

/** Equipment an automatic action acts on (sorted ids, so the log is the same on every run). */
export function resolveTargets(
  idx: ResponseSceneIndex,
  inc: Pick<IncidentRecord, 'sourceId' | 'enterpriseId' | 'substance'>,
  action: string,
  target: Target,
): string[] {
  const scene = idx.scene
  const source = inc.sourceId ? idx.equipment.get(inc.sourceId) : undefined
  const enterpriseUnits = scene.units.filter((u) => u.enterpriseId === inc.enterpriseId)
  let ids: string[]
  if (typeof target === 'object') ids = target.ids
  else if (target === 'source') {
    if (!source) return []
    if (action === 'close_isolation_valves' || action === 'open_valves') return isolationValvesOf(scene, source.id)
    ids =
      action === 'shutdown_unit' || action === 'start_unit' ? (source.kind === 'unit' ? [source.id] : []) : [source.id]
  } else if (target === 'source_substance_units') {
    const sub = inc.substance
    ids = enterpriseUnits.filter((u) => sub !== null && u.substances.includes(sub)).map((u) => u.id)
  } else ids = enterpriseUnits.map((u) => u.id)
  if (action === 'close_isolation_valves' || action === 'open_valves') {
    // Equipment ids given for a valve action mean "the valves around them".
    const valves = new Set<string>()
    for (const id of ids) {
      if (scene.valves.some((v) => v.id === id)) valves.add(id)
      else for (const v of isolationValvesOf(scene, id)) valves.add(v)
    }
    return [...valves].sort()
  }
  return [...new Set(ids)].sort()
}

// ---------------------------------------------------------------- timers

function onTimerFired(state: ResponseState, e: EventMeta & TimerFired, plans: PlanSet): ResponseBody[] {
  const inc = openIncident(state, e.incidentId)
  if (!inc) return []
  if (e.purpose === 'step_delay') {
    if (inc.steps[e.stepId]) return []
    // The delayed step may come from the current plan or, after a level change, an earlier plan of the type.
    const planIds = [
      inc.planId,
      ...plans.plans.filter((p) => p.incidentType === inc.incidentType && p.id !== inc.planId).map((p) => p.id),
    ]
    for (const pid of planIds) {
      const found = planStep(plans, pid, e.stepId)
      if (found && tierRank(found.tier) <= tierRank(inc.tier))
        return [stepStartedBody(inc.id, pid, found.step, found.tier, e.at)]
    }
    return []
  }
  const st = inc.steps[e.stepId]
  if (!st || st.status === 'stood_down') return []
  const plan = planStep(plans, st.planId, st.id)
  const task = plan?.step.kind === 'task' ? plan.step : null
  if (e.purpose === 'reminder') {
    if (st.completedAt !== null || (st.complete === null && st.ackAt !== null) || !st.role) return []
    const role = plans.roles.find((r) => r.id === st.role)
    if (!role) return []
    const remainingMin = Math.max(0, Math.round(((st.complete ?? st.ack)!.dueAt - e.dueAt) / 60_000))
    return [
      notificationBody(
        `${e.timerId}`,
        inc,
        st.id,
        e.at,
        'rule:timer',
        { kind: 'role', id: role.id, tier: role.tier },
        'in_app',
        'reminder',
        {
          zh: `提醒：「${st.title.zh}」将于 ${remainingMin} 分钟后到期（{incident}）`,
          en: `Reminder: "${st.title.en}" is due in ${remainingMin} min ({incident})`,
        },
      ),
    ]
  }
  const which = e.purpose === 'ack_deadline' ? 'acknowledge' : 'complete'
  const doneAt = e.purpose === 'ack_deadline' ? st.ackAt : st.completedAt
  // Exactly-at-deadline: done at dueAt − 1 ms is on time, done at dueAt or not at all is missed.
  if (doneAt !== null && doneAt < e.dueAt) return []
  const onMissed = task?.onMissed ?? 'escalate'
  if (onMissed === 'record') return []
  const out: ResponseBody[] = []
  if (st.role) {
    const role = plans.roles.find((r) => r.id === st.role)
    if (role)
      out.push(
        notificationBody(
          `${e.timerId}/overdue`,
          inc,
          st.id,
          e.at,
          'rule:timer',
          { kind: 'role', id: role.id, tier: role.tier },
          'in_app',
          'overdue',
          {
            zh: `超时：「${st.title.zh}」未按时${which === 'acknowledge' ? '确认' : '完成'}（{incident}）`,
            en: `Overdue: "${st.title.en}" was not ${which === 'acknowledge' ? 'acknowledged' : 'completed'} in time ({incident})`,
          },
        ),
      )
  }
  if (onMissed === 'escalate') {
    const target = tierAbove(st.tier)
    if (target && tierRank(target) > tierRank(inc.tier))
      out.push(
        tierBody(
          inc,
          target,
          'up',
          'deadline_missed',
          `step ${st.id} not ${which === 'acknowledge' ? 'acknowledged' : 'completed'} by ${new Date(e.dueAt).toISOString()}`,
          e.at,
          'rule:timer',
        ),
      )
  }
  return out
}

function tierOfTimer(plans: PlanSet, inc: IncidentRecord, stepId: string): number {
  const st = inc.steps[stepId]
  if (st) return tierRank(st.tier)
  const found = planStep(plans, inc.planId, stepId)
  return found ? tierRank(found.tier) : 0
}

function cancelTimers(
  state: ResponseState,
  incidentId: string,
  at: number,
  reason: string,
  pick: (t: ResponseState['timers'][string]) => boolean,
): ResponseBody[] {
  return Object.values(state.timers)
    .filter((t) => t.incidentId === incidentId && pick(t))
    .sort((a, b) => a.seq - b.seq)
    .map((t) => ({ type: 'timer.cancelled', timerId: t.id, at, by: 'rule:timer', reason }))
}

function openIncident(state: ResponseState, id: string): IncidentRecord | null {
  const inc = state.incidents[id]
  return inc && inc.status === 'open' ? inc : null
}
