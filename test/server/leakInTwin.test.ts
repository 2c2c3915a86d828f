/**
 * A leak in the live twin, on the demo park: the wind the plume uses is logged from the met
 * station, the cloud grows with time downwind, detectors in its path read the gas and raise
 * alarms, and the threat zones (with what they reach) are logged and sent to screens.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { VirtualClock } from '@sim/core/clock'
import { dequantise } from '@sim/twin/plumeWire'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import type { StoredEvent } from '@server/store/eventStore'

const T0 = Date.UTC(2026, 10, 29, 3, 0, 0) // 11:00 in Shanghai: daytime

describe('leak in the twin (demo park)', () => {
  let srv: RunningServer
  let clock: VirtualClock
  const events: StoredEvent[] = []
  beforeAll(async () => {
    clock = new VirtualClock(T0)
    srv = await startServer({ port: 0, clock, seed: 3, store: new SqliteEventStore(':memory:'), staticDir: '/none' })
    // Let the met station settle and the first weather observation be logged.
    for (let k = 0; k < 100; k++) clock.advance(100)
    await srv.application.hosts.get('demo-park')!.idle()
  })
  afterAll(async () => {
    await srv?.close()
  })

  const host = () => srv.application.hosts.get('demo-park')!

  it('logs the weather it will use', async () => {
    const all = await srv.store.read('demo-park')
    const w = all.filter((e) => e.type === 'weather.observed')
    expect(w.length).toBeGreaterThanOrEqual(1)
    expect(w[0]).toMatchObject({ source: 'MET-1', operator: null })
    expect(w[0].wind_speed_m_s as number).toBeGreaterThan(0)
  })

  it('refuses a leak from an unknown tank, with the field named', async () => {
    const r = await fetch(`${srv.url}/api/v1/scenes/demo-park/leaks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sourceId: 'NOPE', rate_kg_s: 1 }),
    })
    expect(r.status).toBe(400)
    expect((await r.json()).error).toMatch(/sourceId/)
    const bad = await fetch(`${srv.url}/api/v1/scenes/demo-park/leaks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sourceId: 'CA-T101', rate_kg_s: -1 }),
    })
    expect(bad.status).toBe(400)
  })

  it('a chlorine leak grows downwind, trips detectors and logs its zones', async () => {
    const r = await fetch(`${srv.url}/api/v1/scenes/demo-park/leaks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sourceId: 'CA-T101', rate_kg_s: 2 }),
    })
    expect(r.status).toBe(201)
    const started = await r.json()
    expect(started).toMatchObject({ type: 'leak.started', substance: 'Cl2', enterpriseId: 'qinglan-chloralkali' })
    const reach: number[] = []
    for (let minute = 0; minute < 4; minute++) {
      for (let k = 0; k < 600; k++) clock.advance(100)
      await host().idle()
      const u = host().plume.latest()!
      expect(u).toBeTruthy()
      const aegl1 = u.zones.filter((z) => z.label.startsWith('AEGL-1'))
      reach.push(Math.max(0, ...aegl1.map((z) => z.maxDistance_m)))
    }
    // The cloud front moves with the wind: the AEGL-1 reach grows over the first minutes.
    expect(reach[1]).toBeGreaterThan(reach[0])
    expect(reach[3]).toBeGreaterThanOrEqual(reach[1])

    // Downwind of the source the field is higher than the same distance upwind.
    const u = host().plume.latest()!
    const w = u.wind!
    const rad = (w.from_deg * Math.PI) / 180
    const at = (de: number, dn: number) => {
      const i = Math.floor((started.e + de - u.grid.originE) / u.grid.cellM)
      const j = Math.floor((started.n + dn - u.grid.originN) / u.grid.cellM)
      return dequantise(u.field[j * u.grid.nx + i])
    }
    const down = at(-Math.sin(rad) * 200, -Math.cos(rad) * 200)
    const up = at(Math.sin(rad) * 200, Math.cos(rad) * 200)
    expect(down).toBeGreaterThan(10 * Math.max(up, 1e-3))

    events.push(...(await srv.store.read('demo-park')))
    const zonesLogged = events.filter((e) => e.type === 'plume.zones_updated')
    expect(zonesLogged.length).toBeGreaterThan(0)
    expect((zonesLogged.at(-1)!.zones as unknown[]).length).toBe(3)
    // Chlorine detectors in the cloud raise alarms through the normal alarm path.
    const raised = events.filter((e) => e.type === 'alarm.raised' && String(e.deviceId).startsWith('CA-GT'))
    expect(raised.length).toBeGreaterThan(0)
    expect(raised[0].t).toBeGreaterThan(started.t)
  })

  it('the response plan closes the isolation valves: the leak falls to its hold-up and stops, the cloud drifts off', async () => {
    const all = await srv.store.read('demo-park')
    const closed = all.find((e) => e.type === 'action.executed' && e.action === 'close_isolation_valves')
    expect(closed).toBeTruthy()
    expect((closed!.targetIds as string[]).length).toBeGreaterThan(0)
    const firstAlarm = all.find((e) => e.type === 'alarm.raised' && String(e.deviceId).startsWith('CA-GT'))!
    expect(closed!.t - firstAlarm.t).toBeLessThanOrEqual(180_000)
    const rates = all.filter((e) => e.type === 'leak.rate_changed').map((e) => e.rate_kg_s as number)
    expect(rates.length).toBeGreaterThan(2)
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThan(rates[i - 1])
    const stopped = all.find((e) => e.type === 'leak.stopped')
    expect(stopped?.reason).toMatch(/isolated/)
    const leakId = Object.keys(host().plume.twin.leaks)[0]
    expect(host().plume.twin.leaks[leakId].stoppedAt).toBe(stopped!.t)
    const nearSource = () => {
      const u = host().plume.latest()!
      const l = u.leaks[0]
      const i = Math.floor((l.e - u.grid.originE) / u.grid.cellM)
      const j = Math.floor((l.n - u.grid.originN) / u.grid.cellM)
      return dequantise(u.field[j * u.grid.nx + i])
    }
    for (let k = 0; k < 1200; k++) clock.advance(100)
    await host().idle()
    expect(nearSource()).toBeLessThan(1)
    const again = await host().stopLeak(leakId, 'again', { source: 'test', operator: 'op-li' })
    expect('error' in again && again.error).toMatch(/already stopped/)
  })
})
