import { describe, expect, it } from 'vitest'
import { threatZoneDefs, ZoneEngine, type ZoneDef, type ZoneEvent } from '@sim/people'

const T0 = 1_700_000_000_000
const square = (id: string, e0: number, n0: number, e1: number, n1: number, extra: Partial<ZoneDef> = {}): ZoneDef => ({
  id,
  kind: 'production',
  rings: [[e0, n0, e1, n0, e1, n1, e0, n1]],
  ...extra,
})

/** Walks one person along n = 5 from e = −5 at 1 m/s, 10 Hz, and collects events with their tick times. */
function walk(engine: ZoneEngine, ticks: number, pos: (k: number) => { e: number; n: number }) {
  const out: { t: number; ev: ZoneEvent }[] = []
  for (let k = 0; k <= ticks; k++) {
    const t = T0 + k * 100
    for (const ev of engine.update(t, [{ id: 'p1', ...pos(k) }])) out.push({ t: t - T0, ev })
  }
  return out
}

describe('zone engine', () => {
  it('enters, overstays and leaves at the exact ticks of a scripted walk', () => {
    const engine = new ZoneEngine([square('A', 0, 0, 10, 10, { maxStay_s: 5 })])
    const log = walk(engine, 250, (k) => ({ e: -5 + k / 10, n: 5 }))
    expect(log.map((x) => [x.t, x.ev.type])).toEqual([
      [5000, 'person.entered'], // e = 0: on the edge counts as inside
      [10100, 'person.overstay'], // first tick with stay > 5 s
      [15600, 'person.left'], // first tick more than 0.5 m outside (e = 10.6)
    ])
    expect(log[1].ev).toMatchObject({ stay_s: 5.1, maxStay_s: 5, enteredAt: T0 + 5000 })
    expect(log[2].ev).toMatchObject({ reason: 'exit', stay_s: 10.6 })
  })

  it('without hysteresis leaves on the first tick outside', () => {
    const engine = new ZoneEngine([square('A', 0, 0, 10, 10)], { hysteresis_m: 0 })
    const log = walk(engine, 200, (k) => ({ e: -5 + k / 10, n: 5 }))
    expect(log.map((x) => [x.t, x.ev.type])).toEqual([
      [5000, 'person.entered'],
      [15000, 'person.left'], // e = 10: edges are half-open (west edge in, east edge out), so ties go one way
    ])
  })

  it('does not flicker on a jittering boundary', () => {
    const engine = new ZoneEngine([square('A', 0, 0, 10, 10)])
    // ±0.3 m around the east edge for 10 s.
    const log = walk(engine, 100, (k) => ({ e: 10 + 0.3 * Math.sin(k * 1.7), n: 5 }))
    expect(log.map((x) => x.ev.type)).toEqual(['person.entered'])
  })

  it('counts people per zone, with overlapping zones and height bands', () => {
    const engine = new ZoneEngine([
      square('A', 0, 0, 10, 10),
      square('B', 5, 0, 20, 10),
      square('U', 0, 0, 20, 10, { uMax: -20, kind: 'working_face' }),
    ])
    engine.update(T0, [
      { id: 'a', e: 2, n: 2, u: -300 },
      { id: 'ab', e: 7, n: 2, u: -300 },
      { id: 'b', e: 15, n: 2, u: 0 }, // on the surface: not in the underground zone U
      { id: 'none', e: 50, n: 2 },
    ])
    expect(engine.counts()).toEqual({ A: 2, B: 2, U: 2 })
    expect(engine.occupants('B')).toEqual(['ab', 'b'])
    expect(engine.zonesOf('ab').map((z) => z.def.id)).toEqual(['A', 'B', 'U'])
    expect(engine.zonesAt(15, 2, 0).map((z) => z.def.id)).toEqual(['B'])
  })

  it('raises an intrusion for restricted zones', () => {
    const engine = new ZoneEngine([square('R', 0, 0, 10, 10, { kind: 'restricted' })])
    const ev = engine.update(T0, [{ id: 'x', e: 5, n: 5 }])
    expect(ev.map((e) => e.type)).toEqual(['person.entered', 'person.intrusion'])
  })

  it('drops people who stop reporting, after lostAfter_s', () => {
    const engine = new ZoneEngine([square('A', 0, 0, 10, 10)], { lostAfter_s: 30 })
    engine.update(T0, [{ id: 'x', e: 5, n: 5 }])
    expect(engine.update(T0 + 30_000, [])).toEqual([])
    const ev = engine.update(T0 + 30_100, [])
    expect(ev).toEqual([
      { type: 'person.left', personId: 'x', zoneId: 'A', zoneKind: 'production', stay_s: 30.1, reason: 'lost' },
    ])
    expect(engine.counts()).toEqual({ A: 0 })
  })

  it('replaces dynamic zones: same id keeps the entry time, removed zones are left, holes are holes', () => {
    const engine = new ZoneEngine([])
    // A plume contour with a clean pocket in the middle (hole), in metres from a source at (100, 0).
    const outer = [0, -20, 60, -20, 60, 20, 0, 20]
    const hole = [20, -5, 40, -5, 40, 5, 20, 5]
    engine.setZones('plume', threatZoneDefs('plume', [{ label: 'AEGL-2', rings: [outer, hole] }], 100, 0))
    let ev = engine.update(T0, [
      { id: 'in', e: 110, n: 10 },
      { id: 'pocket', e: 130, n: 0 },
    ])
    expect(ev.map((e) => `${e.type}:${e.personId}`)).toEqual(['person.entered:in', 'person.intrusion:in'])
    // The plume grows: same zone id, the person stays in without a new event.
    engine.setZones(
      'plume',
      threatZoneDefs('plume', [{ label: 'AEGL-2', rings: [[-10, -30, 80, -30, 80, 30, -10, 30]] }], 100, 0),
    )
    ev = engine.update(T0 + 1000, [
      { id: 'in', e: 110, n: 10 },
      { id: 'pocket', e: 130, n: 0 },
    ])
    expect(ev.map((e) => `${e.type}:${e.personId}`)).toEqual(['person.entered:pocket', 'person.intrusion:pocket'])
    expect(engine.enteredAt('in', 'plume:0')).toBe(T0)
    engine.clearZones('plume')
    ev = engine.update(T0 + 2000, [
      { id: 'in', e: 110, n: 10 },
      { id: 'pocket', e: 130, n: 0 },
    ])
    expect(ev.map((e) => [e.type, e.personId, (e as { reason?: string }).reason])).toEqual([
      ['person.left', 'in', 'removed'],
      ['person.left', 'pocket', 'removed'],
    ])
    expect(engine.counts()).toEqual({})
  })

  it('is deterministic for the same input', () => {
    const run = () => {
      const engine = new ZoneEngine([square('A', 0, 0, 10, 10, { maxStay_s: 2 }), square('B', 8, 0, 30, 10)])
      const all: ZoneEvent[] = []
      for (let k = 0; k < 300; k++)
        all.push(
          ...engine.update(
            T0 + k * 100,
            [0, 1, 2].map((i) => ({ id: `p${i}`, e: -3 + ((k * (i + 1)) % 400) / 10, n: 5 })),
          ),
        )
      return JSON.stringify(all)
    }
    expect(run()).toBe(run())
  })
})
