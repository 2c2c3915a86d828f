import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { createRng } from '@sim/core/rng'
import { createSignalModel, stepSignals } from '@sim/sensors/deviceSignals'
import { createAlarmEngine, type AlarmBody, type AlarmSnapshot } from '@sim/alarms'
import { Harness, T0, alarmScene } from './fixtures'

/** One step of a random operating history. */
type Step =
  | { kind: 'read'; dev: number; value: number; dt: number }
  | { kind: 'tick'; dt: number }
  | { kind: 'ack'; pick: number }
  | { kind: 'shelve'; pick: number; minutes: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      dev: fc.nat(7),
      value: fc.oneof(
        fc.double({ min: -5, max: 110, noNaN: true }),
        fc.constantFrom(0, 24.9, 25.1, 30, 55, 130, 850, 95),
      ),
      dt: fc.nat(3000),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), dt: fc.nat(40_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ack' as const), pick: fc.nat(20) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('shelve' as const),
      pick: fc.nat(20),
      minutes: fc.integer({ min: 1, max: 120 }),
    }),
  },
)

/** Drive a harness through steps from time t; returns the bodies it produced and the end time. */
function drive(
  h: Harness,
  steps: Step[],
  t: number,
  onRaise?: (b: AlarmBody) => void,
): { bodies: AlarmBody[]; t: number } {
  const bodies: AlarmBody[] = []
  for (const s of steps) {
    if (s.kind === 'read') {
      t += s.dt
      const out = h.engine.evaluate(t, [s.dev], [s.value])
      if (onRaise) out.filter((b) => b.type === 'alarm.raised').forEach(onRaise)
      bodies.push(...h.commit(out))
    } else if (s.kind === 'tick') {
      t += s.dt
      const out = h.engine.tick(t)
      if (onRaise) out.filter((b) => b.type === 'alarm.raised').forEach(onRaise)
      bodies.push(...h.commit(out))
    } else {
      const open = h.engine.snapshot({ signals: false }).active
      if (open.length === 0) continue
      const a = open[s.pick % open.length]
      const r =
        s.kind === 'ack'
          ? h.engine.acknowledge(a.id, 'op', t)
          : h.engine.shelve(a.id, 'op', 'fuzz', t + s.minutes * 60_000, t)
      if (!('error' in r)) bodies.push(...h.commit([r]))
    }
  }
  return { bodies, t }
}

const fold = (events: Harness['log']): AlarmSnapshot => {
  const e = createAlarmEngine(alarmScene())
  for (const ev of events) e.apply(ev)
  return e.snapshot()
}

