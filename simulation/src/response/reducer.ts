/**
 * reduceResponse(state, event) → state: the pure fold of the response. It records facts only; what
 * the rules do about them is machine.ts (`decide`), whose output is logged and folded here like any
 * other event. Unchanged parts are shared with the previous state (screens compare by reference),
 * and nothing is mutated, so a state handed to a renderer stays valid.
 *
 * Events that are not response events (readings, alarms …) return the same state object.
 */
// The pattern that keeps Node's 'events' module out of the kernel also matches our events/ folder.

import type { EventMeta } from '../events/envelope'
import { TIERS, tierRank, type Tier } from './planSchema'
import { isResponseBody, type LeakStarted, type PlumeZonesUpdated, type ResponseBody } from './bodies'
import { leakMatches, type DeadlineRecord, type IncidentRecord, type ResponseState, type StepRecord } from './state'

export type ResponseEvent = EventMeta & (ResponseBody | LeakStarted | PlumeZonesUpdated)

export function reduceResponse(state: ResponseState, event: EventMeta & { type: string }): ResponseState {
  if (!isResponseBody(event) && event.type !== 'leak.started' && event.type !== 'plume.zones_updated') return state
  // Restart safety: a keyframe plus an overlapping tail must not apply an event twice.
  if (event.seq <= state.seq) return state
  const next = apply(state, event as ResponseEvent)
  return next === state ? { ...state, seq: event.seq, t: event.t } : { ...next, seq: event.seq, t: event.t }
}

/** Fold a list of events (convenience for replays, tests and figures). */
export function foldResponse(state: ResponseState, events: readonly (EventMeta & { type: string })[]): ResponseState {
  let s = state
  for (const e of events) s = reduceResponse(s, e)
  return s
}

