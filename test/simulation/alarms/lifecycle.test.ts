import { describe, it, expect } from 'vitest'
import type { AlarmAcknowledged, AlarmShelved } from '@sim/alarms'
import { Harness, T0, raised } from './fixtures'

const noStuck = { types: { gas_combustible: { stuck: null } } }

describe('alarm lifecycle', () => {
  it('UNACK → ACKED → cleared closes it, each step with who and when', () => {
    const h = new Harness()
    h.hold(T0, 'gd-0', 30, 3)
    const ack = h.ok(h.engine.acknowledge('gd-0:high:1', 'op-li', T0 + 5000)) as AlarmAcknowledged
    expect(ack).toEqual({ type: 'alarm.acknowledged', alarmId: 'gd-0:high:1', at: T0 + 5000, by: 'op-li' })
    expect(h.engine.snapshot().active[0]).toMatchObject({ state: 'acked', ackedBy: 'op-li', ackedAt: T0 + 5000 })
    h.hold(T0 + 6000, 'gd-0', 5, 10)
    const s = h.engine.snapshot()
    expect(s.active).toEqual([])
    expect(s.history[0]).toMatchObject({
      id: 'gd-0:high:1',
      state: 'closed',
      closedCause: 'cleared',
      clearedAt: T0 + 6900,
    })
    expect(s.history[0].transitions.map((x) => [x.what, x.by])).toEqual([
      ['raised', null],
      ['acknowledged', 'op-li'],
      ['cleared', null],
      ['closed', null],
    ])
  })

  it('cleared while unacknowledged stays visible (RTNUN) until acknowledged', () => {
    const h = new Harness()
    h.hold(T0, 'gd-0', 30, 3)
    h.hold(T0 + 1000, 'gd-0', 5, 10)
    expect(h.engine.snapshot().active[0]).toMatchObject({ state: 'rtn_unack', active: false })
    h.ok(h.engine.acknowledge('gd-0:high:1', 'op-wang', T0 + 9000))
    expect(h.engine.snapshot().history[0]).toMatchObject({ closedCause: 'acknowledged', ackedBy: 'op-wang' })
  })

  it('refuses bad commands with a reason', () => {
    const h = new Harness()
    h.hold(T0, 'gd-0', 30, 3)
    expect(h.engine.acknowledge('nope:high:1', 'op', T0)).toEqual({ error: 'unknown alarm nope:high:1' })
    expect(h.engine.acknowledge('gd-0:high:1', '', T0)).toHaveProperty('error')
    h.ok(h.engine.acknowledge('gd-0:high:1', 'op', T0 + 1))
    expect(h.engine.acknowledge('gd-0:high:1', 'op2', T0 + 2)).toHaveProperty(
      'error',
      'alarm gd-0:high:1 is already acknowledged by op',
    )
    h.hold(T0 + 1000, 'gd-0', 5, 10)
    expect(h.engine.acknowledge('gd-0:high:1', 'op', T0 + 3000)).toEqual({
      error: 'alarm gd-0:high:1 is already closed',
    })
  })

  it('one alarm per device and condition; a re-raise gets the next number and supersedes an RTNUN one', () => {
    const h = new Harness()
    const all = []
    for (let k = 0; k < 50; k++) all.push(...h.read(T0 + k * 100, { 'gd-0': 30 + (k % 7) }))
    expect(raised(all)).toHaveLength(1)
    h.hold(T0 + 10_000, 'gd-0', 5, 10) // clears, unacknowledged → RTNUN
    expect(raised(h.hold(T0 + 20_000, 'gd-0', 30, 3))).toMatchObject([{ alarmId: 'gd-0:high:2', n: 2 }])
    const s = h.engine.snapshot()
    expect(s.active.map((a) => a.id)).toEqual(['gd-0:high:2'])
    expect(s.history[0]).toMatchObject({ id: 'gd-0:high:1', closedCause: 'superseded' })
  })

  it('groups a flood: same enterprise and zone/radius within the window → one line', () => {
    const h = new Harness(undefined, noStuck)
    h.hold(T0, 'gd-0', 30, 3)
    h.hold(T0 + 1000, 'gd-3', 60, 3) // same zone z1, 5 m away
    h.hold(T0 + 2000, 'gd-far', 30, 3) // 150 m away, no shared zone → own group
    h.hold(T0 + 3000, 'gd-b', 30, 3) // another enterprise → own group
    h.hold(T0 + 120_000, 'gd-1', 30, 3) // same zone but outside the 60 s window
    const s = h.engine.snapshot()
    const byId = Object.fromEntries(s.active.map((a) => [a.id, a]))
    expect(byId['gd-3:high:1']).toMatchObject({ parentId: 'gd-0:high:1', suppressed: true })
    expect(byId['gd-0:high:1']).toMatchObject({
      parentId: null,
      children: ['gd-3:high:1'],
      groupSeverity: 'red',
      severity: 'orange',
    })
    expect(byId['gd-far:high:1'].parentId).toBeNull()
    expect(byId['gd-b:high:1'].parentId).toBeNull()
    expect(byId['gd-1:high:1'].parentId).toBeNull()
    expect(s.counts).toMatchObject({ red: 1, orange: 3, unacked: 4, open: 5 })
    // Newest first.
    expect(s.active[0].id).toBe('gd-1:high:1')
    // Acknowledging the group's line acknowledges its children.
    h.ok(h.engine.acknowledge('gd-0:high:1', 'op', T0 + 130_000))
    expect(h.engine.snapshot().active.find((a) => a.id === 'gd-3:high:1')).toMatchObject({
      acknowledged: true,
      ackedBy: 'op',
    })
  })

  it('when a group root closes, its oldest open child becomes the root', () => {
    const h = new Harness(undefined, noStuck)
    h.hold(T0, 'gd-0', 30, 3)
    h.hold(T0 + 1000, 'gd-1', 30, 3)
    h.hold(T0 + 2000, 'gd-2', 30, 3)
    h.ok(h.engine.acknowledge('gd-0:high:1', 'op', T0 + 3000))
    h.hold(T0 + 4000, 'gd-0', 1, 10)
    const s = h.engine.snapshot()
    expect(s.active.map((a) => [a.id, a.parentId, a.suppressed])).toEqual([
      ['gd-2:high:1', 'gd-1:high:1', true],
      ['gd-1:high:1', null, false],
    ])
  })

  it('process alarms and fault alarms never share a group', () => {
    const h = new Harness()
    h.hold(T0, 'gd-0', 30, 3)
    h.hold(T0 + 1000, 'gd-1', 130, 3)
    expect(h.engine.snapshot().active.find((a) => a.id === 'gd-1:range:1')!.parentId).toBeNull()
  })

  it('shelving needs a reason and an expiry, refuses red, and expires through tick()', () => {
    const h = new Harness(undefined, noStuck)
    h.hold(T0, 'gd-0', 30, 3)
    const id = 'gd-0:high:1'
    expect(h.engine.shelve(id, 'op', '', T0 + 60_000, T0)).toHaveProperty('error')
    expect(h.engine.shelve(id, 'op', 'calibration', T0 - 1, T0)).toHaveProperty('error')
    expect(h.engine.shelve(id, 'op', 'calibration', T0 + 9 * 3_600_000, T0)).toHaveProperty('error')
    const sh = h.ok(h.engine.shelve(id, 'op-zhao', 'sensor calibration', T0 + 600_000, T0 + 1000)) as AlarmShelved
    expect(sh).toMatchObject({
      type: 'alarm.shelved',
      by: 'op-zhao',
      reason: 'sensor calibration',
      until: T0 + 600_000,
    })
    expect(h.engine.shelve(id, 'op', 'again', T0 + 60_000, T0)).toHaveProperty('error')
    let s = h.engine.snapshot()
    expect(s.active[0].shelved).toMatchObject({ by: 'op-zhao', reason: 'sensor calibration' })
    expect(s.counts.unacked).toBe(0)
    // Cleared and re-raised meanwhile: the new alarm is born shelved.
    h.hold(T0 + 2000, 'gd-0', 1, 10)
    h.hold(T0 + 5000, 'gd-0', 30, 3)
    expect(h.engine.snapshot().active[0]).toMatchObject({ id: 'gd-0:high:2', shelved: { by: 'op-zhao' } })
    expect(h.tick(T0 + 599_999).filter((b) => b.type === 'alarm.unshelved')).toEqual([])
    const un = h.engine.tick(T0 + 600_000).filter((b) => b.type === 'alarm.unshelved')
    expect(un).toMatchObject([{ cause: 'expired', by: null, deviceId: 'gd-0', condition: 'high' }])
    // Reported once even if tick() runs again before the server applies it.
    expect(h.engine.tick(T0 + 600_100).filter((b) => b.type === 'alarm.unshelved')).toEqual([])
    h.commit(un)
    s = h.engine.snapshot()
    expect(s.shelves).toEqual([])
    const a2 = s.active.find((a) => a.id === 'gd-0:high:2')!
    expect(a2.shelved).toBeNull()
    expect(a2.transitions.map((x) => x.what)).toContain('unshelved')
    // Red is safety-critical.
    h.hold(T0 + 700_000, 'gd-0', 70, 3)
    expect(h.engine.shelve('gd-0:high:2', 'op', 'nuisance', T0 + 800_000, T0 + 700_500)).toEqual({
      error: 'red alarms cannot be shelved',
    })
  })

  it('manual unshelve', () => {
    const h = new Harness(undefined, noStuck)
    h.hold(T0, 'gd-0', 30, 3)
    h.ok(h.engine.shelve('gd-0:high:1', 'op', 'maintenance', T0 + 600_000, T0))
    h.ok(h.engine.unshelve('gd-0:high:1', 'op2', T0 + 1000))
    expect(h.engine.snapshot().shelves).toEqual([])
    expect(h.engine.unshelve('gd-0:high:1', 'op2', T0 + 2000)).toHaveProperty('error')
  })
})
