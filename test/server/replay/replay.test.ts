/**
 * Replay for regulators: the state rebuilt from the log at time t equals the live state at t
 * (alarms, leak/weather state, telemetry within the stated deadband); a replay session over the
 * socket plays, seeks and jumps to events; the report endpoints answer; a tampered log shows.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { io as ioClient, type Socket } from 'socket.io-client'
import { VirtualClock } from '@sim/core/clock'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import { decodeFrame, DeviceStatus } from '@sim/protocol/telemetryFrame'
import type { Ack } from '@sim/protocol/messages'
import type { LoggedEvent, ReplayOpened, ReplayState } from '@sim/protocol/events'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { stateAt } from '@server/replay/stateAt'

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0)

/**
 * The alarm view minus `dynamic.ambient`: that is the live ambient-temperature *reading* the
 * engine tracks for dynamic thresholds (telemetry, which replay shows from the recorded frames),
 * not state from the log; regime changes themselves are logged (thresholds.changed) and compared.
 */
function logState(a: unknown): unknown {
  const c = JSON.parse(JSON.stringify(a)) as { dynamic?: { ambient?: unknown } }
  if (c.dynamic) delete c.dynamic.ambient
  return c
}

interface LiveSample {
  t: number
  alarms: unknown
  twin: string
  values: Float32Array
  status: Uint8Array
}

