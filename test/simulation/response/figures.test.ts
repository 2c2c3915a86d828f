import { describe, it, expect } from 'vitest'
import { figuresFromLog, type ResponseBody } from '@sim/response'
import { T0 } from './fixtures'

const S = 1000
const MIN = 60 * S

/** A hand-written log: an incident opened 4 s after its alarm, with the times the figures should measure. */
function scriptedLog() {
  const I = 'INC-0001'
  const by = 'rule:test'
  const bodies: (ResponseBody | { type: string; at: number })[] = [
    { type: 'alarm.raised', at: T0 },
    {
      type: 'incident.opened',
      incidentId: I,
      at: T0 + 4 * S,
      by,
      origin: 'alarm_rule',
      incidentType: 'gas_leak_toxic',
      level: 2,
      grade: 'II',
      colour: 'orange',
      planId: 'toxic-L2',
      enterpriseId: 'e',
      sourceId: 'T1',
      sourceKind: 'tank',
      substance: 'Cl2',
      alarmId: 'gd:high:1',
      deviceId: 'gd',
      alarmAt: T0,
      severity: 'red',
      title: { zh: '泄漏', en: 'Leak' },
    },
    {
      type: 'incident.tier_activated',
      incidentId: I,
      at: T0 + 4 * S,
      by,
      tier: 'enterprise',
      from: null,
      direction: 'initial',
      reason: 'opened',
      detail: '',
    },
    {
      type: 'step.started',
      incidentId: I,
      stepId: 'plan',
      at: T0 + 4 * S,
      by,
      tier: 'enterprise',
      kind: 'task',
      planId: 'toxic-L2',
      title: { zh: '预案', en: 'Plan' },
      role: 'ent.commander',
      ackDueAt: T0 + 4 * S + 5 * MIN,
      completeDueAt: T0 + 4 * S + 30 * MIN,
    },
    {
      type: 'timer.scheduled',
      timerId: 't-ack',
      incidentId: I,
      stepId: 'plan',
      at: T0 + 4 * S,
      by,
      dueAt: T0 + 4 * S + 5 * MIN,
      purpose: 'ack_deadline',
    },
    {
      type: 'timer.scheduled',
      timerId: 't-done',
      incidentId: I,
      stepId: 'plan',
      at: T0 + 4 * S,
      by,
      dueAt: T0 + 4 * S + 30 * MIN,
      purpose: 'complete_deadline',
    },
    {
      type: 'step.started',
      incidentId: I,
      stepId: 'check',
      at: T0 + 4 * S,
      by,
      tier: 'enterprise',
      kind: 'task',
      planId: 'toxic-L2',
      title: { zh: '侦检', en: 'Check' },
      role: 'ent.safety_officer',
      ackDueAt: T0 + 4 * S + 3 * MIN,
      completeDueAt: null,
    },
    {
      type: 'timer.scheduled',
      timerId: 't-check',
      incidentId: I,
      stepId: 'check',
      at: T0 + 4 * S,
      by,
      dueAt: T0 + 4 * S + 3 * MIN,
      purpose: 'ack_deadline',
    },
    // Valves closed by hand at 2 min 10 s (the rule had nothing to act on in this script).
    {
      type: 'action.executed',
      incidentId: I,
      stepId: null,
      at: T0 + 130 * S,
      by: 'op-1',
      action: 'close_isolation_valves',
      targetIds: ['V1', 'V2'],
    },
    {
      type: 'notification.sent',
      notificationId: 'n1',
      incidentId: I,
      stepId: null,
      at: T0 + 200 * S,
      by,
      to: { kind: 'fire_brigade', id: 'PK-FS', tier: 'park' },
      channel: 'webhook',
      purpose: 'step',
      message: { zh: '', en: '' },
    },
    {
      type: 'notification.failed',
      notificationId: 'n1',
      at: T0 + 201 * S,
      by: 'outbox',
      attempt: 1,
      error: 'ECONNREFUSED',
      retryAt: T0 + 203 * S,
    },
    { type: 'notification.delivered', notificationId: 'n1', at: T0 + 203 * S, by: 'outbox', attempt: 2 },
    {
      type: 'step.acknowledged',
      incidentId: I,
      stepId: 'plan',
      at: T0 + 4 * S + 5 * MIN - 1,
      by: 'op-2',
      role: 'ent.commander',
    },
    { type: 'timer.cancelled', timerId: 't-ack', at: T0 + 4 * S + 5 * MIN - 1, by, reason: 'acknowledged' },
    {
      type: 'timer.fired',
      timerId: 't-check',
      incidentId: I,
      stepId: 'check',
      purpose: 'ack_deadline',
      at: T0 + 4 * S + 3 * MIN,
      by: 'system:timer',
      dueAt: T0 + 4 * S + 3 * MIN,
    },
    {
      type: 'incident.tier_activated',
      incidentId: I,
      at: T0 + 11 * MIN,
      by,
      tier: 'park',
      from: 'enterprise',
      direction: 'up',
      reason: 'plume_outside_fence',
      detail: '',
    },
    {
      type: 'notification.sent',
      notificationId: 'n2',
      incidentId: I,
      stepId: null,
      at: T0 + 11 * MIN + 1,
      by,
      to: { kind: 'role', id: 'park.commander', tier: 'park' },
      channel: 'in_app',
      purpose: 'step',
      message: { zh: '', en: '' },
    },
    {
      type: 'incident.tier_activated',
      incidentId: I,
      at: T0 + 20 * MIN,
      by,
      tier: 'government',
      from: 'park',
      direction: 'up',
      reason: 'plume_outside_boundary',
      detail: '',
    },
    {
      type: 'notification.sent',
      notificationId: 'n3',
      incidentId: I,
      stepId: null,
      at: T0 + 20 * MIN + 2 * S,
      by,
      to: { kind: 'role', id: 'gov.duty_officer', tier: 'government' },
      channel: 'phone',
      purpose: 'step',
      message: { zh: '', en: '' },
    },
  ]
  bodies.sort((a, b) => a.at - b.at)
  return bodies.map((b, i) => ({
    ...b,
    seq: i + 1,
    t: b.at,
    wall: b.at,
    sceneId: 's',
    source: 'x',
    operator: null,
    drill: false,
  }))
}