describe('alarm engine determinism', () => {
  const stats = { raises: 0 }
  it('property: never two open alarms for one device+condition; folding the log twice gives identical snapshots', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), (steps) => {
        const h = new Harness()
        drive(h, steps, T0, (b) => {
          if (b.type !== 'alarm.raised') return
          stats.raises++
          // At the moment of a raise the point may only hold a returned-unacknowledged alarm.
          const prev = h.engine
            .snapshot({ signals: false })
            .active.find((a) => a.deviceId === b.deviceId && a.condition === b.condition)
          expect(prev?.active ?? false).toBe(false)
        })
        const snap = h.engine.snapshot({ signals: false })
        const points = snap.active.map((a) => `${a.deviceId}|${a.condition}`)
        expect(new Set(points).size).toBe(points.length)
        const ids = [...snap.active, ...snap.history].map((a) => a.id)
        expect(new Set(ids).size).toBe(ids.length)
        // Bodies are plain JSON (no NaN, no undefined): they are hashed, stored and sent as they are.
        expect(JSON.parse(JSON.stringify(h.log))).toEqual(h.log)
        const a = fold(h.log)
        const b = fold(h.log)
        expect(JSON.stringify(a)).toBe(JSON.stringify(b))
        // The live engine's lifecycle equals a pure fold of its log.
        const { signals: _s, ...live } = h.engine.snapshot()
        const { signals: _f, ...folded } = a
        expect(folded).toEqual(live)
      }),
      { numRuns: 150, seed: 20260701 },
    )
    expect(stats.raises).toBeGreaterThan(100)
  })

  it('property: snapshot → JSON → restore → continue equals the uninterrupted run', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 200 }), fc.nat(), (steps, cut) => {
        const k = 1 + (cut % (steps.length - 1))
        const whole = new Harness()
        const first = drive(whole, steps.slice(0, k), T0)
        const rest = drive(whole, steps.slice(k), first.t)

        const part = new Harness()
        drive(part, steps.slice(0, k), T0)
        const keyframe = JSON.parse(JSON.stringify(part.engine.snapshot())) as AlarmSnapshot
        const resumed = new Harness()
        resumed.engine.restore(keyframe)
        resumed.seq = part.seq
        const rest2 = drive(resumed, steps.slice(k), first.t)
        expect(rest2.bodies).toEqual(rest.bodies)
        expect(resumed.engine.snapshot()).toEqual(whole.engine.snapshot())
      }),
      { numRuns: 100, seed: 7 },
    )
  })

  it('a simulated hour of 10 Hz telemetry with a leak: restore mid-way reproduces the rest exactly', () => {
    const scene = alarmScene(16)
    const n = scene.devices.length
    const run = (cutAt: number | null) => {
      let h = new Harness(scene)
      const m = createSignalModel(scene.devices, { dropoutP: 1e-3 })
      const rng = createRng(42)
      const v = new Float32Array(n)
      const st = new Uint8Array(n)
      const overlay = new Float32Array(n)
      const idx = Array.from({ length: n }, (_, i) => i)
      const after: AlarmBody[] = []
      for (let k = 0; k < 36_000; k++) {
        const t = T0 + k * 100
        // A leak near gd-0 from minute 10 to 20, ramping up, ambient 36 °C from minute 30.
        const leak = k > 6000 && k < 12_000 ? Math.min(70, (k - 6000) / 40) : 0
        for (let i = 0; i < 4; i++) overlay[i] = leak / (1 + i)
        overlay[scene.devices.findIndex((d) => d.id === 'met-t')] = k > 18_000 ? 10 : 0
        stepSignals(m, 0.1, rng, v, st, overlay)
        const out = h.commit(h.engine.evaluate(t, idx, v))
        if (k % 10 === 0) out.push(...h.tick(t))
        if (k > 10_000) after.push(...out)
        if (k === cutAt) {
          const snap = JSON.parse(JSON.stringify(h.engine.snapshot())) as AlarmSnapshot
          const seq = h.seq
          h = new Harness(scene)
          h.engine.restore(snap)
          h.seq = seq
        }
      }
      return { h, after }
    }
    const a = run(10_000)
    const b = run(null)
    const types = new Set(b.h.log.map((e) => e.type))
    expect(types).toContain('alarm.raised')
    expect(types).toContain('thresholds.changed')
    expect(a.after.length).toBeGreaterThan(0)
    expect(a.after).toEqual(b.after)
    expect(a.h.engine.snapshot()).toEqual(b.h.engine.snapshot())
    // No false alarms from clean-air noise: every process alarm is on a leaking detector.
    const raisedOn = new Set(
      b.h.log
        .filter((e) => e.type === 'alarm.raised' && e.condition !== 'offline')
        .map((e) => (e as { deviceId: string }).deviceId),
    )
    for (const d of raisedOn) expect(['gd-0', 'gd-1', 'gd-2', 'gd-3']).toContain(d)
  })
})

describe('restore without signal state', () => {
  it('a screen snapshot (no signals) restored and continued keeps ids unique and clears the open alarm', () => {
    const h = new Harness()
    h.hold(T0, 'gd-0', 30, 3)
    h.hold(T0 + 1000, 'gd-0', 2, 10)
    h.ok(h.engine.acknowledge('gd-0:high:1', 'op', T0 + 2000))
    h.hold(T0 + 3000, 'gd-0', 30, 3)
    const r = new Harness()
    r.engine.restore(JSON.parse(JSON.stringify(h.engine.snapshot({ signals: false }))) as AlarmSnapshot)
    r.seq = h.seq
    expect(r.hold(T0 + 4000, 'gd-0', 2, 10)).toMatchObject([{ type: 'alarm.cleared', alarmId: 'gd-0:high:2' }])
    expect(r.hold(T0 + 5000, 'gd-0', 30, 3)).toMatchObject([{ type: 'alarm.raised', alarmId: 'gd-0:high:3' }])
  })

  it('a replay engine folding a live log agrees on what is active, then judges on from there', () => {
    const live = new Harness()
    live.hold(T0, 'gd-0', 60, 3)
    const replay = new Harness()
    for (const e of live.log) replay.engine.apply(e)
    replay.seq = live.seq
    // Already red there: the next high reading is no new alarm.
    expect(replay.hold(T0 + 1000, 'gd-0', 61, 3)).toEqual([])
    expect(replay.hold(T0 + 2000, 'gd-0', 1, 10)).toMatchObject([{ type: 'alarm.cleared', alarmId: 'gd-0:high:1' }])
    // Events already applied (seq ≤ last) are ignored.
    for (const e of live.log) replay.engine.apply(e)
    expect(replay.engine.snapshot().active.map((a) => [a.id, a.state])).toEqual([['gd-0:high:1', 'rtn_unack']])
  })
})
