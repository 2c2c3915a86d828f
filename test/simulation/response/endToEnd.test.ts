/**
 * A scripted pure run of the whole response on the demo park: a red Cl2 alarm at the chlorine
 * tank farm → level 2 incident → valves closed and fire brigade told within seconds → the AEGL-2
 * zone leaves the fence → park tier → the park commander is late → government tier notified.
 * Every deadline and reminder is a logged timer fired by the VirtualClock loop.
 */
import { describe, it, expect } from 'vitest'
import {
  acknowledgeStep,
  completeStep,
  effectiveRelease,
  figuresFromLog,
  leakAt,
  type ResponseBody,
} from '@sim/response'
import { CL2_DETECTOR, MIN, T0, demo, leakStarted, loop, raised, zones } from './fixtures'

describe('end to end (pure): Cl2 leak at CA-T101 to the government tier', () => {
  it('runs the three tiers with every timer from the log, and the figures beat the pilot', () => {
    const { scene, plans } = demo()
    const { clock, l } = loop()
    const person = (r: { ok: true; bodies: ResponseBody[] } | { ok: false; error: string }) => {
      if (!r.ok) throw new Error(r.error)
      r.bodies.forEach((b) => l.append(b))
    }

    // t = 0: the leak starts; the detector's red alarm comes 3 s later.
    l.append(leakStarted('LK-1', 'CA-T101', 'qinglan-chloralkali', T0, 2.5))
    clock.advanceTo(T0 + 3000)
    l.append(raised(CL2_DETECTOR, 'red', T0 + 3000))
    const id = l.state.incidentOrder[0]
    let inc = l.state.incidents[id]
    expect(inc).toMatchObject({ level: 2, sourceId: 'CA-T101', tier: 'enterprise', origin: 'alarm_rule' })

    // The plant's commander and safety officer acknowledge in time.
    clock.advanceTo(T0 + 90_000)
    person(
      acknowledgeStep(l.state, plans, {
        incidentId: id,
        stepId: 'E-start-plan',
        by: 'zhang.wei',
        role: 'ent.commander',
        at: clock.now(),
      }),
    )
    person(
      acknowledgeStep(l.state, plans, {
        incidentId: id,
        stepId: 'E-field-check',
        by: 'li.na',
        role: 'ent.safety_officer',
        at: clock.now(),
      }),
    )

    // 40 s: the plume service reports the AEGL-2 zone beyond the chlor-alkali fence.
    clock.advanceTo(T0 + 40_000 + 90_000)
    l.append(zones('LK-1', clock.now(), { outsideSourceFence: true, fences: ['park-wastewater'] }))
    inc = l.state.incidents[id]
    expect(inc.tier).toBe('park')
    expect(inc.tierHistory.at(-1)).toMatchObject({ reason: 'plume_outside_fence' })

    // Nobody at the park acknowledges "dispatch resources" within 5 min: the timer escalates.
    const parkAt = inc.milestones.parkTierAt!
    clock.advanceTo(parkAt + 5 * MIN - 1)
    expect(l.state.incidents[id].tier).toBe('park')
    clock.advanceTo(parkAt + 5 * MIN)
    inc = l.state.incidents[id]
    expect(inc.tier).toBe('government')
    expect(inc.tierHistory.at(-1)).toMatchObject({ reason: 'deadline_missed', at: parkAt + 5 * MIN })
    const gov = Object.values(inc.notifications).filter(
      (n) => n.to.tier === 'government' && n.to.kind !== 'fire_brigade',
    )
    expect(gov.map((n) => `${n.to.id}:${n.channel}`)).toContain('gov.duty_officer:webhook')
    expect(Object.values(inc.notifications).some((n) => n.to.kind === 'fire_brigade' && n.to.id === 'GOV-FS')).toBe(
      true,
    )

    // The enterprise completes its plan in time; the 30-min deadline is met, its reminders never fire.
    clock.advanceTo(T0 + 20 * MIN)
    person(
      completeStep(l.state, plans, {
        incidentId: id,
        stepId: 'E-start-plan',
        by: 'zhang.wei',
        role: 'ent.commander',
        at: clock.now(),
      }),
    )
    clock.advanceTo(T0 + 3 * 60 * MIN)
    inc = l.state.incidents[id]
    expect(inc.steps['E-start-plan'].complete?.status).toBe('met')
    expect(
      l.log.some((e) => e.type === 'timer.fired' && String(e.timerId).startsWith(`${id}/E-start-plan/remind`)),
    ).toBe(false)

    // The valves the rule closed stop the release within the model's time (2·200 kg / 2.5 kg/s = 160 s).
    const leak = leakAt(scene, 'CA-T101', 2.5)
    const closedAt = inc.milestones.valvesClosedAt!
    expect(effectiveRelease(leak, l.twin, closedAt + 159_000).rateKgS).toBeGreaterThan(0)
    expect(effectiveRelease(leak, l.twin, closedAt + 160_000).rateKgS).toBe(0)

    // The customer's figures from the log: automatic steps in seconds, not the pilot's minutes.
    const [f] = figuresFromLog(l.log, clock.now())
    expect(f.start).toBe(T0 + 3000)
    expect(f.toValvesClosed.ms).toBe(0)
    expect(f.toFireBrigadeNotified.ms).toBe(0)
    expect(f.toParkTier.ms).toBe(40_000 + 87_000)
    expect(f.toGovernmentTier.ms).toBe(40_000 + 87_000 + 5 * MIN)
    expect(f.toGovernmentNotified.ms).toBe(f.toGovernmentTier.ms)
    expect(f.pilot).toEqual({ valvesWithin3min: true, fireBrigadeWithin5min: true })
    expect(f.deadlines.find((d) => d.stepId === 'P-dispatch' && d.which === 'acknowledge')?.status).toBe('missed')

    // Every timer.fired in the log was scheduled earlier, fired at its dueAt, and at most once.
    const scheduled = new Map(l.log.filter((e) => e.type === 'timer.scheduled').map((e) => [e.timerId, e]))
    const fired = l.log.filter((e) => e.type === 'timer.fired')
    expect(new Set(fired.map((e) => e.timerId)).size).toBe(fired.length)
    for (const e of fired) {
      const s = scheduled.get(e.timerId)!
      expect(s.seq).toBeLessThan(e.seq)
      expect(e.t).toBe(s.dueAt)
    }
    // Seq has no gaps and simulated time never runs backwards.
    l.log.forEach((e, i) => {
      expect(e.seq).toBe(i + 1)
      if (i) expect(e.t).toBeGreaterThanOrEqual(l.log[i - 1].t)
    })
  })
})
