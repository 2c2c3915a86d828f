/**
 * Event bodies of the three-tier response. Like the alarm bodies they are plain JSON and carry
 * `at` (the simulated time it happened, the envelope's `t`) and `by` (a user id, or `rule:<id>` when
 * the machine did it), so `responseProvenance` can fill the envelope's source/operator.
 *
 * Facts, not commands: an operator's "acknowledge" becomes a `step.acknowledged` only after
 * commands.ts has checked it; the machine's decisions are logged as events too, so a replay
 * folds them and never decides again.
 */
import type { Severity } from '../alarms/types'
import type { ActionKind, Channel, Colour, Grade, IncidentLevel, IncidentType, Tier } from './planSchema'

/** A visible text in both languages (screens pick one). */
export interface I18n {
  zh: string
  en: string
}

export type IncidentOrigin = 'alarm_rule' | 'operator' | 'drill'

export interface IncidentOpened {
  type: 'incident.opened'
  incidentId: string
  at: number
  by: string
  origin: IncidentOrigin
  incidentType: IncidentType
  level: IncidentLevel
  grade: Grade
  colour: Colour
  planId: string
  enterpriseId: string | null
  /** The tank, unit or pipe rack the leak or anomaly is on (null when unknown). */
  sourceId: string | null
  sourceKind: 'tank' | 'unit' | 'pipe_rack' | null
  substance: string | null
  /** The alarm that opened it (origin alarm_rule), with its own time: the figures start there. */
  alarmId: string | null
  deviceId: string | null
  alarmAt: number | null
  severity: Severity | null
  title: I18n
}

/** A later alarm on the same source joins the open incident instead of opening another. */
export interface IncidentAlarmLinked {
  type: 'incident.alarm_linked'
  incidentId: string
  at: number
  by: string
  alarmId: string
  deviceId: string
  severity: Severity
}

export interface IncidentLevelChanged {
  type: 'incident.level_changed'
  incidentId: string
  at: number
  by: string
  from: IncidentLevel
  to: IncidentLevel
  grade: Grade
  colour: Colour
  planId: string
  reason: string
}

export type TierReason =
  | 'opened'
  | 'level'
  | 'deadline_missed'
  | 'plume_outside_fence'
  | 'plume_outside_boundary'
  | 'plume_sensitive_target'
  | 'operator'
  | 'stand_down'

/** The incident's highest active tier becomes `tier` (every tier below it stays active). */
export interface IncidentTierActivated {
  type: 'incident.tier_activated'
  incidentId: string
  at: number
  by: string
  tier: Tier
  from: Tier | null
  direction: 'initial' | 'up' | 'down'
  reason: TierReason
  /** Why, for people: the rule id, the missed step, the targets reached … */
  detail: string
}

export interface IncidentClosed {
  type: 'incident.closed'
  incidentId: string
  at: number
  by: string
  reason: string
}

export interface StepStarted {
  type: 'step.started'
  incidentId: string
  stepId: string
  at: number
  by: string
  tier: Tier
  kind: 'action' | 'notify' | 'task'
  /** The plan the step comes from (a level change brings in a second plan's steps). */
  planId: string
  title: I18n
  /** The role that must acknowledge/complete a task (null for automatic steps). */
  role: string | null
  /** Task deadlines, absolute simulated ms (null when the task has none). */
  ackDueAt: number | null
  completeDueAt: number | null
}

export interface StepAcknowledged {
  type: 'step.acknowledged'
  incidentId: string
  stepId: string
  at: number
  by: string
  role: string | null
}

export interface StepCompleted {
  type: 'step.completed'
  incidentId: string
  stepId: string
  at: number
  by: string
  role: string | null
  note: string | null
}

export interface ActionExecuted {
  type: 'action.executed'
  incidentId: string | null
  stepId: string | null
  at: number
  by: string
  action: ActionKind
  targetIds: string[]
}

