import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  acknowledgeStep,
  completeStep,
  closeIncident,
  foldResponse,
  initialResponseState,
  reduceResponse,
  setTier,
  pendingTimers,
  tierRank,
  type ResponseLoop,
  type ResponseState,
} from '@sim/response'
import { MIN, T0, demo, leakStarted, loop, raised, zones } from './fixtures'

/** One step of a random incident history, interpreted against the current state. */
type Op =
  | { kind: 'alarm'; dev: number; red: boolean; dt: number }
  | { kind: 'wait'; dt: number }
  | { kind: 'ack' | 'complete'; pick: number; role: number; dt: number }
  | { kind: 'plume'; reach: number; dt: number }
  | { kind: 'tier'; pick: number; tier: number; force: boolean }
  | { kind: 'close'; pick: number }

const DEVICES = ['CA-GT001', 'CA-GT003', 'CA-GC001', 'AM-GT001', 'PH-GT019', 'CA-PT-T101', 'GS-GC001']
const ROLES = [
  'ent.shift_lead',
  'ent.safety_officer',
  'ent.commander',
  'park.duty_officer',
  'park.commander',
  'gov.commander',
]
const TIERS = ['enterprise', 'park', 'government'] as const

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('alarm' as const),
      dev: fc.nat(DEVICES.length - 1),
      red: fc.boolean(),
      dt: fc.nat(30_000),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), dt: fc.integer({ min: 0, max: 20 * MIN }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom('ack' as const, 'complete' as const),
      pick: fc.nat(50),
      role: fc.nat(ROLES.length - 1),
      dt: fc.nat(6 * MIN),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('plume' as const), reach: fc.nat(3), dt: fc.nat(60_000) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tier' as const), pick: fc.nat(5), tier: fc.nat(2), force: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), pick: fc.nat(5) }) },
)

/** Drive a loop through the ops; commands refused by the checks are simply skipped (as the server would). */
function play(ops: Op[]): ResponseLoop {
  const { clock, l } = loop()
  const { plans } = demo()
  let leaks = 0
  const apply = (r: ReturnType<typeof setTier>) => {
    if (r.ok) for (const b of r.bodies) l.append(b)
  }
  for (const o of ops) {
    const open = l.state.incidentOrder.map((id) => l.state.incidents[id]).filter((i) => i.status === 'open')
    switch (o.kind) {
      case 'alarm': {
        clock.advance(o.dt)
        const dev = DEVICES[o.dev]
        const n = Object.keys(l.state.alarmIncident).filter((a) => a.startsWith(dev + ':')).length + 1
        l.append(raised(dev, o.red ? 'red' : 'orange', clock.now(), n))
        break
      }
      case 'wait':
        clock.advance(o.dt)
        break
      case 'ack':
      case 'complete': {
        clock.advance(o.dt)
        const steps = open.flatMap((i) => i.stepOrder.map((s) => ({ inc: i.id, step: s })))
        if (!steps.length) break
        const pick = steps[o.pick % steps.length]
        const cmd = { incidentId: pick.inc, stepId: pick.step, by: 'user', role: ROLES[o.role], at: clock.now() }
        apply(o.kind === 'ack' ? acknowledgeStep(l.state, plans, cmd) : completeStep(l.state, plans, cmd))
        break
      }
      case 'plume': {
        clock.advance(o.dt)
        const inc = open.find((i) => i.sourceId)
        if (!inc) break
        const id = `L${++leaks}`
        l.append(leakStarted(id, inc.sourceId!, inc.enterpriseId!, clock.now()))
        const reach = [
          {},
          { outsideSourceFence: true },
          { outsideSourceFence: true, outsideBoundary: true },
          { targets: ['ST-VILLAGE'] },
        ][o.reach]
        l.append(zones(id, clock.now(), reach))
        break
      }
      case 'tier': {
        if (!open.length) break
        const inc = open[o.pick % open.length]
        apply(
          setTier(l.state, plans, {
            incidentId: inc.id,
            tier: TIERS[o.tier],
            by: 'cmdr',
            at: clock.now(),
            reason: 'test',
            force: o.force,
          }),
        )
        break
      }
      case 'close': {
        if (!open.length) break
        apply(
          closeIncident(l.state, {
            incidentId: open[o.pick % open.length].id,
            by: 'cmdr',
            at: clock.now(),
            reason: 'test',
          }),
        )
        break
      }
    }
  }
  return l
}

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x))

describe('reduceResponse properties', () => {
  it('the same events always give the same log and state; folding the log again gives that state', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const a = play(ops)
        const b = play(ops)
        expect(json(b.log)).toEqual(json(a.log))
        expect(json(b.state)).toEqual(json(a.state))
        // A replay folds the logged decisions without deciding: same state.
        expect(json(foldResponse(initialResponseState(), a.log))).toEqual(json(a.state))
      }),
      { numRuns: 40 },
    )
  })

  it('folding in chunks with JSON round trips between equals folding in one go (restartability)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(fc.nat(1000), { maxLength: 6 }), (ops, cuts) => {
        const log = play(ops).log
        const whole = foldResponse(initialResponseState(), log)
        const points = [...new Set(cuts.map((c) => c % (log.length + 1)))].sort((x, y) => x - y)
        let s: ResponseState = initialResponseState()
        let from = 0
        for (const p of [...points, log.length]) {
          s = json(foldResponse(s, log.slice(from, p)))
          from = p
        }
        expect(s).toEqual(json(whole))
        // Re-applying an overlapping tail (keyframe + tail) changes nothing.
        expect(json(foldResponse(s, log.slice(Math.floor(log.length / 2))))).toEqual(json(whole))
      }),
      { numRuns: 40 },
    )
  })

  it('invariants: timers belong to open incidents, missed escalating deadlines raised the tier, events unrelated to the response are ignored', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), (ops) => {
        const l = play(ops)
        const s = l.state
        for (const t of Object.values(s.timers)) expect(s.incidents[t.incidentId].status).toBe('open')
        for (const id of s.incidentOrder) {
          const inc = s.incidents[id]
          if (inc.status !== 'open') continue
          expect(inc.tierHistory[0]).toMatchObject({ direction: 'initial', tier: 'enterprise' })
          if (inc.level === 1) expect(inc.tierHistory.some((h) => h.tier === 'government')).toBe(true)
          for (const sid of inc.stepOrder) {
            const st = inc.steps[sid]
            if (st.ack?.status === 'missed' && st.tier === 'enterprise' && st.role === 'ent.commander') {
              // E-start-plan / E-evacuate escalate on a miss: the park tier was reached at some point.
              expect(inc.tierHistory.some((h) => tierRank(h.tier) >= 1)).toBe(true)
            }
          }
        }
        expect(pendingTimers(s).every((p, i, arr) => i === 0 || arr[i - 1].dueAt <= p.dueAt)).toBe(true)
        const same = reduceResponse(s, {
          seq: 10_000,
          t: T0,
          wall: T0,
          sceneId: 'x',
          source: 'd',
          operator: null,
          drill: false,
          type: 'readings.batch',
        })
        expect(same).toBe(s)
      }),
      { numRuns: 40 },
    )
  })
})
