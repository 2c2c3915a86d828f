import { describe, expect, it } from 'vitest'
import { GatheringDetector, ZoneEngine, type GatheringEvent, type PersonPosition, type ZoneDef } from '@sim/people'

const T0 = 1_700_000_000_000
const zones: ZoneDef[] = [
  { id: 'PROD', kind: 'production', rings: [[0, 0, 100, 0, 100, 100, 0, 100]] },
  { id: 'CANTEEN', kind: 'office', rings: [[200, 0, 300, 0, 300, 100, 200, 100]] },
]

function run(steps: number, at: (k: number) => PersonPosition[], opts = {}) {
  const engine = new ZoneEngine(zones)
  const det = new GatheringDetector(opts)
  const log: { t: number; ev: GatheringEvent }[] = []
  for (let k = 0; k <= steps; k++) {
    const t = T0 + k * 100
    const pos = at(k)
    engine.update(t, pos)
    for (const ev of det.update(t, pos, engine)) log.push({ t: t - T0, ev })
  }
  return { log, det }
}

/** n people in a tight knot around (cx, cy), jittering by a few decimetres. */
const knot = (n: number, cx: number, cy: number, k: number, prefix = 'p') =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    e: cx + 4 * Math.cos(i) + 0.2 * Math.sin(k + i),
    n: cy + 4 * Math.sin(i) + 0.2 * Math.cos(k * 1.3 + i),
  }))

describe('gathering detection', () => {
  it('fires once the group has existed for 60 s, not before, and clears 5 s after it disperses', () => {
    // Together from t = 0 to t = 90 s, then everyone walks off in a different direction.
    const { log } = run(1200, (k) =>
      knot(4, 50, 50, k).map((p, i) =>
        k <= 900
          ? p
          : {
              ...p,
              e: p.e + ((k - 900) / 10) * Math.cos(i * 1.6) * 1.5,
              n: p.n + ((k - 900) / 10) * Math.sin(i * 1.6) * 1.5,
            },
      ),
    )
    expect(log.map((x) => [x.t, x.ev.type])).toEqual([
      [60000, 'people.gathering'],
      // Apart (> 15 m) from ~t = 93 s; cleared 5 s later.
      [expect.any(Number), 'people.gathering.cleared'],
    ])
    const cleared = log[1].t
    expect(cleared).toBeGreaterThan(95000)
    expect(cleared).toBeLessThan(102000)
    expect(log[0].ev).toMatchObject({
      zoneId: 'PROD',
      zoneKind: 'production',
      count: 4,
      members: ['p0', 'p1', 'p2', 'p3'],
      since: T0,
    })
  })

  it('needs at least minPeople (3 by default)', () => {
    expect(run(700, (k) => knot(2, 50, 50, k)).log).toEqual([])
    expect(run(700, (k) => knot(3, 50, 50, k)).log.map((x) => x.t)).toEqual([60000])
    expect(run(700, (k) => knot(3, 50, 50, k), { minPeople: 4 }).log).toEqual([])
  })

  it('only counts in production / hazardous / working-face zones', () => {
    expect(run(700, (k) => knot(6, 250, 50, k)).log).toEqual([])
    expect(run(700, (k) => knot(6, 150, 50, k)).log).toEqual([]) // outside every zone
  })

  it('keeps the start time while people join and leave, and survives a brief split', () => {
    const { log } = run(700, (k) => {
      const base = knot(3, 50, 50, k)
      // A fourth person joins at 20 s; p0 steps 20 m away for 2 s at 30 s (the group of 3 drops to 2).
      if (k >= 200) base.push({ id: 'late', e: 52, n: 52 })
      if (k >= 300 && k < 320) base[0] = { ...base[0], e: 80 }
      return base
    })
    expect(log.map((x) => [x.t, x.ev.type])).toEqual([[60000, 'people.gathering']])
    expect((log[0].ev as { members: string[] }).members).toEqual(['late', 'p0', 'p1', 'p2'])
  })

  it('separates two groups far apart', () => {
    const { log, det } = run(650, (k) => [...knot(3, 20, 20, k, 'a'), ...knot(3, 80, 80, k, 'b')])
    expect(log.map((x) => (x.ev as { members: string[] }).members)).toEqual([
      ['a0', 'a1', 'a2'],
      ['b0', 'b1', 'b2'],
    ])
    expect(det.active().every((g) => g.alarmed)).toBe(true)
  })

  it('uses a 15 m radius: people 20 m apart are not a group', () => {
    const line = () => [0, 1, 2, 3].map((i) => ({ id: `p${i}`, e: 10 + 20 * i, n: 50 }))
    expect(run(700, line).log).toEqual([])
  })
})
