/**
 * Ingest end to end over real transports: HTTP (plain and gzip), the embedded MQTT broker and a
 * gateway socket all feed one validated path; a reading that crosses a limit raises an alarm
 * that a connected screen receives as a logged event; an operator acknowledges it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { gzipSync } from 'node:zlib'
import { io as ioClient, type Socket } from 'socket.io-client'
import mqtt from 'mqtt'
import { VirtualClock } from '@sim/core/clock'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { Ack } from '@sim/protocol/messages'
import type { LoggedEvent, SceneJoined } from '@sim/protocol/events'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { tinyScene, writeScenesDir } from '../helpers/tinyScene'

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0)

function connect(url: string, extra: Record<string, unknown> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, {
      auth: { protocolVersion: PROTOCOL_VERSION, ...extra },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    })
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}
const emitAck = <T>(s: Socket, ev: string, p: unknown) => new Promise<Ack<T>>((r) => s.emit(ev, p, r))
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-key': 'demo-gateway:demo-gateway-secret', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  })

describe('ingest', () => {
  let srv: RunningServer
  let clock: VirtualClock
  let screen: Socket
  const events: LoggedEvent[] = []
  beforeAll(async () => {
    clock = new VirtualClock(T0)
    srv = await startServer({
      port: 0,
      scenesDir: writeScenesDir(tinyScene(10)),
      clock,
      simulate: false,
      store: new SqliteEventStore(':memory:'),
      mqttPort: 0,
    })
    screen = await connect(srv.url)
    screen.on('log:event', (e: LoggedEvent) => events.push(e))
    const j = await emitAck<SceneJoined>(screen, 'scene:join', { sceneId: 'tiny' })
    expect(j.ok).toBe(true)
  })
  afterAll(async () => {
    screen?.close()
    await srv?.close()
  })

  it('keeps the valid items of a mixed HTTP batch and names every rejected one', async () => {
    const batch = [
      { device: 'gd-0', t: T0 - 1000, value: 1.5, unit: '%LEL' },
      { device: 'gd-nope', t: T0 - 1000, value: 1, unit: '%LEL' },
      { device: 'gd-1', t: T0 - 1000, value: 2, unit: 'ppm' },
      { device: 'gd-2', t: T0 - 1000, value: 'NaN', unit: '%LEL' },
      { device: 'gd-3', t: T0 + 3_600_000, value: 1, unit: '%LEL' },
      { device: 'gd-0', t: T0 - 1000, value: 1.6, unit: '%LEL' },
      { device: 'gd-0', t: T0 - 2000, value: 1.6, unit: '%LEL' },
      { device: 'gd-4', t: T0 - 900, value: 3, unit: '%LEL', quality: 'uncertain' },
      'not an object',
    ]
    const r = await post(`${srv.url}/api/v1/scenes/tiny/readings`, batch)
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(body.accepted).toBe(2)
    const reasons = Object.fromEntries(body.rejected.map((x: { index: number; reason: string }) => [x.index, x.reason]))
    expect(Object.keys(reasons).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 8])
    expect(reasons[1]).toMatch(/unknown device "gd-nope"/)
    expect(reasons[2]).toMatch(/reports in "%LEL", not "ppm"/)
    expect(reasons[3]).toMatch(/value/)
    expect(reasons[4]).toMatch(/future/)
    expect(reasons[5]).toMatch(/duplicate/)
    expect(reasons[6]).toMatch(/out of order/)
    const host = srv.application.hosts.get('tiny')!
    expect(host.runtime.values[0]).toBeCloseTo(1.5)
    expect(host.runtime.values[4]).toBeCloseTo(3)
    await host.idle()
    const stored = await srv.store.readReadings('tiny', T0 - 10, T0 + 10)
    expect(stored.map((b) => Array.from(b.idx))).toEqual([[0, 4]])
    expect(stored[0].source).toMatch(/^http:/)
  })

  it('accepts a gzip-encoded batch and refuses a non-array body with 400', async () => {
    const gz = gzipSync(Buffer.from(JSON.stringify([{ device: 'gd-5', t: T0 - 500, value: 4, unit: '%LEL' }])))
    const r = await post(`${srv.url}/api/v1/readings`, new Uint8Array(gz), { 'content-encoding': 'gzip' })
    expect((await r.json()).accepted).toBe(1)
    const bad = await post(`${srv.url}/api/v1/readings`, { device: 'gd-5' })
    expect(bad.status).toBe(400)
    const broken = await post(`${srv.url}/api/v1/readings`, '[{"device": ')
    expect(broken.status).toBe(400)
    expect((await broken.json()).error).toBeTruthy()
  })

  it('takes readings over MQTT and publishes rejections back', async () => {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${srv.mqtt!.port}`, {
      clientId: 'gw-test',
      username: 'demo-gateway',
      password: 'demo-gateway-secret',
    })
    const rejections: unknown[] = []
    await c.subscribeAsync('safetwin/tiny/rejected')
    c.on('message', (_t, p) => rejections.push(JSON.parse(p.toString())))
    await c.publishAsync('safetwin/tiny/gd-6/reading', JSON.stringify({ t: T0 - 400, value: 7, unit: '%LEL' }), {
      qos: 1,
    })
    await c.publishAsync(
      'safetwin/tiny/readings',
      JSON.stringify([
        { device: 'gd-7', t: T0 - 400, value: 8, unit: '%LEL' },
        { device: 'gd-7', t: T0 - 400, value: 8, unit: 'bar' },
      ]),
      { qos: 1 },
    )
    await c.publishAsync('safetwin/tiny/gd-8/reading', '{not json', { qos: 1 })
    const host = srv.application.hosts.get('tiny')!
    for (let i = 0; i < 50 && rejections.length < 2; i++) await new Promise((r) => setTimeout(r, 20))
    expect(host.runtime.values[6]).toBeCloseTo(7)
    expect(host.runtime.values[7]).toBeCloseTo(8)
    expect(rejections).toHaveLength(2)
    expect(JSON.stringify(rejections), JSON.stringify(rejections)).toMatch(/not \\"bar\\"/)
    expect(JSON.stringify(rejections)).toMatch(/not valid JSON/)
    await c.endAsync()
  })

  it('takes readings from a gateway socket with a per-item ack', async () => {
    const gw = await connect(srv.url, { gateway: 'demo-gateway:demo-gateway-secret' })
    const r = await emitAck<{ accepted: number; rejected: unknown[] }>(gw, 'readings:push', {
      scene: 'tiny',
      readings: [
        { device: 'gd-9', t: T0 - 300, value: 9, unit: '%LEL' },
        { device: 'gd-9', t: 'soon', value: 9, unit: '%LEL' },
      ],
    })
    expect(r.ok && r.data.accepted).toBe(1)
    expect(r.ok && r.data.rejected).toHaveLength(1)
    gw.close()
  })

  it('raises one alarm from readings over the limit, shows it on the screen, and logs the acknowledgement', async () => {
    events.length = 0
    // Ten readings at 10 Hz well over highHigh (50 %LEL) on gd-3.
    for (let k = 0; k < 30; k++) {
      clock.advance(100)
      await post(`${srv.url}/api/v1/readings`, [{ device: 'gd-3', t: clock.now(), value: 62, unit: '%LEL' }])
    }
    const host = srv.application.hosts.get('tiny')!
    await host.idle()
    for (let i = 0; i < 50 && !events.some((e) => e.type === 'alarm.raised'); i++)
      await new Promise((r) => setTimeout(r, 20))
    const raised = events.filter((e) => e.type === 'alarm.raised')
    expect(raised).toHaveLength(1)
    expect(raised[0]).toMatchObject({ deviceId: 'gd-3', severity: 'red', source: 'gd-3', operator: null, drill: false })
    const alarmId = raised[0].alarmId as string
    const ack = await emitAck<{ seq: number }>(screen, 'alarm:acknowledge', { sceneId: 'tiny', alarmId })
    expect(ack.ok).toBe(true)
    for (let i = 0; i < 50 && !events.some((e) => e.type === 'alarm.acknowledged'); i++)
      await new Promise((r) => setTimeout(r, 20))
    const acked = events.find((e) => e.type === 'alarm.acknowledged')!
    expect(acked).toMatchObject({ alarmId, by: 'demo.visitor', operator: 'demo.visitor' })
    const again = await emitAck(screen, 'alarm:acknowledge', { sceneId: 'tiny', alarmId: 'gd-3:high:999' })
    expect(again.ok).toBe(false)
    const shelveBad = await emitAck(screen, 'alarm:shelve', { sceneId: 'tiny', alarmId, reason: '', duration_s: 600 })
    expect(!shelveBad.ok && shelveBad.error).toMatch(/reason/)
    // The log verifies and the chain holds over everything appended.
    const v = await (await fetch(`${srv.url}/api/v1/scenes/tiny/verify`)).json()
    expect(v.ok).toBe(true)
    expect(v.checked).toBeGreaterThanOrEqual(2)
    const snap = await (await fetch(`${srv.url}/api/v1/scenes/tiny/alarms`)).json()
    expect(snap.alarms.active.some((a: { id: string; state: string }) => a.id === alarmId && a.state === 'acked')).toBe(
      true,
    )
  })
})
