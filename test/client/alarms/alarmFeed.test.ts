/**
 * The browser's alarm fold: the server's engine produces events from readings (as the scene host
 * does), the client's AlarmFeed folds them after a join snapshot, and the view model shows what
 * the wall must: newest first, flood groups under their parent, states, shelves, red count, credit.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { alarmProvenance, createAlarmEngine, type AlarmBody, type AlarmSnapshot } from '@sim/alarms'
import type { LoggedEvent } from '@sim/protocol/events'
import { parseSceneOrThrow } from '@sim/scene/parseScene'
import { createAlarmFeed } from '../../../client/src/alarms/alarmFeed'
import { buildAlarmView, deviceAlarmHistory, lineAckIds, visibleUnacked } from '../../../client/src/alarms/alarmView'

const scene = parseSceneOrThrow(
  JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'scenes', 'mini-park', 'scene.json'), 'utf8')),
  'mini-park',
)
const T0 = Date.UTC(2026, 10, 29, 6, 0, 0)

/** A stand-in for the server: judge readings, stamp seqs, hand out logged events. */
function fakeServer() {
  const engine = createAlarmEngine(scene)
  const log: LoggedEvent[] = []
  const append = (bodies: AlarmBody[]) =>
    bodies.map((b) => {
      const p = alarmProvenance(b)
      const e = { ...b, seq: log.length + 1, wall: p.t, sceneId: scene.id, drill: false, prevHash: '', hash: '', ...p }
      engine.apply(e as never)
      log.push(e as LoggedEvent)
      return e as LoggedEvent
    })
  const index = (id: string) => engine.deviceIds.indexOf(id)
  return {
    log,
    /** Three readings 100 ms apart (the default on-delay) for each device. */
    readings: (t: number, values: Record<string, number>) =>
      [0, 100, 200].flatMap((dt) =>
        append(engine.evaluate(t + dt, Object.keys(values).map(index), Object.values(values))),
      ),
    ack: (id: string, t: number) => append([engine.acknowledge(id, 'op-1', t) as AlarmBody]),
    shelve: (id: string, t: number) =>
      append([engine.shelve(id, 'op-1', 'maintenance', t + 3_600_000, t) as AlarmBody]),
    snapshot: (): AlarmSnapshot => engine.snapshot({ signals: false }),
  }
}

function feedWithView() {
  const views: ReturnType<typeof buildAlarmView>[] = []
  const feed = createAlarmFeed(scene, {
    onSnapshot: (s) => views.push(buildAlarmView(s, scene)),
    schedule: () => {}, // flushed by hand
  })
  return { feed, views, last: () => views[views.length - 1] }
}

describe('alarm feed and view model', () => {
  test('a red alarm and a neighbour fold into one line with a child, newest first', () => {
    const srv = fakeServer()
    const { feed, views, last } = feedWithView()
    feed.restore(srv.snapshot())
    expect(last().lines).toEqual([])
    expect(last().credit.map((c) => c.grade)).toEqual(scene.enterprises.map(() => 'A'))

    for (const e of srv.readings(T0, { 'gd-1': 55 })) feed.push(e)
    for (const e of srv.readings(T0 + 1000, { 'gd-2': 30 })) feed.push(e)
    expect(views).toHaveLength(1) // nothing shown before the batch is flushed
    feed.flush()
    expect(views).toHaveLength(2) // one view for the whole batch

    const v = last()
    expect(v.lines).toHaveLength(1)
    const [line] = v.lines
    expect(line).toMatchObject({ deviceId: 'gd-1', severity: 'red', state: 'unack', level: 'highHigh', unit: 'ppm' })
    expect(line.value).toBe(55)
    expect(line.limit).toBe(40)
    expect(line.children.map((c) => [c.deviceId, c.severity])).toEqual([['gd-2', 'orange']])
    expect(v.redUnacked).toEqual([line.id])
    expect(v.bySeverity).toMatchObject({ red: 1, orange: 0 })
    expect(visibleUnacked(v)).toEqual([line.id])
  })

  test('acknowledging clears the red set; an unacked child joining later is what the line acks', () => {
    const srv = fakeServer()
    const { feed, last } = feedWithView()
    feed.restore(srv.snapshot())
    const raised = srv.readings(T0, { 'gd-1': 55 })
    const id = raised.find((e) => e.type === 'alarm.raised')!.alarmId as string
    for (const e of [...raised, ...srv.ack(id, T0 + 2000), ...srv.readings(T0 + 3000, { 'gd-2': 45 })]) feed.push(e)
    feed.flush()
    const [line] = last().lines
    expect(line.state).toBe('acked')
    const child = line.children[0]
    expect(child.severity).toBe('red')
    expect(last().redUnacked).toEqual([child.id]) // the room still has a red to acknowledge
    expect(lineAckIds(line)).toEqual([child.id])
  })

  test('cleared but unacknowledged reads rtn_unack; shelved lines go to their own section', () => {
    const srv = fakeServer()
    const { feed, last } = feedWithView()
    feed.restore(srv.snapshot())
    const ev = srv.readings(T0, { 'gd-5': 30 }) // orange (high)
    const id = ev.find((e) => e.type === 'alarm.raised')!.alarmId as string
    for (const e of ev) feed.push(e)
    for (let k = 0; k < 5; k++) for (const e of srv.readings(T0 + 1000 + k * 300, { 'gd-5': 1 })) feed.push(e) // off-delay: 10 readings
    feed.flush()
    expect(last().lines.map((l) => [l.id, l.state])).toEqual([[id, 'rtn_unack']])
    expect(last().redUnacked).toEqual([])

    const ev2 = srv.readings(T0 + 60_000, { 'gd-9': 25 })
    const id2 = ev2.find((e) => e.type === 'alarm.raised')!.alarmId as string
    for (const e of [...ev2, ...srv.shelve(id2, T0 + 61_000)]) feed.push(e)
    feed.flush()
    expect(last().shelved.map((l) => l.id)).toEqual([id2])
    expect(last().lines.map((l) => l.id)).not.toContain(id2)
    expect(deviceAlarmHistory(last().snapshot, 'gd-5').map((a) => a.id)).toEqual([id])
  })

  test('restore re-applies newer events that overtook the join ack; duplicates and unknown types are ignored', () => {
    const srv = fakeServer()
    const { feed, last } = feedWithView()
    const early = srv.readings(T0, { 'gd-1': 55 })
    const snap = srv.snapshot() // the join snapshot is taken after `early`…
    const late = srv.readings(T0 + 90_000, { 'gd-7': 30 })
    // …but the events arrive first, then the snapshot, then some events again.
    for (const e of [...early, ...late]) feed.push(e)
    feed.restore(snap)
    const unknown = { seq: srv.log.length + 1, t: T0, wall: T0, sceneId: scene.id, source: 'x', operator: null }
    for (const e of [...late, { ...unknown, type: 'incident.opened', drill: false, prevHash: '', hash: '' }])
      feed.push(e as LoggedEvent)
    feed.flush()
    expect(
      last()
        .lines.map((l) => l.deviceId)
        .sort(),
    ).toEqual(['gd-1', 'gd-7'])
    expect(feed.seq).toBe(srv.log.length + 1)
  })
})
