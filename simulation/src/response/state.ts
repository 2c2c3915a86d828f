/**
 * The folded response state: plain JSON (no Maps, no undefined, no class instances), so a host can
 * keyframe it with JSON.stringify and continue folding after a restart with the same result.
 */
import type { Severity } from '../alarms/types'
import type { ActionKind, Channel, Colour, Grade, IncidentLevel, IncidentType, Tier } from './planSchema'
import type { I18n, IncidentOrigin, RecipientRef, TierReason, TimerPurpose, ZoneReach } from './bodies'

export interface PlumeSummary {
  at: number
  leakId: string
  aegl2: ZoneReach
  aegl3: ZoneReach
}

export const RESPONSE_STATE_VERSION = 1

export type DeadlineStatus = 'pending' | 'met' | 'missed' | 'cancelled'

export interface DeadlineRecord {
  timerId: string
  dueAt: number
  status: DeadlineStatus
  /** When it was met (acknowledged/completed), missed (timer fired, or done at/after dueAt) or cancelled. */
  at: number | null
}

export type StepStatus = 'active' | 'acknowledged' | 'completed' | 'stood_down'

export interface StepRecord {
  id: string
  tier: Tier
  kind: 'action' | 'notify' | 'task'
  planId: string
  title: I18n
  role: string | null
  status: StepStatus
  startedAt: number
  ackAt: number | null
  ackBy: string | null
  completedAt: number | null
  completedBy: string | null
  note: string | null
  ack: DeadlineRecord | null
  complete: DeadlineRecord | null
  /** A deadline of this step was missed (shown red). */
  overdue: boolean
}

export interface ActionRecord {
  at: number
  by: string
  action: ActionKind
  targetIds: string[]
  stepId: string | null
}

export type NotificationStatus = 'sent' | 'delivered' | 'retrying' | 'failed'

export interface NotificationRecord {
  id: string
  stepId: string | null
  at: number
  to: RecipientRef
  channel: Channel
  purpose: 'step' | 'reminder' | 'overdue'
  message: I18n
  status: NotificationStatus
  attempts: number
  deliveredAt: number | null
  lastError: string | null
  retryAt: number | null
}

export interface TierChange {
  at: number
  tier: Tier
  from: Tier | null
  direction: 'initial' | 'up' | 'down'
  reason: TierReason
  detail: string
  by: string
}

export interface LevelChange {
  at: number
  from: IncidentLevel
  to: IncidentLevel
  by: string
  reason: string
}

/** The first time each of the customer's figures happened (figures.ts turns them into intervals). */
export interface Milestones {
  firstAlarmAt: number | null
  openedAt: number
  valvesClosedAt: number | null
  fireBrigadeNotifiedAt: number | null
  fireBrigadeDeliveredAt: number | null
  parkTierAt: number | null
  governmentTierAt: number | null
  governmentNotifiedAt: number | null
}

export interface IncidentRecord {
  id: string
  incidentType: IncidentType
  level: IncidentLevel
  grade: Grade
  colour: Colour
  planId: string
  origin: IncidentOrigin
  title: I18n
  enterpriseId: string | null
  sourceId: string | null
  sourceKind: 'tank' | 'unit' | 'pipe_rack' | null
  substance: string | null
  deviceId: string | null
  alarmIds: string[]
  severity: Severity | null
  drill: boolean
  status: 'open' | 'closed'
  openedAt: number
  openedBy: string
  openedSeq: number
  closedAt: number | null
  closedBy: string | null
  closeReason: string | null
  /** Highest active tier; every tier below it is active too. */
  tier: Tier
  tierHistory: TierChange[]
  levelHistory: LevelChange[]
  steps: Record<string, StepRecord>
  /** Step ids in start order (the flowchart's order within a tier lane). */
  stepOrder: string[]
  actions: ActionRecord[]
  notifications: Record<string, NotificationRecord>
  notificationOrder: string[]
  /** The latest threat-zone summary of a leak on the incident's source (escalation input). */
  plume: PlumeSummary | null
  milestones: Milestones
}

export interface PendingTimer {
  id: string
  incidentId: string
  stepId: string
  purpose: TimerPurpose
  dueAt: number
  scheduledAt: number
  /** Log seq of the timer.scheduled event: ties on dueAt fire in scheduling order. */
  seq: number
}

export interface ResponseState {
  version: typeof RESPONSE_STATE_VERSION
  /** Seq of the last response event folded (other events leave the state untouched). */
  seq: number
  t: number | null
  /** Incidents opened so far; numbers the next incident id. */
  incidentCount: number
  incidents: Record<string, IncidentRecord>
  incidentOrder: string[]
  /** Timers scheduled and neither fired nor cancelled. */
  timers: Record<string, PendingTimer>
  /** Alarm id → the incident it opened or joined. */
  alarmIncident: Record<string, string>
  /** Notification id → incident (delivery events name only the notification). */
  notificationIncident: Record<string, string>
  /** Leaks seen (leak.started), with the latest zone summary of each: an incident opened later picks it up. */
  leaks: Record<string, { sourceId: string | null; enterpriseId: string | null; plume: PlumeSummary | null }>
}

export function initialResponseState(): ResponseState {
  return {
    version: RESPONSE_STATE_VERSION,
    seq: 0,
    t: null,
    incidentCount: 0,
    incidents: {},
    incidentOrder: [],
    timers: {},
    alarmIncident: {},
    notificationIncident: {},
    leaks: {},
  }
}

/** Timers the host must schedule: "at dueAt append timer.fired(id)". Sorted by dueAt, then scheduling order. */
export function pendingTimers(state: ResponseState): { id: string; dueAt: number }[] {
  return Object.values(state.timers)
    .sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq)
    .map((t) => ({ id: t.id, dueAt: t.dueAt }))
}

export function openIncidents(state: ResponseState): IncidentRecord[] {
  return state.incidentOrder.map((id) => state.incidents[id]).filter((i) => i.status === 'open')
}

/** Does a leak (by its source) belong to an incident? Same equipment, else same enterprise when the leak has no source. */
export function leakMatches(
  leak: { sourceId: string | null; enterpriseId: string | null },
  inc: Pick<IncidentRecord, 'sourceId' | 'enterpriseId'>,
): boolean {
  if (leak.sourceId !== null) return inc.sourceId === leak.sourceId
  return leak.enterpriseId !== null && inc.enterpriseId === leak.enterpriseId
}

/** Open incidents a leak's plume summary applies to. */
export function incidentsOfLeak(state: ResponseState, leakId: string): IncidentRecord[] {
  const leak = state.leaks[leakId]
  if (!leak) return []
  return openIncidents(state).filter((i) => leakMatches(leak, i))
}
