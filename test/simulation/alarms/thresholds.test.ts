import { describe, it, expect } from 'vitest'
import { SEVERITY_COLORS, SEVERITY_LABELS, resolveAlarmRules, type AlarmRaised, type AlarmUpdated } from '@sim/alarms'
import { Harness, T0, raised } from './fixtures'

describe('alarm thresholds', () => {
  it('raises orange above high and escalates to red above highHigh, one alarm throughout', () => {
    const h = new Harness()
    expect(h.hold(T0, 'gd-0', 20, 5)).toEqual([])
    const up = h.hold(T0 + 1000, 'gd-0', 30, 3)
    expect(up).toHaveLength(1)
    const r = up[0] as AlarmRaised
    expect(r).toMatchObject({
      type: 'alarm.raised',
      alarmId: 'gd-0:high:1',
      level: 'high',
      severity: 'orange',
      value: 30,
      limit: 25,
      condition: 'high',
    })
    const esc = h.hold(T0 + 2000, 'gd-0', 60, 3)
    expect(esc).toMatchObject([
      { type: 'alarm.updated', alarmId: 'gd-0:high:1', level: 'highHigh', severity: 'red', limit: 50 },
    ])
    const s = h.engine.snapshot()
    expect(s.active).toHaveLength(1)
    expect(s.active[0]).toMatchObject({
      id: 'gd-0:high:1',
      severity: 'red',
      peakSeverity: 'red',
      state: 'unack',
      peak: 60,
    })
    expect(s.counts.red).toBe(1)
  })

  it('judges low bands of a pressure transmitter (yellow, then orange at lowLow)', () => {
    const h = new Harness()
    h.hold(T0, 'pt-1', 500, 3)
    expect(h.hold(T0 + 1000, 'pt-1', 150, 3)).toMatchObject([
      { type: 'alarm.raised', alarmId: 'pt-1:low:1', level: 'low', severity: 'yellow' },
    ])
    expect(h.hold(T0 + 2000, 'pt-1', 50, 3)).toMatchObject([
      { type: 'alarm.updated', level: 'lowLow', severity: 'orange' },
    ])
    expect(h.hold(T0 + 3000, 'pt-1', 850, 10)).toMatchObject([
      { type: 'alarm.raised', alarmId: 'pt-1:high:1', severity: 'yellow' },
      { type: 'alarm.cleared', alarmId: 'pt-1:low:1', peak: 50 },
    ])
  })

  it('debounces by N consecutive readings: a 2-reading spike does not alarm, a 3-reading one does', () => {
    const h = new Harness()
    expect(h.hold(T0, 'gd-0', 30, 2)).toEqual([])
    expect(h.read(T0 + 300, { 'gd-0': 5 })).toEqual([])
    expect(h.hold(T0 + 400, 'gd-0', 30, 3)).toHaveLength(1)
  })

  it('debounces by duration, completed by tick() when readings stop', () => {
    const h = new Harness(undefined, {
      types: { gas_combustible: { onDelay: { readings: 1, ms: 2000 }, stuck: null } },
    })
    expect(h.hold(T0, 'gd-0', 30, 10)).toEqual([]) // 0.9 s held
    expect(h.tick(T0 + 1500).filter((b) => b.type === 'alarm.raised')).toEqual([])
    const done = raised(h.tick(T0 + 2000))
    expect(done).toMatchObject([{ alarmId: 'gd-0:high:1', at: T0 + 2000, value: 30 }])
    // …and by the reading that completes it, when readings continue.
    expect(h.hold(T0, 'gd-1', 30, 20, 100)).toEqual([])
    expect(raised(h.read(T0 + 2000, { 'gd-1': 31 }))).toHaveLength(1)
  })

  it('hysteresis: no chatter while the value wanders around the limit, clears below limit − deadband', () => {
    const h = new Harness()
    h.hold(T0, 'gd-0', 26, 3)
    const wobble: string[] = []
    for (let k = 0; k < 200; k++)
      wobble.push(...h.types(h.read(T0 + 1000 + k * 100, { 'gd-0': 25 + (k % 2 ? 0.8 : -0.8) })))
    expect(wobble).toEqual([])
    // deadband = 2 % of the 100 %LEL span: 23.5 is still inside, 22.9 is out for 10 readings.
    expect(h.hold(T0 + 30_000, 'gd-0', 23.5, 20)).toEqual([])
    expect(h.hold(T0 + 40_000, 'gd-0', 22.9, 9)).toEqual([])
    expect(h.hold(T0 + 41_000, 'gd-0', 22.9, 1)).toMatchObject([
      { type: 'alarm.cleared', alarmId: 'gd-0:high:1', peak: 26 },
    ])
  })

  it('emits a peak update only every peakStepPct of span', () => {
    const h = new Harness(undefined, { types: { gas_combustible: { stuck: null } } })
    h.hold(T0, 'gd-0', 30, 3)
    const ups = h.hold(T0 + 1000, 'gd-0', 35, 3).concat(h.hold(T0 + 2000, 'gd-0', 41, 3))
    expect(ups).toHaveLength(1)
    expect(ups[0] as AlarmUpdated).toMatchObject({ type: 'alarm.updated', peak: 41, severity: 'orange' })
  })

  it('rate of rise raises a yellow alarm before the level limit is reached', () => {
    const h = new Harness(undefined, { types: { gas_combustible: { stuck: null } } })
    // 0 → 20 %LEL in 40 s = 30 %LEL/min, far above 5 %span/min; stays below high (25).
    const out: string[] = []
    for (let k = 0; k <= 400; k++)
      out.push(
        ...h
          .read(T0 + k * 100, { 'gd-0': (20 * k) / 400 })
          .map((b) => (b.type === 'alarm.raised' ? `${b.alarmId}/${b.severity}` : b.type)),
      )
    expect(out).toEqual(['gd-0:rate:1/yellow'])
    // Flat afterwards: the rate falls below half the limit and the alarm clears.
    const later = h.hold(T0 + 41_000, 'gd-0', 20.001, 700)
    expect(later.map((b) => b.type)).toContain('alarm.cleared')
  })

  it('dynamic thresholds: ≥ 35 °C lowers gas limits by 10 %, back with 1 °C hysteresis', () => {
    const h = new Harness()
    expect(h.read(T0, { 'met-t': 35.2 })).toMatchObject([{ type: 'thresholds.changed', step: 0, factor: 0.9 }])
    const r = raised(h.hold(T0 + 100, 'gd-0', 24, 3))
    expect(r).toMatchObject([{ alarmId: 'gd-0:high:1', limit: 22.5 }])
    expect(h.read(T0 + 1000, { 'met-t': 34.5 })).toEqual([]) // inside hysteresis
    expect(h.read(T0 + 2000, { 'met-t': 41 })).toMatchObject([{ type: 'thresholds.changed', step: 1, factor: 0.8 }])
    expect(h.read(T0 + 3000, { 'met-t': 33.9 })).toMatchObject([{ type: 'thresholds.changed', step: -1, factor: 1 }])
    // Pressure is not a gas: its limits never move.
    expect(h.engine.snapshot().dynamic).toMatchObject({ step: -1, factor: 1, ambient: 33.9 })
  })

  it('exports colours and labels for the four severities and validates config', () => {
    expect(Object.keys(SEVERITY_COLORS)).toEqual(['red', 'orange', 'yellow', 'blue'])
    expect(SEVERITY_LABELS.red.zh).toBe('红色')
    expect(SEVERITY_LABELS.blue.en).toBe('Blue')
    expect(() => resolveAlarmRules({ flood: { window_s: -1 } })).toThrow(/flood.window_s/)
    expect(resolveAlarmRules({ devices: { 'gd-0': { deadbandPct: 5 } } }).devices['gd-0'].deadbandPct).toBe(5)
  })
})