function apply(s: ResponseState, e: ResponseEvent): ResponseState {
  switch (e.type) {
    case 'incident.opened': {
      if (s.incidents[e.incidentId]) return s
      const inc: IncidentRecord = {
        id: e.incidentId,
        incidentType: e.incidentType,
        level: e.level,
        grade: e.grade,
        colour: e.colour,
        planId: e.planId,
        origin: e.origin,
        title: e.title,
        enterpriseId: e.enterpriseId,
        sourceId: e.sourceId,
        sourceKind: e.sourceKind,
        substance: e.substance,
        deviceId: e.deviceId,
        alarmIds: e.alarmId ? [e.alarmId] : [],
        severity: e.severity,
        drill: e.drill,
        status: 'open',
        openedAt: e.at,
        openedBy: e.by,
        openedSeq: e.seq,
        closedAt: null,
        closedBy: null,
        closeReason: null,
        // Every incident starts in the enterprise lane; the first tier_activated records it.
        tier: 'enterprise',
        tierHistory: [],
        levelHistory: [],
        steps: {},
        stepOrder: [],
        actions: [],
        notifications: {},
        notificationOrder: [],
        // A leak on this source may have been modelled before the alarm opened the incident.
        plume: latestPlume(s, e.sourceId, e.enterpriseId),
        milestones: {
          firstAlarmAt: e.alarmAt,
          openedAt: e.at,
          valvesClosedAt: null,
          fireBrigadeNotifiedAt: null,
          fireBrigadeDeliveredAt: null,
          parkTierAt: null,
          governmentTierAt: null,
          governmentNotifiedAt: null,
        },
      }
      return {
        ...s,
        incidentCount: s.incidentCount + 1,
        incidents: { ...s.incidents, [inc.id]: inc },
        incidentOrder: [...s.incidentOrder, inc.id],
        alarmIncident: e.alarmId ? { ...s.alarmIncident, [e.alarmId]: inc.id } : s.alarmIncident,
      }
    }
    case 'incident.alarm_linked':
      return withIncident(
        { ...s, alarmIncident: { ...s.alarmIncident, [e.alarmId]: e.incidentId } },
        e.incidentId,
        (inc) => (inc.alarmIds.includes(e.alarmId) ? inc : { ...inc, alarmIds: [...inc.alarmIds, e.alarmId] }),
      )
    case 'incident.level_changed':
      return withIncident(s, e.incidentId, (inc) => ({
        ...inc,
        level: e.to,
        grade: e.grade,
        colour: e.colour,
        planId: e.planId,
        levelHistory: [...inc.levelHistory, { at: e.at, from: e.from, to: e.to, by: e.by, reason: e.reason }],
      }))
    case 'incident.tier_activated':
      return withIncident(s, e.incidentId, (inc) => {
        let steps = inc.steps
        if (e.direction === 'down') {
          // Standing a tier down ends its open work: the steps stay in the record, greyed, not overdue.
          steps = mapSteps(inc, (st) =>
            tierRank(st.tier) > tierRank(e.tier) && st.status !== 'completed' ? standDown(st, e.at) : st,
          )
        }
        const m = inc.milestones
        const milestones =
          (tierRank(e.tier) >= 1 && m.parkTierAt === null) || (e.tier === 'government' && m.governmentTierAt === null)
            ? {
                ...m,
                parkTierAt: m.parkTierAt ?? (tierRank(e.tier) >= 1 ? e.at : null),
                governmentTierAt: m.governmentTierAt ?? (e.tier === 'government' ? e.at : null),
              }
            : m
        return {
          ...inc,
          tier: e.tier,
          steps,
          milestones,
          tierHistory: [
            ...inc.tierHistory,
            {
              at: e.at,
              tier: e.tier,
              from: e.from,
              direction: e.direction,
              reason: e.reason,
              detail: e.detail,
              by: e.by,
            },
          ],
        }
      })
    case 'incident.closed': {
      const inc = s.incidents[e.incidentId]
      if (!inc || inc.status === 'closed') return s
      return withIncident(s, e.incidentId, () => ({
        ...inc,
        status: 'closed',
        closedAt: e.at,
        closedBy: e.by,
        closeReason: e.reason,
      }))
    }
    case 'step.started':
      return withIncident(s, e.incidentId, (inc) => {
        if (inc.steps[e.stepId]) return inc
        const st: StepRecord = {
          id: e.stepId,
          tier: e.tier,
          kind: e.kind,
          planId: e.planId,
          title: e.title,
          role: e.role,
          status: 'active',
          startedAt: e.at,
          ackAt: null,
          ackBy: null,
          completedAt: null,
          completedBy: null,
          note: null,
          // Deadlines get their timer id when timer.scheduled arrives; dueAt is known now.
          ack: e.ackDueAt === null ? null : { timerId: '', dueAt: e.ackDueAt, status: 'pending', at: null },
          complete:
            e.completeDueAt === null ? null : { timerId: '', dueAt: e.completeDueAt, status: 'pending', at: null },
          overdue: false,
        }
        return { ...inc, steps: { ...inc.steps, [st.id]: st }, stepOrder: [...inc.stepOrder, st.id] }
      })
    case 'step.acknowledged':
      return withStep(s, e.incidentId, e.stepId, (st) => {
        if (st.ackAt !== null || st.status === 'completed') return st
        const ack = settle(st.ack, e.at)
        return {
          ...st,
          status: st.status === 'active' ? 'acknowledged' : st.status,
          ackAt: e.at,
          ackBy: e.by,
          ack,
          overdue: st.overdue || ack?.status === 'missed',
        }
      })
    case 'step.completed':
      return withStep(s, e.incidentId, e.stepId, (st) => {
        if (st.completedAt !== null) return st
        // Completing implies acknowledging: the ack deadline is met by the same act.
        const ack = st.ackAt === null ? settle(st.ack, e.at) : st.ack
        const complete = settle(st.complete, e.at)
        return {
          ...st,
          status: 'completed',
          ackAt: st.ackAt ?? e.at,
          ackBy: st.ackBy ?? e.by,
          completedAt: e.at,
          completedBy: e.by,
          note: e.note,
          ack,
          complete,
          overdue: st.overdue || ack?.status === 'missed' || complete?.status === 'missed',
        }
      })
    case 'action.executed':
      if (e.incidentId === null) return s
      return withIncident(s, e.incidentId, (inc) => ({
        ...inc,
        actions: [...inc.actions, { at: e.at, by: e.by, action: e.action, targetIds: e.targetIds, stepId: e.stepId }],
        milestones:
          e.action === 'close_isolation_valves' && inc.milestones.valvesClosedAt === null
            ? { ...inc.milestones, valvesClosedAt: e.at }
            : inc.milestones,
      }))
    case 'notification.sent':
      return withIncident(
        { ...s, notificationIncident: { ...s.notificationIncident, [e.notificationId]: e.incidentId } },
        e.incidentId,
        (inc) => {
          if (inc.notifications[e.notificationId]) return inc
          const inApp = e.channel === 'in_app'
          const m = inc.milestones
          const brigade = e.to.kind === 'fire_brigade'
          const gov = e.to.kind !== 'fire_brigade' && e.to.tier === 'government'
          return {
            ...inc,
            notifications: {
              ...inc.notifications,
              [e.notificationId]: {
                id: e.notificationId,
                stepId: e.stepId,
                at: e.at,
                to: e.to,
                channel: e.channel,
                purpose: e.purpose,
                message: e.message,
                // In-app notifications travel in the log itself: sent to the room is delivered.
                status: inApp ? 'delivered' : 'sent',
                attempts: 0,
                deliveredAt: inApp ? e.at : null,
                lastError: null,
                retryAt: null,
              },
            },
            notificationOrder: [...inc.notificationOrder, e.notificationId],
            milestones: {
              ...m,
              fireBrigadeNotifiedAt: m.fireBrigadeNotifiedAt ?? (brigade ? e.at : null),
              fireBrigadeDeliveredAt: m.fireBrigadeDeliveredAt ?? (brigade && inApp ? e.at : null),
              governmentNotifiedAt: m.governmentNotifiedAt ?? (gov ? e.at : null),
            },
          }
        },
      )
    case 'notification.delivered':
    case 'notification.failed': {
      const incidentId = s.notificationIncident[e.notificationId]
      if (!incidentId) return s
      return withIncident(s, incidentId, (inc) => {
        const n = inc.notifications[e.notificationId]
        if (!n) return inc
        const updated =
          e.type === 'notification.delivered'
            ? {
                ...n,
                status: 'delivered' as const,
                attempts: Math.max(n.attempts, e.attempt),
                deliveredAt: n.deliveredAt ?? e.at,
                retryAt: null,
              }
            : n.status === 'delivered'
              ? n
              : {
                  ...n,
                  status: e.retryAt === null ? ('failed' as const) : ('retrying' as const),
                  attempts: Math.max(n.attempts, e.attempt),
                  lastError: e.error,
                  retryAt: e.retryAt,
                }
        const m = inc.milestones
        const brigadeDelivered =
          e.type === 'notification.delivered' && n.to.kind === 'fire_brigade' && m.fireBrigadeDeliveredAt === null
        return {
          ...inc,
          notifications: { ...inc.notifications, [n.id]: updated },
          milestones: brigadeDelivered ? { ...m, fireBrigadeDeliveredAt: e.at } : m,
        }
      })
    }
    case 'timer.scheduled': {
      if (s.timers[e.timerId]) return s
      const timers = {
        ...s.timers,
        [e.timerId]: {
          id: e.timerId,
          incidentId: e.incidentId,
          stepId: e.stepId,
          purpose: e.purpose,
          dueAt: e.dueAt,
          scheduledAt: e.at,
          seq: e.seq,
        },
      }
      const deadline = e.purpose === 'ack_deadline' ? 'ack' : e.purpose === 'complete_deadline' ? 'complete' : null
      const s2 = { ...s, timers }
      if (!deadline) return s2
      return withStep(s2, e.incidentId, e.stepId, (st) => {
        const d = st[deadline]
        return {
          ...st,
          [deadline]: d
            ? { ...d, timerId: e.timerId, dueAt: e.dueAt }
            : { timerId: e.timerId, dueAt: e.dueAt, status: 'pending', at: null },
        }
      })
    }
    case 'timer.fired': {
      const timer = s.timers[e.timerId]
      if (!timer) return s
      const { [e.timerId]: _gone, ...timers } = s.timers
      const s2 = { ...s, timers }
      const deadline =
        timer.purpose === 'ack_deadline' ? 'ack' : timer.purpose === 'complete_deadline' ? 'complete' : null
      if (!deadline) return s2
      return withStep(s2, timer.incidentId, timer.stepId, (st) => {
        const d = st[deadline]
        // Met strictly before dueAt is on time; anything else is missed when the timer fires.
        if (!d || d.status === 'met' || d.status === 'cancelled') return st
        return { ...st, [deadline]: { ...d, status: 'missed', at: d.at ?? timer.dueAt }, overdue: true }
      })
    }
    case 'timer.cancelled': {
      const timer = s.timers[e.timerId]
      if (!timer) return s
      const { [e.timerId]: _gone, ...timers } = s.timers
      const s2 = { ...s, timers }
      const deadline =
        timer.purpose === 'ack_deadline' ? 'ack' : timer.purpose === 'complete_deadline' ? 'complete' : null
      if (!deadline) return s2
      return withStep(s2, timer.incidentId, timer.stepId, (st) => {
        const d = st[deadline]
        if (!d || d.status !== 'pending') return st
        return { ...st, [deadline]: { ...d, status: 'cancelled', at: e.at } }
      })
    }
    case 'leak.started':
      if (s.leaks[e.leakId]) return s
      return {
        ...s,
        leaks: { ...s.leaks, [e.leakId]: { sourceId: e.sourceId, enterpriseId: e.enterpriseId, plume: null } },
      }
    case 'plume.zones_updated': {
      const leak = s.leaks[e.leakId]
      if (!leak) return s
      const plume = { at: e.at, leakId: e.leakId, aegl2: e.aegl2, aegl3: e.aegl3 }
      let next: ResponseState = { ...s, leaks: { ...s.leaks, [e.leakId]: { ...leak, plume } } }
      for (const id of s.incidentOrder) {
        const inc = s.incidents[id]
        if (inc.status === 'open' && leakMatches(leak, inc)) next = withIncident(next, id, (i) => ({ ...i, plume }))
      }
      return next
    }
  }
}

