import { describe, it, expect } from 'vitest'
import { DeviceStatus } from '@sim/protocol/telemetryFrame'
import type { AlarmBody } from '@sim/alarms'
import { Harness, T0, alarmScene, raised } from './fixtures'

const only = (bodies: AlarmBody[], id: string) => bodies.filter((b) => JSON.stringify(b).includes(`"${id}`))

describe('sensor faults', () => {
  it('stuck value: no change beyond ε for 60 s → device.fault + blue alarm; a change clears both', () => {
    const h = new Harness()
    const out = h.hold(T0, 'gd-0', 12.34, 601, 100)
    expect(h.types(out)).toEqual(['device.fault', 'alarm.raised'])
    expect(out[1]).toMatchObject({ alarmId: 'gd-0:stuck:1', condition: 'stuck', severity: 'blue', at: T0 + 60_000 })
    expect(h.types(h.read(T0 + 60_100, { 'gd-0': 12.9 }))).toEqual(['device.fault_cleared', 'alarm.cleared'])
  })

  it('a gas detector resting at 0 in clean air is not stuck', () => {
    const h = new Harness()
    expect(h.hold(T0, 'gd-0', 0, 1200, 100)).toEqual([])
  })

  it('out of physical range → range fault after 3 readings; thresholds are held, not judged', () => {
    const h = new Harness()
    const out = h.hold(T0, 'gd-0', 130, 3)
    expect(out).toMatchObject([
      { type: 'device.fault', fault: 'range', value: 130 },
      { type: 'alarm.raised', alarmId: 'gd-0:range:1', severity: 'blue', condition: 'range' },
    ])
    expect(raised(h.hold(T0 + 1000, 'gd-0', 130, 10)).filter((b) => b.condition === 'high')).toEqual([])
    const back = h.hold(T0 + 2000, 'gd-0', 10, 3)
    expect(h.types(back)).toEqual(['device.fault_cleared', 'alarm.cleared'])
    const s = h.engine.snapshot()
    expect(s.devices).toEqual([])
  })

  it('silent for 30 s → offline (frame status too); the next reading brings it online', () => {
    const h = new Harness()
    const ids = h.scene.devices.map((d) => d.id)
    h.read(T0, Object.fromEntries(ids.map((id) => [id, id === 'met-t' ? 20 : id === 'pt-1' ? 500 : 1])))
    expect(h.tick(T0 + 29_000)).toEqual([])
    h.read(
      T0 + 29_500,
      Object.fromEntries(
        ids.filter((id) => id !== 'gd-1').map((id) => [id, id === 'met-t' ? 20 : id === 'pt-1' ? 500 : 1.1]),
      ),
    )
    const off = h.tick(T0 + 30_000)
    expect(off).toMatchObject([
      { type: 'device.offline', deviceId: 'gd-1', lastSeen: T0 },
      { type: 'alarm.raised', alarmId: 'gd-1:offline:1', severity: 'blue' },
    ])
    expect(h.tick(T0 + 31_000)).toEqual([])
    const status = new Uint8Array(ids.length)
    h.engine.writeDeviceStatus(status)
    expect(status[h.idx('gd-1')]).toBe(DeviceStatus.offline)
    expect(status[h.idx('gd-0')]).toBe(DeviceStatus.ok)
    expect(h.types(h.read(T0 + 40_000, { 'gd-1': 1 }))).toEqual(['device.online', 'alarm.cleared'])
    expect(h.engine.snapshot().devices).toEqual([])
  })

  it('devices that never report go offline counted from the first tick', () => {
    const h = new Harness(alarmScene(1))
    h.tick(T0)
    const off = h.tick(T0 + 30_000)
    expect(off.filter((b) => b.type === 'device.offline').map((b) => (b as { deviceId: string }).deviceId)).toEqual([
      'gd-0',
      'pt-1',
      'gd-far',
      'gd-b',
    ])
    expect(only(h.tick(T0 + 60_000), 'met-ws').map((b) => b.type)).toEqual(['device.offline', 'alarm.raised'])
  })
})

describe('credit grade', () => {
  const fault = (h: Harness, id: string, t: number) => h.hold(t, id, 130, 3).concat(h.hold(t + 1000, id, 10, 3))

  it('three consecutive anomaly episodes lower the grade A→B; anomalies of one episode count once', () => {
    const h = new Harness()
    const credit = () => h.log.filter((e) => e.type === 'credit.changed')
    fault(h, 'gd-0', T0)
    fault(h, 'gd-1', T0 + 5000) // same episode (within 10 min)
    fault(h, 'gd-2', T0 + 11 * 60_000)
    expect(credit()).toEqual([])
    expect(h.engine.snapshot().credit.find((c) => c.enterpriseId === 'ent-a')).toMatchObject({ grade: 'A', streak: 2 })
    const third = fault(h, 'gd-0', T0 + 22 * 60_000)
    expect(third.find((b) => b.type === 'credit.changed')).toMatchObject({
      enterpriseId: 'ent-a',
      from: 'A',
      to: 'B',
      devices: ['gd-0', 'gd-2', 'gd-0'],
    })
    const rec = h.engine.snapshot().credit.find((c) => c.enterpriseId === 'ent-a')!
    expect(rec).toMatchObject({ grade: 'B', streak: 0 })
    expect(rec.changes).toHaveLength(1)
    expect(rec.anomalies.length).toBe(4)
    // Other enterprises are untouched.
    expect(h.engine.snapshot().credit.find((c) => c.enterpriseId === 'ent-b')).toMatchObject({ grade: 'A', streak: 0 })
  })

  it('a clean audit day between anomalies restarts the streak', () => {
    const h = new Harness()
    fault(h, 'gd-0', T0)
    fault(h, 'gd-0', T0 + 3_600_000)
    fault(h, 'gd-0', T0 + 3_600_000 + 86_400_000 + 1)
    expect(h.log.filter((e) => e.type === 'credit.changed')).toEqual([])
    expect(h.engine.snapshot().credit[0]).toMatchObject({ grade: 'A', streak: 1 })
  })

  it('keeps lowering down to D and no further', () => {
    const h = new Harness()
    for (let k = 0; k < 15; k++) fault(h, 'gd-0', T0 + k * 3_600_000)
    const changes = h.log.filter((e) => e.type === 'credit.changed').map((e) => (e as { to: string }).to)
    expect(changes).toEqual(['B', 'C', 'D'])
  })
})