describe('replay', () => {
  let srv: RunningServer
  let clock: VirtualClock
  const samples: LiveSample[] = []
  beforeAll(async () => {
    clock = new VirtualClock(T0)
    srv = await startServer({ port: 0, clock, seed: 5, store: new SqliteEventStore(':memory:'), staticDir: '/none' })
    const host = srv.application.hosts.get('demo-park')!
    const step = async (s: number) => {
      for (let k = 0; k < s * 10; k++) clock.advance(100)
      await host.idle()
    }
    await step(20)
    await host.startLeak(
      { sourceId: 'CA-T102', rate_kg_s: 2.5 },
      { source: 'test', operator: 'op-sun', cause: 'operator' },
    )
    for (const s of [37, 61, 95]) {
      await step(s)
      samples.push({
        t: clock.now(),
        alarms: host.alarms.snapshot({ signals: false }),
        twin: JSON.stringify(host.plume.twin),
        values: host.runtime.values.slice(),
        status: host.runtime.status.slice(),
      })
    }
  }, 120_000)
  afterAll(async () => {
    await srv?.close()
  })

  it('the state rebuilt at t equals the live state at t', async () => {
    const loaded = srv.application.hosts.get('demo-park')!.loaded
    const spans = loaded.scene.devices.map((d) => d.range.max - d.range.min)
    for (const s of samples) {
      const r = await stateAt(srv.store, loaded, s.t)
      expect(logState(r.alarms)).toEqual(logState(s.alarms))
      expect(r.twin).toEqual(JSON.parse(s.twin))
      expect(r.frameT).toBe(s.t)
      expect(Array.from(r.status)).toEqual(Array.from(s.status))
      for (let i = 0; i < spans.length; i++) {
        if (s.status[i] !== DeviceStatus.ok) continue
        expect(Math.abs(r.values[i] - s.values[i])).toBeLessThanOrEqual(0.005 * spans[i] + 1e-6)
      }
    }
    // Not a trivial equality: the samples differ from each other (alarms came and the cloud grew).
    expect(samples[0].alarms).not.toEqual(samples[2].alarms)
  })

  it('replays over the socket: open, seek, next event, play at 64×', async () => {
    const s: Socket = await new Promise((resolve, reject) => {
      const c = ioClient(srv.url, {
        auth: { protocolVersion: PROTOCOL_VERSION },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      })
      c.once('connect', () => resolve(c))
      c.once('connect_error', reject)
    })
    const frames: number[] = []
    const events: LoggedEvent[] = []
    const states: ReplayState[] = []
    s.on('replay:frame', (b: ArrayBuffer) => frames.push(decodeFrame(new Uint8Array(b)).t))
    s.on('replay:event', (e: LoggedEvent) => events.push(e))
    s.on('replay:state', (st: ReplayState) => states.push(st))
    const ack = <T>(ev: string, p: unknown) => new Promise<Ack<T>>((r) => s.emit(ev, p, r))

    const bad = await ack('replay:open', { sceneId: 'demo-park', from: T0 + 10_000, to: T0 })
    expect(!bad.ok && bad.error).toMatch(/to must be after from/)
    const o = await ack<ReplayOpened>('replay:open', { sceneId: 'demo-park', from: T0, to: samples[2].t })
    expect(o.ok).toBe(true)
    if (!o.ok) return
    expect(o.data.chain.ok).toBe(true)
    expect(o.data.markers.some((m) => m.type === 'leak.started')).toBe(true)
    const id = o.data.sessionId

    const sk = await ack<ReplayState>('replay:control', { sessionId: id, action: 'seek', t: samples[1].t })
    expect(sk.ok && sk.data.position).toBe(samples[1].t)
    await new Promise((r) => setTimeout(r, 100))
    const seekState = states.findLast((x) => x.alarms)
    expect(logState(seekState?.alarms)).toEqual(logState(samples[1].alarms))

    const leakMarker = o.data.markers.find((m) => m.type === 'leak.started')!
    await ack('replay:control', { sessionId: id, action: 'seek', t: T0 })
    const nx = await ack<ReplayState>('replay:control', { sessionId: id, action: 'next_event' })
    expect(nx.ok && nx.data.position).toBeLessThanOrEqual(leakMarker.t)

    await ack('replay:control', { sessionId: id, action: 'seek', t: leakMarker.t - 1 })
    await ack('replay:control', { sessionId: id, action: 'speed', speed: 64 })
    frames.length = 0
    events.length = 0
    await ack('replay:control', { sessionId: id, action: 'play' })
    await new Promise((r) => setTimeout(r, 1500))
    await ack('replay:control', { sessionId: id, action: 'pause' })
    expect(frames.length).toBeGreaterThan(3)
    for (let i = 1; i < frames.length; i++) expect(frames[i]).toBeGreaterThanOrEqual(frames[i - 1])
    expect(frames.at(-1)! - frames[0]).toBeGreaterThan(20_000) // ~64 s of incident per wall second
    expect(events.some((e) => e.type === 'leak.started')).toBe(true)
    const badSpeed = await ack('replay:control', { sessionId: id, action: 'speed', speed: 3 })
    expect(badSpeed.ok).toBe(false)
    expect((await ack('replay:close', { sessionId: id })).ok).toBe(true)
    s.close()
  }, 60_000)

  it('serves the state at t, the report as JSON and as printable HTML', async () => {
    const st = await (await fetch(`${srv.url}/api/v1/scenes/demo-park/state?t=${samples[0].t}`)).json()
    expect(logState(st.alarms)).toEqual(logState(samples[0].alarms))
    expect((await fetch(`${srv.url}/api/v1/scenes/demo-park/state?t=abc`)).status).toBe(400)
    const rep = await (await fetch(`${srv.url}/api/v1/scenes/demo-park/report`)).json()
    expect(rep.log.chainVerified).toBe(true)
    expect(rep.leaks[0]).toMatchObject({ substance: 'Cl2', sourceId: 'CA-T102' })
    const html = await (await fetch(`${srv.url}/api/v1/scenes/demo-park/report.html`)).text()
    expect(html).toMatch(/<svg/)
    expect(html).toMatch(/CA-T102/)
    expect(html).toMatch(/完整 ✔/)
  })

  it('a tampered log is reported by verify, the replay and the report', async () => {
    const db = (srv.store as SqliteEventStore).raw
    const row = db
      .prepare("SELECT seq, body FROM events WHERE scene = 'demo-park' AND type = 'leak.started'")
      .get() as { seq: number; body: string }
    db.prepare('UPDATE events SET body = ? WHERE scene = ? AND seq = ?').run(
      row.body.replace('"op-sun"', '"op-nobody"'),
      'demo-park',
      row.seq,
    )
    const v = await (await fetch(`${srv.url}/api/v1/scenes/demo-park/verify`)).json()
    expect(v.ok).toBe(false)
    expect(v.firstBroken.seq).toBe(row.seq)
    const rep = await (await fetch(`${srv.url}/api/v1/scenes/demo-park/report`)).json()
    expect(rep.log.chainVerified).toBe(false)
  })
})