describe('figures from the log', () => {
  it('match hand-computed intervals from the first alarm', () => {
    const [f] = figuresFromLog(scriptedLog(), T0 + 25 * MIN)
    expect(f.startsAt).toBe('first_alarm')
    expect(f.start).toBe(T0)
    expect(f.toOpened.ms).toBe(4 * S)
    expect(f.toValvesClosed).toEqual({ at: T0 + 130 * S, ms: 130 * S })
    expect(f.toFireBrigadeNotified.ms).toBe(200 * S)
    expect(f.toFireBrigadeDelivered.ms).toBe(203 * S)
    expect(f.toParkTier.ms).toBe(11 * MIN)
    expect(f.toGovernmentTier.ms).toBe(20 * MIN)
    expect(f.toGovernmentNotified.ms).toBe(20 * MIN + 2 * S)
    // 2 min 10 s ≤ 3 min; 3 min 20 s ≤ 5 min.
    expect(f.pilot).toEqual({ valvesWithin3min: true, fireBrigadeWithin5min: true })
  })

  it('report each deadline: met 1 ms early, missed when its timer fired, pending with its due time', () => {
    const [f] = figuresFromLog(scriptedLog(), T0 + 25 * MIN)
    expect(f.deadlines).toEqual([
      {
        stepId: 'plan',
        tier: 'enterprise',
        role: 'ent.commander',
        which: 'acknowledge',
        dueAt: T0 + 4 * S + 5 * MIN,
        status: 'met',
        at: T0 + 4 * S + 5 * MIN - 1,
        slackMs: -1,
      },
      {
        stepId: 'plan',
        tier: 'enterprise',
        role: 'ent.commander',
        which: 'complete',
        dueAt: T0 + 4 * S + 30 * MIN,
        status: 'pending',
        at: null,
        slackMs: null,
      },
      {
        stepId: 'check',
        tier: 'enterprise',
        role: 'ent.safety_officer',
        which: 'acknowledge',
        dueAt: T0 + 4 * S + 3 * MIN,
        status: 'missed',
        at: T0 + 4 * S + 3 * MIN,
        slackMs: 0,
      },
    ])
    expect([f.deadlinesMet, f.deadlinesMissed, f.deadlinesPending]).toEqual([1, 1, 1])
  })

  it('a figure that has not happened is null, and counts as late against the pilot once its target has passed', () => {
    const log = scriptedLog().filter((e) => e.type !== 'action.executed')
    const [early] = figuresFromLog(log, T0 + 2 * MIN)
    expect(early.toValvesClosed).toEqual({ at: null, ms: null })
    expect(early.pilot.valvesWithin3min).toBeNull()
    const [late] = figuresFromLog(log, T0 + 4 * MIN)
    expect(late.pilot.valvesWithin3min).toBe(false)
  })
})
