import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  applyTwinEffects,
  effectiveRelease,
  initialPlantState,
  isolationValvesOf,
  leakAt,
  type ActionExecuted,
} from '@sim/response'
import { T0, demo } from './fixtures'

const act = (action: ActionExecuted['action'], targetIds: string[], at: number, by = 'rule:test'): ActionExecuted => ({
  type: 'action.executed',
  incidentId: null,
  stepId: null,
  at,
  by,
  action,
  targetIds,
})

describe('actions on the twin', () => {
  it('valves, units and curtains follow action.executed; other events leave the twin as it is', () => {
    const { scene } = demo()
    let tw = initialPlantState(scene)
    expect(tw.valves['CA-XV-T101'].state).toBe('open')
    tw = applyTwinEffects(tw, act('close_isolation_valves', ['CA-XV-T101'], T0))
    tw = applyTwinEffects(tw, act('shutdown_unit', ['CA-U02'], T0, 'operator-7'))
    tw = applyTwinEffects(tw, act('start_water_curtain', ['CA-T101'], T0))
    expect(tw.valves['CA-XV-T101']).toEqual({ state: 'closed', changedAt: T0, by: 'rule:test' })
    expect(tw.units['CA-U02']).toEqual({ state: 'shutdown', changedAt: T0, by: 'operator-7' })
    expect(tw.curtains['CA-T101']).toEqual({ since: T0, by: 'rule:test' })
    expect(applyTwinEffects(tw, { type: 'alarm.raised' })).toBe(tw)
    tw = applyTwinEffects(tw, act('stop_water_curtain', ['CA-T101'], T0 + 1))
    expect(tw.curtains).toEqual({})
  })

  it('the isolation valves of a chlorine tank are its root valve and the tank-farm ESD valve', () => {
    expect(isolationValvesOf(demo().scene, 'CA-T101')).toEqual(['CA-ESDV-TF1', 'CA-XV-T101'])
  })
})

describe('effectiveRelease', () => {
  const { scene } = demo()
  const leak = leakAt(scene, 'CA-T101', 2, 200) // 2 kg/s, 200 kg trapped: τ = 200 s

  it('is the uncontrolled rate until every isolation valve is closed', () => {
    let tw = initialPlantState(scene)
    expect(effectiveRelease(leak, tw, T0).rateKgS).toBe(2)
    tw = applyTwinEffects(tw, act('close_isolation_valves', ['CA-XV-T101'], T0))
    expect(effectiveRelease(leak, tw, T0 + 10_000)).toMatchObject({ rateKgS: 2, isolated: false })
  })

  it('after closure falls linearly to zero by closure + 2·holdup/rate, releasing exactly the hold-up', () => {
    const tw = applyTwinEffects(
      initialPlantState(scene),
      act('close_isolation_valves', isolationValvesOf(scene, 'CA-T101'), T0),
    )
    expect(effectiveRelease(leak, tw, T0)).toMatchObject({
      rateKgS: 2,
      isolated: true,
      isolatedAt: T0,
      stopsAt: T0 + 200_000,
    })
    expect(effectiveRelease(leak, tw, T0 + 100_000).rateKgS).toBeCloseTo(1, 12)
    expect(effectiveRelease(leak, tw, T0 + 200_000).rateKgS).toBe(0)
    expect(effectiveRelease(leak, tw, T0 + 10 * 60_000)).toMatchObject({ rateKgS: 0, releasedSinceIsolationKg: 200 })
    // The valves' own time decides: asked about a moment before closure, the leak still runs.
    expect(effectiveRelease(leak, tw, T0 - 1).rateKgS).toBe(2)
  })

  it('property: monotone non-increasing after closure, zero from stopsAt on, released mass never above the hold-up', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.array(fc.nat(3_600_000), { minLength: 2, maxLength: 20 }),
        (rate, holdup, ts) => {
          const l = leakAt(scene, 'CA-T101', rate, holdup)
          const tw = applyTwinEffects(initialPlantState(scene), act('close_isolation_valves', l.valveIds, T0))
          const sorted = [...ts].sort((a, b) => a - b)
          let prev = Infinity
          for (const dt of sorted) {
            const r = effectiveRelease(l, tw, T0 + dt)
            expect(r.rateKgS).toBeLessThanOrEqual(prev + 1e-12)
            expect(r.releasedSinceIsolationKg).toBeLessThanOrEqual(holdup * (1 + 1e-9))
            if (T0 + dt >= r.stopsAt!) expect(r.rateKgS).toBe(0)
            prev = r.rateKgS
          }
        },
      ),
    )
  })

  it('re-opening a valve restores the uncontrolled rate', () => {
    let tw = applyTwinEffects(initialPlantState(scene), act('close_isolation_valves', leak.valveIds, T0))
    tw = applyTwinEffects(tw, act('open_valves', ['CA-XV-T101'], T0 + 60_000, 'operator-1'))
    expect(effectiveRelease(leak, tw, T0 + 120_000)).toMatchObject({ rateKgS: 2, isolated: false })
  })
})