function latestPlume(s: ResponseState, sourceId: string | null, enterpriseId: string | null): IncidentRecord['plume'] {
  let best: IncidentRecord['plume'] = null
  for (const leak of Object.values(s.leaks)) {
    if (!leak.plume || !leakMatches(leak, { sourceId, enterpriseId })) continue
    if (!best || leak.plume.at > best.at) best = leak.plume
  }
  return best
}

/** A deadline settled by an act at time `at`: met strictly before dueAt, missed at or after it. */
function settle(d: DeadlineRecord | null, at: number): DeadlineRecord | null {
  if (!d || d.status !== 'pending') return d
  return { ...d, status: at < d.dueAt ? 'met' : 'missed', at }
}

function standDown(st: StepRecord, at: number): StepRecord {
  const cancel = (d: DeadlineRecord | null): DeadlineRecord | null =>
    d && d.status === 'pending' ? { ...d, status: 'cancelled', at } : d
  return { ...st, status: 'stood_down', ack: cancel(st.ack), complete: cancel(st.complete) }
}

function withIncident(s: ResponseState, id: string, f: (inc: IncidentRecord) => IncidentRecord): ResponseState {
  const inc = s.incidents[id]
  if (!inc) return s
  const next = f(inc)
  return next === inc ? s : { ...s, incidents: { ...s.incidents, [id]: next } }
}

function withStep(
  s: ResponseState,
  incidentId: string,
  stepId: string,
  f: (st: StepRecord) => StepRecord,
): ResponseState {
  return withIncident(s, incidentId, (inc) => {
    const st = inc.steps[stepId]
    if (!st) return inc
    const next = f(st)
    return next === st ? inc : { ...inc, steps: { ...inc.steps, [stepId]: next } }
  })
}

function mapSteps(inc: IncidentRecord, f: (st: StepRecord) => StepRecord): Record<string, StepRecord> {
  let changed = false
  const out: Record<string, StepRecord> = {}
  for (const id of inc.stepOrder) {
    const st = inc.steps[id]
    const n = f(st)
    if (n !== st) changed = true
    out[id] = n
  }
  return changed ? out : inc.steps
}

/** Tiers active for an incident at tier `t` (it and every tier below). */
export const activeTiers = (t: Tier): Tier[] => TIERS.slice(0, tierRank(t) + 1)
