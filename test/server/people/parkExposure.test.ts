/**
 * People in the demo park and a chlorine release: the park has no personnel list and no anchors,
 * so the module derives 60 people and an anchor layout; a 2 kg/s Cl2 leak at CA-T101 exposes the
 * people nearest to it downwind → person.exposure events, threat zones as dynamic zones, and a
 * triage list most exposed first (join snapshot, HTTP).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { VirtualClock } from '@sim/core/clock'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { peopleOf, type PeopleModule, type PeopleModuleSnapshot } from '@server/scene/peopleModule'
import { PersonStatus } from '@sim/protocol/peopleFrame'
import { singleSceneDir } from './helpers'

const T0 = Date.UTC(2026, 10, 29, 3, 0, 0) // 11:00 in Shanghai

describe('people in the demo park and a chlorine leak', () => {
  let srv: RunningServer
  let clock: VirtualClock
  let mod: PeopleModule
  const host = () => srv.application.hosts.get('demo-park')!
  const step = async (n: number) => {
    for (let k = 0; k < n; k++) clock.advance(100)
    await host().idle()
  }

  beforeAll(async () => {
    clock = new VirtualClock(T0)
    srv = await startServer({
      port: 0,
      clock,
      seed: 3,
      scenesDir: singleSceneDir('demo-park'),
      store: new SqliteEventStore(':memory:'),
      staticDir: '/none',
    })
    mod = peopleOf(host())!
    await step(150) // weather logged, tracks started
  }, 60_000)
  afterAll(async () => {
    await srv?.close()
  })

  it('derives park people and a deterministic anchor layout', () => {
    const s = mod.snapshot()
    expect(s.people.length).toBe(60)
    expect(s.anchors.generated).toBe(true)
    expect(s.anchors.count).toBeGreaterThan(100)
    expect(s.riskMap).toBeNull()
    expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(20)
  })

  it('a Cl2 leak at CA-T101 exposes the nearest people: person.exposure events and a triage list, most exposed first', async () => {
    const r = await fetch(`${srv.url}/api/v1/scenes/demo-park/leaks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sourceId: 'CA-T101', rate_kg_s: 2 }),
    })
    expect(r.status).toBe(201)
    const leak = await r.json()
    const t0 = clock.now()
    await step(1800)
    const log = await srv.store.read('demo-park')
    const exposure = log.filter((e) => e.type === 'person.exposure' && e.t > t0)
    const dist = (id: string) => {
      const p = mod.truth(id)
      return Math.hypot(p.x - leak.e, p.y - leak.n)
    }
    console.log(
      `park Cl2 2 kg/s, 3 min: ${exposure.length} person.exposure events, ${new Set(exposure.map((e) => e.personId)).size} people;`,
      exposure
        .map(
          (e) =>
            `${e.personId} ${e.category} dose ${e.dose_mg_min_m3} peak ${e.peak_mgM3} (now ${Math.round(dist(e.personId as string))} m from the source)`,
        )
        .join('; '),
    )
    expect(exposure.length).toBeGreaterThan(0)
    expect(exposure[0]).toMatchObject({ source: 'uwb', operator: null })
    const res = await fetch(`${srv.url}/api/v1/scenes/demo-park/people`)
    const snap = (await res.json()) as PeopleModuleSnapshot
    const exposed = snap.triage.filter((x) => x.category !== 'none')
    expect(exposed.length).toBeGreaterThan(0)
    const order = { immediate: 0, delayed: 1, minor: 2, none: 3 }
    for (let i = 1; i < snap.triage.length; i++) {
      const a = snap.triage[i - 1]
      const b = snap.triage[i]
      expect(order[a.category] <= order[b.category]).toBe(true)
      if (a.category === b.category) expect(a.dose_mg_min_m3).toBeGreaterThanOrEqual(b.dose_mg_min_m3)
      expect(b.rank).toBe(a.rank + 1)
    }
    // The most exposed person is among those who were close: exposure falls off with distance.
    const first = exposed[0].personId
    expect(Math.min(...exposed.map((x) => x.dose_mg_min_m3))).toBeLessThanOrEqual(exposed[0].dose_mg_min_m3)
    expect(snap.people.some((p) => p.id === first)).toBe(true)
    // Threat zones are live dynamic zones in the monitor.
    expect(Object.keys(snap.counts).some((z) => z.startsWith('threat:'))).toBe(true)
    // Exposed people carry the exposure level in the frame's status bits.
    const status = new Uint8Array(mod.encodeFrame(clock.now()), 24 + 12 * snap.people.length)
    const i = snap.people.findIndex((p) => p.id === first)
    expect(status[i] & PersonStatus.exposureMask).toBeGreaterThan(0)
  }, 180_000)
})
