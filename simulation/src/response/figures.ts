/**
 * The customer's figures per incident, from the log: time from the first alarm to valves closed,
 * to the fire brigade notified, to the park tier active and to the government notified, and how
 * every deadline went. Computed by folding the log (the same fold the screens run), so a replay,
 * a drill report and the live panel quote the same numbers.
 *
 * Intervals start at the first alarm of the incident; an incident opened by a person has no alarm
 * and its intervals start at the opening.
 */
// The pattern that keeps Node's 'events' module out of the kernel also matches our events/ folder.

import type { EventMeta } from '../events/envelope'
import { foldResponse } from './reducer'
import type { Tier } from './planSchema'
import { initialResponseState, type DeadlineStatus, type IncidentRecord, type ResponseState } from './state'

/** The pilot result to beat (after a gas-leak alarm): valves closed ≤ 3 min, fire brigade told ≤ 5 min. */
export const PILOT_TARGETS = { valvesClosedMs: 3 * 60_000, fireBrigadeNotifiedMs: 5 * 60_000 } as const

export interface Interval {
  /** Absolute simulated time, or null when it has not happened (yet). */
  at: number | null
  /** ms since the start (first alarm, else opening), or null. */
  ms: number | null
}

export interface DeadlineFigure {
  stepId: string
  tier: Tier
  role: string | null
  which: 'acknowledge' | 'complete'
  dueAt: number
  status: DeadlineStatus
  /** When it was met, missed or cancelled. */
  at: number | null
  /** at − dueAt: negative = margin, positive = how late (null while pending). */
  slackMs: number | null
}

export interface IncidentFigures {
  incidentId: string
  incidentType: IncidentRecord['incidentType']
  level: IncidentRecord['level']
  drill: boolean
  start: number
  startsAt: 'first_alarm' | 'opened'
  toOpened: Interval
  toValvesClosed: Interval
  toFireBrigadeNotified: Interval
  toFireBrigadeDelivered: Interval
  toParkTier: Interval
  toGovernmentTier: Interval
  toGovernmentNotified: Interval
  /** Against the pilot: true/false once it happened (or is late already at `now`), null while still open. */
  pilot: { valvesWithin3min: boolean | null; fireBrigadeWithin5min: boolean | null }
  deadlines: DeadlineFigure[]
  deadlinesMet: number
  deadlinesMissed: number
  deadlinesPending: number
}

const interval = (start: number, at: number | null): Interval => ({ at, ms: at === null ? null : at - start })

function pilotCheck(ms: number | null, limit: number, now: number | null, start: number): boolean | null {
  if (ms !== null) return ms <= limit
  return now !== null && now - start > limit ? false : null
}

/** Figures of one incident from a folded state; `now` lets an unfinished figure count as late once past its target. */
export function figuresOf(inc: IncidentRecord, now: number | null = null): IncidentFigures {
  const m = inc.milestones
  const start = m.firstAlarmAt ?? m.openedAt
  const deadlines: DeadlineFigure[] = []
  for (const id of inc.stepOrder) {
    const st = inc.steps[id]
    for (const [which, d] of [
      ['acknowledge', st.ack],
      ['complete', st.complete],
    ] as const) {
      if (!d) continue
      deadlines.push({
        stepId: st.id,
        tier: st.tier,
        role: st.role,
        which,
        dueAt: d.dueAt,
        status: d.status,
        at: d.at,
        slackMs: d.at === null ? null : d.at - d.dueAt,
      })
    }
  }
  const valves = interval(start, m.valvesClosedAt)
  const brigade = interval(start, m.fireBrigadeNotifiedAt)
  const gasLeak = inc.incidentType === 'gas_leak_toxic' || inc.incidentType === 'gas_leak_flammable'
  return {
    incidentId: inc.id,
    incidentType: inc.incidentType,
    level: inc.level,
    drill: inc.drill,
    start,
    startsAt: m.firstAlarmAt === null ? 'opened' : 'first_alarm',
    toOpened: interval(start, m.openedAt),
    toValvesClosed: valves,
    toFireBrigadeNotified: brigade,
    toFireBrigadeDelivered: interval(start, m.fireBrigadeDeliveredAt),
    toParkTier: interval(start, m.parkTierAt),
    toGovernmentTier: interval(start, m.governmentTierAt),
    toGovernmentNotified: interval(start, m.governmentNotifiedAt),
    pilot: gasLeak
      ? {
          valvesWithin3min: pilotCheck(valves.ms, PILOT_TARGETS.valvesClosedMs, now, start),
          fireBrigadeWithin5min: pilotCheck(brigade.ms, PILOT_TARGETS.fireBrigadeNotifiedMs, now, start),
        }
      : { valvesWithin3min: null, fireBrigadeWithin5min: null },
    deadlines,
    deadlinesMet: deadlines.filter((d) => d.status === 'met').length,
    deadlinesMissed: deadlines.filter((d) => d.status === 'missed').length,
    deadlinesPending: deadlines.filter((d) => d.status === 'pending').length,
  }
}

/** Figures of every incident in a folded state, in opening order. */
export function figuresOfState(state: ResponseState, now: number | null = state.t): IncidentFigures[] {
  return state.incidentOrder.map((id) => figuresOf(state.incidents[id], now))
}

/** Figures straight from a log (a replay, a drill report): fold it, then read the milestones. */
export function figuresFromLog(events: readonly (EventMeta & { type: string })[], now?: number): IncidentFigures[] {
  const state = foldResponse(initialResponseState(), events)
  return figuresOfState(state, now ?? state.t)
}
