/**
 * Test scaffolding for the alarm engine: a tiny scene with a second enterprise and a zone, and a
 * harness that plays the server's role (append produced bodies to a log, fold them back).
 */
import { toLngLat } from '@sim/geo/frames'
import type { Scene } from '@sim/scene/sceneSchema'
import { createAlarmEngine, type AlarmBody, type AlarmEngine, type AlarmRulesInput } from '@sim/alarms'
import type { EventMeta } from '@sim/events/envelope'
import { tinyScene } from '../../helpers/tinyScene'

export const T0 = Date.UTC(2026, 6, 1, 2, 0, 0)

/**
 * tinyScene(n) gas detectors gd-0… (ent-a, 5 m grid from (10,10)) plus met devices, and:
 * a pressure transmitter `pt-1` (band 200…800 kPa, range 0…1000) in ent-a, a far detector `gd-far`
 * 150 m away in ent-a, a detector `gd-b` in enterprise ent-b, and zone `z1` around gd-0…gd-3.
 */
export function alarmScene(n = 4): Scene {
  const s = tinyScene(n, 'alarmtest')
  const ll = (e: number, nn: number) => toLngLat(s.origin, e, nn) as [number, number]
  s.enterprises.push({
    id: 'ent-b',
    name: { zh: '乙公司', en: 'B Co' },
    fence: [ll(200, 200), ll(290, 200), ll(290, 290), ll(200, 290)],
  })
  const base = s.devices[0]
  s.devices.splice(
    n,
    0,
    {
      ...base,
      id: 'pt-1',
      type: 'pressure',
      unit: 'kPa',
      substance: undefined,
      position: ll(30, 30),
      range: { min: 0, max: 1000 },
      thresholds: { lowLow: 100, low: 200, high: 800, highHigh: 900 },
    },
    { ...base, id: 'gd-far', position: ll(160, 160) },
    { ...base, id: 'gd-b', enterpriseId: 'ent-b', position: ll(250, 250) },
  )
  s.zones.push({
    id: 'z1',
    name: { zh: '罐区', en: 'Tank farm' },
    kind: 'hazardous',
    enterpriseId: 'ent-a',
    polygon: [ll(5, 5), ll(25, 5), ll(25, 25), ll(5, 25)],
  })
  return s
}

/** Plays the server: every produced body is appended with a seq and folded back. */
export class Harness {
  readonly engine: AlarmEngine
  readonly log: (EventMeta & AlarmBody)[] = []
  seq = 0

  constructor(
    readonly scene: Scene = alarmScene(),
    config?: AlarmRulesInput,
  ) {
    this.engine = createAlarmEngine(scene, config)
  }

  idx(id: string): number {
    const i = this.scene.devices.findIndex((d) => d.id === id)
    if (i < 0) throw new Error(`no device ${id}`)
    return i
  }

  commit(bodies: AlarmBody[]): AlarmBody[] {
    for (const b of bodies) {
      const ev = {
        seq: ++this.seq,
        t: b.at,
        wall: b.at,
        sceneId: this.scene.id,
        source: 'test',
        operator: null,
        drill: false,
        ...b,
      } as EventMeta & AlarmBody
      this.log.push(ev)
      this.engine.apply(ev)
    }
    return bodies
  }

  /** One batch at time t: {deviceId: value}. */
  read(t: number, readings: Record<string, number>): AlarmBody[] {
    const ids = Object.keys(readings)
    return this.commit(
      this.engine.evaluate(
        t,
        ids.map((id) => this.idx(id)),
        ids.map((id) => readings[id]),
      ),
    )
  }

  /** The same reading repeated `count` times, every `dt` ms from t; returns all bodies. */
  hold(t: number, id: string, value: number, count: number, dt = 100): AlarmBody[] {
    const out: AlarmBody[] = []
    for (let k = 0; k < count; k++) out.push(...this.read(t + k * dt, { [id]: value }))
    return out
  }

  tick(t: number): AlarmBody[] {
    return this.commit(this.engine.tick(t))
  }

  ok<B>(r: B | { error: string }): B {
    if (typeof r === 'object' && r !== null && 'error' in r) throw new Error((r as { error: string }).error)
    this.commit([r as AlarmBody])
    return r as B
  }

  types(bodies: AlarmBody[]): string[] {
    return bodies.map((b) => b.type)
  }
}

export const raised = (bodies: AlarmBody[]) => bodies.filter((b) => b.type === 'alarm.raised')
