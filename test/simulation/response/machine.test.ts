import { describe, it, expect } from 'vitest'
import { VirtualClock } from '@sim/core/clock'
import {
  acknowledgeStep,
  closeIncident,
  completeStep,
  createResponseLoop,
  pendingTimers,
  setTier,
  type IncidentRecord,
  type ResponseLoop,
  type ZoneReach,
} from '@sim/response'
import type { AlarmUpdated } from '@sim/alarms/types'
import { CL2_DETECTOR, MIN, T0, demo, leakStarted, loop, raised, zones } from './fixtures'

const only = (l: ResponseLoop): IncidentRecord => {
  const ids = l.state.incidentOrder
  expect(ids).toHaveLength(1)
  return l.state.incidents[ids[0]]
}

function ack(l: ResponseLoop, stepId: string, role: string, at: number) {
  const r = acknowledgeStep(l.state, demo().plans, { incidentId: only(l).id, stepId, by: 'user-1', role, at })
  if (!r.ok) throw new Error(r.error)
  for (const b of r.bodies) l.append(b)
}

describe('alarm → incident', () => {
  it('a red Cl2 alarm at the chlorine tank opens a level 2 toxic incident on CA-T101, isolated and reported at once', () => {
    const { l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    const inc = only(l)
    expect(inc).toMatchObject({
      incidentType: 'gas_leak_toxic',
      level: 2,
      grade: 'II',
      colour: 'orange',
      enterpriseId: 'qinglan-chloralkali',
      sourceId: 'CA-T101',
      tier: 'enterprise',
    })
    expect(l.twin.valves['CA-XV-T101'].state).toBe('closed')
    expect(l.twin.valves['CA-ESDV-TF1'].state).toBe('closed')
    expect(l.twin.valves['CA-XV-T102'].state).toBe('open')
    expect(inc.milestones.valvesClosedAt).toBe(T0)
    // Chlor-alkali has no plant brigade: the park station is told, by webhook and phone.
    const brigade = Object.values(inc.notifications).filter((n) => n.to.kind === 'fire_brigade')
    expect(brigade.map((n) => `${n.to.id}:${n.channel}`)).toEqual(['PK-FS:webhook', 'PK-FS:phone'])
    expect(inc.milestones.fireBrigadeNotifiedAt).toBe(T0)
    // Every logged decision names its rule; none names an operator.
    for (const e of l.log.slice(1)) {
      expect(e.source).toMatch(/^rule:/)
      expect(e.operator).toBeNull()
    }
  })

  it('a second detector on the same tank joins the incident; orange → red on a combustible detector raises the level', () => {
    const { l } = loop()
    l.append(raised(CL2_DETECTOR, 'orange', T0))
    l.append(raised('CA-GT002', 'red', T0 + 1000))
    expect(only(l).alarmIds).toEqual(['CA-GT001:high:1', 'CA-GT002:high:1'])

    const g = loop().l
    g.append(raised('CA-GC001', 'orange', T0))
    expect(only(g)).toMatchObject({ incidentType: 'gas_leak_flammable', level: 2, tier: 'enterprise' })
    const updated: AlarmUpdated = {
      type: 'alarm.updated',
      alarmId: 'CA-GC001:high:1',
      at: T0 + 5000,
      level: 'highHigh',
      severity: 'red',
      value: 55,
      limit: 50,
      peak: 55,
    }
    g.append(updated)
    const inc = only(g)
    expect(inc).toMatchObject({ level: 1, grade: 'I', colour: 'red', planId: 'flammable-L1', tier: 'government' })
    expect(inc.levelHistory).toEqual([expect.objectContaining({ from: 2, to: 1, at: T0 + 5000 })])
    // The level 1 plan's extra enterprise steps start too (the plant shutdown).
    expect(inc.steps['E-shutdown']?.status).toBe('completed')
  })

  it('blue fault alarms and met-station alarms open nothing', () => {
    const { l } = loop()
    l.append(raised(CL2_DETECTOR, 'blue', T0, 1, 'stuck'))
    l.append(raised('MET-WS', 'orange', T0))
    expect(l.state.incidentOrder).toEqual([])
  })

  it('level 1 (combustible highHigh: explosion precursor) goes to government at once, with shutdown and direct report', () => {
    const { l } = loop()
    l.append(raised('CA-GC001', 'red', T0))
    const inc = only(l)
    expect(inc.level).toBe(1)
    expect(inc.grade).toBe('I')
    expect(inc.tier).toBe('government')
    expect(inc.tierHistory.map((h) => `${h.direction}:${h.tier}:${h.reason}`)).toEqual([
      'initial:enterprise:opened',
      'up:government:level',
    ])
    expect(inc.milestones.governmentTierAt).toBe(T0)
    expect(inc.milestones.governmentNotifiedAt).toBe(T0)
    // Automatic shutdown of every running unit of the plant.
    for (const u of ['CA-U01', 'CA-U02', 'CA-U03', 'CA-U04', 'CA-U05']) expect(l.twin.units[u].state).toBe('shutdown')
    expect(l.twin.units['AM-U11'].state).toBe('running')
  })
})

describe('deadlines', () => {
  const ACK_DUE = T0 + 5 * MIN // E-start-plan: acknowledge within 5 min

  it('acknowledged at dueAt − 1 ms is on time: the ack timer is cancelled and nothing escalates', () => {
    const { clock, l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    clock.advanceTo(ACK_DUE - 1)
    ack(l, 'E-start-plan', 'ent.commander', ACK_DUE - 1)
    expect(pendingTimers(l.state).map((t) => t.id)).not.toContain('INC-0001/E-start-plan/ack')
    clock.advanceTo(ACK_DUE + MIN)
    const inc = only(l)
    expect(inc.steps['E-start-plan'].ack).toMatchObject({ status: 'met', at: ACK_DUE - 1 })
    expect(inc.tier).toBe('enterprise')
  })

  it('a timer firing at dueAt escalates to the park tier (acknowledging at dueAt is too late)', () => {
    const { clock, l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    clock.advanceTo(ACK_DUE)
    ack(l, 'E-start-plan', 'ent.commander', ACK_DUE)
    const inc = only(l)
    expect(inc.tier).toBe('park')
    const up = inc.tierHistory.find((h) => h.direction === 'up')!
    expect(up).toMatchObject({ at: ACK_DUE, reason: 'deadline_missed', tier: 'park' })
    expect(inc.steps['E-start-plan'].ack?.status).toBe('missed')
    expect(inc.steps['E-start-plan'].overdue).toBe(true)
    expect(inc.milestones.parkTierAt).toBe(ACK_DUE)
  })

  it('a late acknowledgement with the timer still pending leaves the timer to escalate', () => {
    const { clock, l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    clock.advanceTo(ACK_DUE - 1)
    // Logged with t = dueAt before the clock's timer ran (the same instant, the ack first).
    ack(l, 'E-start-plan', 'ent.commander', ACK_DUE)
    expect(pendingTimers(l.state).map((t) => t.id)).toContain('INC-0001/E-start-plan/ack')
    clock.advanceTo(ACK_DUE)
    expect(only(l).tier).toBe('park')
  })

  it('completing on time cancels every timer of the step, reminders included', () => {
    const { clock, l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    clock.advanceTo(T0 + MIN)
    const r = completeStep(l.state, demo().plans, {
      incidentId: 'INC-0001',
      stepId: 'E-start-plan',
      by: 'u',
      role: 'ent.commander',
      at: T0 + MIN,
    })
    expect(r.ok).toBe(true)
    if (r.ok) r.bodies.forEach((b) => l.append(b))
    expect(pendingTimers(l.state).filter((t) => t.id.includes('E-start-plan'))).toEqual([])
    const st = only(l).steps['E-start-plan']
    expect(st.ack?.status).toBe('met')
    expect(st.complete?.status).toBe('met')
  })

  it('a commander covers for a role; another tier may not; unknown steps are refused', () => {
    const { l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    const p = demo().plans
    expect(
      acknowledgeStep(l.state, p, {
        incidentId: 'INC-0001',
        stepId: 'E-field-check',
        by: 'u',
        role: 'ent.commander',
        at: T0,
      }).ok,
    ).toBe(true)
    expect(
      acknowledgeStep(l.state, p, {
        incidentId: 'INC-0001',
        stepId: 'E-field-check',
        by: 'u',
        role: 'park.commander',
        at: T0,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' })
    expect(
      acknowledgeStep(l.state, p, { incidentId: 'INC-0001', stepId: 'nope', by: 'u', role: 'ent.commander', at: T0 }),
    ).toMatchObject({ ok: false, code: 'not_found' })
  })

  it('closing an incident cancels all its timers', () => {
    const { clock, l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    const r = closeIncident(l.state, { incidentId: 'INC-0001', by: 'u', at: T0 + 1000, reason: 'all clear' })
    if (!r.ok) throw new Error(r.error)
    clock.advance(1000)
    r.bodies.forEach((b) => l.append(b))
    expect(pendingTimers(l.state)).toEqual([])
    clock.advance(3 * 60 * MIN)
    expect(only(l).tier).toBe('enterprise')
  })
})

describe('plume escalation and de-escalation', () => {
  it('AEGL-2 beyond the fence activates the park tier; boundary or a target activates government', () => {
    const cases: [Partial<ZoneReach>, string][] = [
      [{ outsideSourceFence: true }, 'park'],
      [{ outsideSourceFence: true, outsideBoundary: true }, 'government'],
      [{ targets: ['ST-SCHOOL'] }, 'government'],
    ]
    for (const [reach, tier] of cases) {
      const { l } = loop()
      l.append(raised(CL2_DETECTOR, 'red', T0))
      l.append(leakStarted('L1', 'CA-T101', 'qinglan-chloralkali', T0))
      l.append(zones('L1', T0 + 20_000, reach))
      expect(only(l).tier).toBe(tier)
    }
  })

  it('an AEGL-3-only crossing escalates nothing in the demo plans (the rules name AEGL-2)', () => {
    const { l } = loop()
    l.append(raised(CL2_DETECTOR, 'red', T0))
    l.append(leakStarted('L1', 'CA-T101', 'qinglan-chloralkali', T0))
    l.append(zones('L1', T0 + 1000, {}, { outsideSourceFence: true }))
    expect(only(l).tier).toBe('enterprise')
  })

  it('a plume modelled before the alarm counts when the incident opens; a plume of another source does not', () => {
    const { l } = loop()
    l.append(leakStarted('L1', 'CA-T101', 'qinglan-chloralkali', T0))
    l.append(leakStarted('L2', 'AM-T301', 'lanjiang-fertiliser', T0))
    l.append(zones('L2', T0 + 1000, { outsideBoundary: true }))
    l.append(zones('L1', T0 + 1000, { outsideSourceFence: true }))
    l.append(raised(CL2_DETECTOR, 'red', T0 + 2000))
    expect(only(l).tier).toBe('park')
  })

  it('standing down is refused while the plume still crosses, allowed once it retreats, and stands the tier down', () => {
    const { clock, l } = loop()
    const p = demo().plans
    l.append(raised(CL2_DETECTOR, 'red', T0))
    l.append(leakStarted('L1', 'CA-T101', 'qinglan-chloralkali', T0))
    l.append(zones('L1', T0 + 1000, { outsideSourceFence: true }))
    expect(only(l).tier).toBe('park')
    expect(pendingTimers(l.state).some((t) => t.id.includes('/P-'))).toBe(true)
    clock.advanceTo(T0 + 2 * MIN)
    expect(
      setTier(l.state, p, {
        incidentId: 'INC-0001',
        tier: 'enterprise',
        by: 'cmdr',
        at: T0 + 2 * MIN,
        reason: 'contained',
      }),
    ).toMatchObject({ ok: false, code: 'conflict' })
    l.append(zones('L1', T0 + 2 * MIN, {}))
    const r = setTier(l.state, p, {
      incidentId: 'INC-0001',
      tier: 'enterprise',
      by: 'cmdr',
      at: T0 + 2 * MIN,
      reason: 'contained',
    })
    if (!r.ok) throw new Error(r.error)
    r.bodies.forEach((b) => l.append(b))
    const inc = only(l)
    expect(inc.tier).toBe('enterprise')
    expect(inc.tierHistory.at(-1)).toMatchObject({ direction: 'down', reason: 'stand_down', by: 'cmdr', from: 'park' })
    expect(pendingTimers(l.state).some((t) => t.id.includes('/P-'))).toBe(false)
    expect(inc.steps['P-dispatch'].status).toBe('stood_down')
    expect(inc.steps['P-dispatch'].ack?.status).toBe('cancelled')
    // The stand-down is by a person: the envelope names them as operator.
    expect(l.log.findLast((e) => e.type === 'incident.tier_activated')?.operator).toBe('cmdr')
    // A fresh crossing escalates again.
    l.append(zones('L1', T0 + 3 * MIN, { outsideSourceFence: true }))
    expect(only(l).tier).toBe('park')
  })

  it('level 1 cannot be stood down below government without force', () => {
    const { l } = loop()
    l.append(raised('CA-GC001', 'red', T0))
    const p = demo().plans
    expect(setTier(l.state, p, { incidentId: 'INC-0001', tier: 'park', by: 'c', at: T0, reason: 'x' }).ok).toBe(false)
    expect(
      setTier(l.state, p, { incidentId: 'INC-0001', tier: 'park', by: 'c', at: T0, reason: 'x', force: true }).ok,
    ).toBe(true)
  })
})

describe('restart', () => {
  it('a pending deadline fires at the right simulated time after stop, JSON round trip and resume', () => {
    const { scene, plans } = demo()
    const clock = new VirtualClock(T0)
    const a = createResponseLoop({ sceneId: scene.id, scene, plans, clock })
    a.append(raised(CL2_DETECTOR, 'red', T0))
    clock.advanceTo(T0 + 2 * MIN)
    a.stop()
    const saved = JSON.parse(JSON.stringify({ state: a.state, twin: a.twin, lastSeq: a.log.at(-1)!.seq }))
    // Down for a while, but back before the 5-minute deadline.
    clock.advanceTo(T0 + 4 * MIN)
    const b = createResponseLoop({ sceneId: scene.id, scene, plans, clock, resume: saved })
    clock.advanceTo(T0 + 6 * MIN)
    const up = b.state.incidents['INC-0001'].tierHistory.find((h) => h.direction === 'up')
    expect(up).toMatchObject({ at: T0 + 5 * MIN, reason: 'deadline_missed' })
    expect(b.log[0].seq).toBe(saved.lastSeq + 1)
  })

  it('after a longer outage an overdue timer fires at once on resume, judged by its dueAt', () => {
    const { scene, plans } = demo()
    const clock = new VirtualClock(T0)
    const a = createResponseLoop({ sceneId: scene.id, scene, plans, clock })
    a.append(raised(CL2_DETECTOR, 'red', T0))
    a.stop()
    const saved = JSON.parse(JSON.stringify({ state: a.state, twin: a.twin, lastSeq: a.log.at(-1)!.seq }))
    clock.advanceTo(T0 + 7 * MIN)
    const b = createResponseLoop({ sceneId: scene.id, scene, plans, clock, resume: saved })
    clock.advance(0)
    const fired = b.log.find((e) => e.type === 'timer.fired' && e.timerId === 'INC-0001/E-start-plan/ack')!
    expect(fired).toMatchObject({ dueAt: T0 + 5 * MIN, t: T0 + 7 * MIN })
    expect(b.state.incidents['INC-0001'].steps['E-start-plan'].ack?.status).toBe('missed')
  })
})