export type RecipientRef =
  | { kind: 'role'; id: string; tier: Tier }
  | { kind: 'tier'; id: Tier; tier: Tier }
  | { kind: 'fire_brigade'; id: string; tier: Tier }

export interface NotificationSent {
  type: 'notification.sent'
  notificationId: string
  incidentId: string
  stepId: string | null
  at: number
  by: string
  to: RecipientRef
  channel: Channel
  purpose: 'step' | 'reminder' | 'overdue'
  message: I18n
}

/** Appended by the host's outbox when an endpoint confirmed (in_app counts as delivered when sent). */
export interface NotificationDelivered {
  type: 'notification.delivered'
  notificationId: string
  at: number
  by: string
  attempt: number
}

export interface NotificationFailed {
  type: 'notification.failed'
  notificationId: string
  at: number
  by: string
  attempt: number
  error: string
  /** When the outbox tries again; null when it gave up (the failure stays visible to operators). */
  retryAt: number | null
}

export type TimerPurpose = 'step_delay' | 'ack_deadline' | 'complete_deadline' | 'reminder'

export interface TimerScheduled {
  type: 'timer.scheduled'
  timerId: string
  incidentId: string
  stepId: string
  at: number
  by: string
  dueAt: number
  purpose: TimerPurpose
}

/**
 * Appended by the host when simulated time reaches dueAt (`at` may be later after a restart; dueAt
 * decides). Build it with `timerFired(state, id, at)`: it copies what the timer was for.
 */
export interface TimerFired {
  type: 'timer.fired'
  timerId: string
  incidentId: string
  stepId: string
  purpose: TimerPurpose
  at: number
  by: string
  dueAt: number
}

export interface TimerCancelled {
  type: 'timer.cancelled'
  timerId: string
  at: number
  by: string
  reason: string
}

export type ResponseBody =
  | IncidentOpened
  | IncidentAlarmLinked
  | IncidentLevelChanged
  | IncidentTierActivated
  | IncidentClosed
  | StepStarted
  | StepAcknowledged
  | StepCompleted
  | ActionExecuted
  | NotificationSent
  | NotificationDelivered
  | NotificationFailed
  | TimerScheduled
  | TimerFired
  | TimerCancelled

export type ResponseBodyType = ResponseBody['type']

export const RESPONSE_BODY_TYPES: readonly ResponseBodyType[] = [
  'incident.opened',
  'incident.alarm_linked',
  'incident.level_changed',
  'incident.tier_activated',
  'incident.closed',
  'step.started',
  'step.acknowledged',
  'step.completed',
  'action.executed',
  'notification.sent',
  'notification.delivered',
  'notification.failed',
  'timer.scheduled',
  'timer.fired',
  'timer.cancelled',
]

const RESPONSE_SET = new Set<string>(RESPONSE_BODY_TYPES)
export const isResponseBody = (b: { type: string }): b is ResponseBody => RESPONSE_SET.has(b.type)

/**
 * Inputs owned by the twin (simulation/src/twin/leakEvents.ts) that the response folds: a leak's
 * source ties the plume summaries (keyed by leak) to the incident on the same equipment.
 */
export type { LeakStarted, PlumeZonesUpdated, ZoneReach } from '../twin/leakEvents'
export const RESPONSE_INPUT_TYPES = ['leak.started', 'plume.zones_updated'] as const

/** A `by` that names a rule rather than a person. */
export const isRuleActor = (by: string): boolean => by.startsWith('rule:') || by === 'system' || by.startsWith('outbox')

/**
 * The envelope fields of a response body (the customer's provenance rule). The machine's decisions
 * have the rule as source and no operator; a person's acknowledgement has them as both.
 */
export function responseProvenance(b: ResponseBody): { t: number; source: string; operator: string | null } {
  return { t: b.at, source: b.by, operator: isRuleActor(b.by) ? null : b.by }
}
