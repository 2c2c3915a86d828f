/**
 * Who may see and do what (issue 10), over real HTTP and sockets on the demo park:
 * logins and throttling, tampered and expired tokens, the role × action × tenant matrix, tenant
 * isolation of telemetry and events, gateway credentials, SM4 at rest, and the audit trail.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as ioClient, type Socket } from 'socket.io-client'
import mqtt from 'mqtt'
import { VirtualClock } from '@sim/core/clock'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import { decodeFrame } from '@sim/protocol/telemetryFrame'
import type { Ack } from '@sim/protocol/messages'
import type { LoggedEvent, SceneJoined } from '@sim/protocol/events'
import { startServer, type RunningServer } from '@server/startServer'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@server/auth/users'
import { can, type Permission } from '@server/auth/roles'
import { STATUS_MASKED } from '@server/auth/audience'

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0)
const GW = { 'x-gateway-key': 'demo-gateway:demo-gateway-secret' }

let srv: RunningServer
let clock: VirtualClock
let dataDir: string
const tokens: Record<string, string> = {}

async function login(username: string, password = DEMO_PASSWORD) {
  return fetch(`${srv.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
}
function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, {
      auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    })
    s.once('connect', () => resolve(s))
    s.once('connect_error', (e) => {
      s.close()
      reject(e)
    })
  })
}
/** Move the server clock far ahead without simulating every 100 ms on the way (hosts paused). */
function jump(ms: number) {
  srv.application.pause()
  clock.advance(ms)
  srv.application.start()
}
const emitAck = <T>(s: Socket, ev: string, p: unknown) => new Promise<Ack<T>>((r) => s.emit(ev, p, r))
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}
async function readings(items: { device: string; value: number; unit: string }[], n = 5) {
  for (let k = 0; k < n; k++) {
    clock.advance(100)
    const r = await post(
      '/api/v1/scenes/demo-park/readings',
      items.map((i) => ({ ...i, t: clock.now() })),
      GW,
    )
    expect((await r.json()).accepted).toBe(items.length)
  }
  await srv.application.hosts.get('demo-park')!.idle()
}

beforeAll(async () => {
  clock = new VirtualClock(T0)
  dataDir = mkdtempSync(join(tmpdir(), 'st-sec-'))
  srv = await startServer({ port: 0, clock, simulate: false, dataDir, staticDir: '/none', mqttPort: 0 })
  for (const a of DEMO_ACCOUNTS) {
    const r = await login(a.username)
    expect(r.status).toBe(200)
    tokens[a.username] = (await r.json()).token
  }
  // A sensitive process alarm on each of two enterprises (pressure high-high; no incident opens).
  await readings([
    { device: 'CA-PT-T101', value: 1234.5678, unit: 'kPa' },
    { device: 'AM-PT-T301', value: 20.5, unit: 'kPa' },
  ])
}, 120_000)
afterAll(async () => {
  await srv?.close()
})

describe('login and tokens', () => {
  it('refuses a wrong password and throttles guessing (429 with Retry-After), then lets the person in again', async () => {
    for (let i = 0; i < 5; i++) expect((await login('park.duty', 'guess' + i)).status).toBe(401)
    const blocked = await login('park.duty')
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    jump(5 * 60_000 + 1)
    expect((await login('park.duty')).status).toBe(200)
    expect((await login('nobody', 'x')).status).toBe(401)
    expect(
      (
        await fetch(`${srv.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"username": 1}',
        })
      ).status,
    ).toBe(400)
  })

  it('refuses a tampered token and an expired one, on HTTP and on the socket', async () => {
    const t = tokens['regulator']
    const [v, payload, mac] = t.split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url')
    const bad = `${v}.${forged}.${mac}`
    const r = await fetch(`${srv.url}/api/v1/scenes/demo-park/report`, { headers: { authorization: `Bearer ${bad}` } })
    expect(r.status).toBe(401)
    expect((await r.json()).error).toMatch(/signature/)
    await expect(connect(srv.url, { token: bad })).rejects.toThrow(/signature/)
    // Expiry: the token lives 12 h on the server clock.
    const fresh = (await (await login('regulator')).json()).token
    jump(12 * 3600_000 + 1)
    await expect(connect(srv.url, { token: fresh })).rejects.toThrow(/expired/)
    expect((await fetch(`${srv.url}/api/v1/scenes`, { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(
      401,
    )
    for (const a of DEMO_ACCOUNTS) tokens[a.username] = (await (await login(a.username)).json()).token
  })

  it('a server outside demo mode lets nobody in without logging in', async () => {
    const closed = await startServer({
      port: 0,
      simulate: false,
      demo: false,
      dataDir: mkdtempSync(join(tmpdir(), 'st-sec2-')),
      staticDir: '/none',
    })
    try {
      expect((await fetch(`${closed.url}/api/v1/scenes`)).status).toBe(401)
      await expect(connect(closed.url, {})).rejects.toThrow(/authentication required/)
      expect((await fetch(`${closed.url}/api/health`)).status).toBe(200)
      // Demo accounts and the demo gateway do not exist there.
      const r = await fetch(`${closed.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
      })
      expect(r.status).toBe(401)
      const g = await fetch(`${closed.url}/api/v1/readings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...GW },
        body: '[]',
      })
      expect(g.status).toBe(401)
    } finally {
      await closed.close()
    }
  })
})

describe('role matrix: every role × every action × own and other tenant', () => {
  const endpoints: { name: string; perm: Permission; run: (token: string) => Promise<number> }[] = [
    {
      name: 'GET scenes',
      perm: 'scene.view',
      run: async (t) => (await fetch(`${srv.url}/api/v1/scenes`, { headers: { authorization: `Bearer ${t}` } })).status,
    },
    {
      name: 'GET alarms',
      perm: 'scene.view',
      run: async (t) =>
        (await fetch(`${srv.url}/api/v1/scenes/demo-park/alarms`, { headers: { authorization: `Bearer ${t}` } }))
          .status,
    },
    {
      name: 'GET events',
      perm: 'report',
      run: async (t) =>
        (await fetch(`${srv.url}/api/v1/scenes/demo-park/events`, { headers: { authorization: `Bearer ${t}` } }))
          .status,
    },
    {
      name: 'GET report',
      perm: 'report',
      run: async (t) =>
        (await fetch(`${srv.url}/api/v1/scenes/demo-park/report`, { headers: { authorization: `Bearer ${t}` } }))
          .status,
    },
    {
      name: 'GET verify',
      perm: 'report',
      run: async (t) =>
        (await fetch(`${srv.url}/api/v1/scenes/demo-park/verify`, { headers: { authorization: `Bearer ${t}` } }))
          .status,
    },
    {
      name: 'GET state',
      perm: 'replay',
      run: async (t) =>
        (
          await fetch(`${srv.url}/api/v1/scenes/demo-park/state?t=${clock.now()}`, {
            headers: { authorization: `Bearer ${t}` },
          })
        ).status,
    },
    {
      name: 'POST leaks',
      perm: 'leak.simulate',
      run: async (t) =>
        (
          await post(
            '/api/v1/scenes/demo-park/leaks',
            { sourceId: 'NOPE', rate_kg_s: 1 },
            { authorization: `Bearer ${t}` },
          )
        ).status,
    },
  ]
  for (const a of DEMO_ACCOUNTS)
    it(`${a.username} (${a.role}) on HTTP`, async () => {
      for (const ep of endpoints) {
        const status = await ep.run(tokens[a.username])
        // Allowed routes answer (200, or 400 for the deliberately unknown tank); refused ones 403.
        if (can(a.role, ep.perm)) expect([200, 400], `${ep.name}`).toContain(status)
        else expect(status, `${ep.name}`).toBe(403)
      }
    })

  for (const a of DEMO_ACCOUNTS)
    it(`${a.username} (${a.role}) on the socket: acknowledge own / other tenant's alarm, simulate, replay`, async () => {
      const s = await connect(srv.url, { token: tokens[a.username] })
      try {
        const j = await emitAck<SceneJoined>(s, 'scene:join', { sceneId: 'demo-park' })
        expect(j.ok).toBe(true)
        if (!j.ok) return
        const ids = j.data.alarms.active.map((x) => x.id)
        const caAlarm = 'CA-PT-T101:high:1'
        const amAlarm = 'AM-PT-T301:high:1'
        // Enterprise staff never see another enterprise's process alarms.
        if (a.enterpriseId === 'qinglan-chloralkali') {
          expect(ids).toEqual(expect.arrayContaining([caAlarm]))
          expect(ids).not.toContain(amAlarm)
        }
        if (a.enterpriseId === 'lanjiang-fertiliser') expect(ids).not.toContain(caAlarm)
        if (!a.enterpriseId) expect(ids).toEqual(expect.arrayContaining([caAlarm, amAlarm]))
        // The socket's rooms: its own tenant's only.
        const rooms = [...(srv.application.io.sockets.sockets.get(s.id!)?.rooms ?? [])]
        if (a.enterpriseId)
          expect(rooms.filter((r) => r.includes('|ent:'))).toEqual([`scene:demo-park|ent:${a.enterpriseId}`])
        else expect(rooms.some((r) => r.includes('|ent:'))).toBe(false)

        const ackOther = await emitAck(s, 'alarm:acknowledge', {
          sceneId: 'demo-park',
          alarmId: a.enterpriseId === 'lanjiang-fertiliser' ? caAlarm : amAlarm,
        })
        if (!can(a.role, 'alarm.acknowledge') || a.enterpriseId) expect(ackOther.ok, 'ack other tenant').toBe(false)
        const leak = await emitAck(s, 'leak:start', { sceneId: 'demo-park', sourceId: 'NOPE', rate_kg_s: 1 })
        expect(!leak.ok && leak.error).toMatch(can(a.role, 'leak.simulate') ? /no tank or unit/ : /may not/)
        const rp = await emitAck(s, 'replay:open', { sceneId: 'demo-park' })
        if (can(a.role, 'replay')) expect(rp.ok).toBe(true)
        else expect(!rp.ok && rp.error).toMatch(/may not/)
        const push = await emitAck(s, 'readings:push', { readings: [] })
        expect(!push.ok && push.error).toMatch(/only authenticated gateways/)
      } finally {
        s.close()
      }
    })

  it('the regulator is read-only; an enterprise operator acknowledges its own alarm with its name on the record', async () => {
    const reg = await connect(srv.url, { token: tokens['regulator'] })
    await emitAck(reg, 'scene:join', { sceneId: 'demo-park' })
    const r = await emitAck(reg, 'alarm:acknowledge', { sceneId: 'demo-park', alarmId: 'CA-PT-T101:high:1' })
    expect(!r.ok && r.error).toMatch(/may not/)
    reg.close()
    const op = await connect(srv.url, { token: tokens['chloralkali.operator'] })
    await emitAck(op, 'scene:join', { sceneId: 'demo-park' })
    const ok = await emitAck<{ seq: number }>(op, 'alarm:acknowledge', {
      sceneId: 'demo-park',
      alarmId: 'CA-PT-T101:high:1',
    })
    expect(ok.ok).toBe(true)
    op.close()
    await srv.application.hosts.get('demo-park')!.idle()
    const ev = (await srv.store.read('demo-park')).find(
      (e) => e.type === 'alarm.acknowledged' && e.alarmId === 'CA-PT-T101:high:1',
    )!
    expect(ev).toMatchObject({ operator: 'chloralkali.operator', by: 'chloralkali.operator' })
  })
})

describe('tenant isolation of live data', () => {
  it("frames withhold other enterprises' process values; gas data reaches everyone; events of other tenants are not delivered", async () => {
    const scene = srv.application.hosts.get('demo-park')!.loaded
    const idx = scene.resolved.deviceIndex
    const ca = idx.get('CA-PT-T101')!
    const am = idx.get('AM-PT-T301')!
    const gas = idx.get('AM-GT001')!
    const watch = async (user: string) => {
      const s = await connect(srv.url, { token: tokens[user] })
      const frames: ReturnType<typeof decodeFrame>[] = []
      const events: LoggedEvent[] = []
      s.on('telemetry:frame', (b: ArrayBuffer) => frames.push(decodeFrame(new Uint8Array(b))))
      s.on('log:event', (e: LoggedEvent) => events.push(e))
      await emitAck(s, 'scene:join', { sceneId: 'demo-park' })
      return { s, frames, events }
    }
    const op = await watch('chloralkali.operator')
    const park = await watch('park.commander')
    const admin = await watch('admin')
    await readings(
      [
        { device: 'CA-PT-T101', value: 1300, unit: 'kPa' },
        { device: 'AM-PT-T301', value: 22, unit: 'kPa' },
        { device: 'AM-GT001', value: 3, unit: 'ppm' },
      ],
      3,
    )
    srv.application.hosts.get('demo-park')!.runtime.tick()
    await new Promise((r) => setTimeout(r, 300))
    const last = (w: { frames: ReturnType<typeof decodeFrame>[] }) => w.frames.at(-1)!
    expect(last(op).values[ca]).toBeCloseTo(1300)
    expect(last(op).status[am]).toBe(STATUS_MASKED)
    expect(Number.isNaN(last(op).values[am])).toBe(true)
    expect(last(op).values[gas]).toBeCloseTo(3)
    // The park sees gas everywhere, and process values only of plants an open incident involves
    // (the pressure alarms opened equipment-anomaly incidents for both plants; the solvents plant has none).
    const pc = idx.get(
      scene.scene.devices.find((d) => d.enterpriseId === 'huichuan-petrochem' && d.type === 'pressure')!.id,
    )!
    const host = srv.application.hosts.get('demo-park')!
    const involved = new Set(
      Object.values(host.response.state.incidents)
        .filter((i) => i.status === 'open')
        .map((i) => i.enterpriseId),
    )
    expect(involved.has('huichuan-petrochem')).toBe(false)
    expect(last(park).status[pc]).toBe(STATUS_MASKED)
    expect(last(op).status[pc]).toBe(STATUS_MASKED)
    expect(last(admin).status[pc]).not.toBe(STATUS_MASKED)
    if (involved.has('qinglan-chloralkali')) expect(last(park).values[ca]).toBeCloseTo(1300)
    else expect(last(park).status[ca]).toBe(STATUS_MASKED)
    expect(last(park).values[gas]).toBeCloseTo(3)
    expect(last(admin).values[am]).toBeCloseTo(22)
    // Events: a pressure alarm of the fertiliser plant never reaches the chlor-alkali operator.
    await readings([{ device: 'AM-PT-T301', value: 0.1, unit: 'kPa' }], 4)
    await new Promise((r) => setTimeout(r, 200))
    expect(admin.events.some((e) => String(e.alarmId ?? e.deviceId ?? '').startsWith('AM-PT-T301'))).toBe(true)
    expect(op.events.some((e) => String(e.alarmId ?? e.deviceId ?? '').startsWith('AM-'))).toBe(false)
    expect(park.events.some((e) => String(e.alarmId ?? e.deviceId ?? '').startsWith('AM-PT-T301'))).toBe(true)
    for (const w of [op, park, admin]) w.s.close()
  })
})

describe('gateways', () => {
  it('refuses readings without credentials or with wrong ones, on HTTP and MQTT', async () => {
    const none = await post('/api/v1/readings', [{ device: 'CA-GT001', t: clock.now(), value: 1, unit: 'ppm' }])
    expect(none.status).toBe(401)
    const wrong = await post('/api/v1/readings', [], { 'x-gateway-key': 'demo-gateway:not-the-secret' })
    expect(wrong.status).toBe(401)
    await expect(
      mqtt.connectAsync(`mqtt://127.0.0.1:${srv.mqtt!.port}`, { clientId: 'intruder', reconnectPeriod: 0 }),
    ).rejects.toThrow()
    await expect(
      mqtt.connectAsync(`mqtt://127.0.0.1:${srv.mqtt!.port}`, {
        clientId: 'intruder2',
        username: 'demo-gateway',
        password: 'nope',
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow()
    await expect(connect(srv.url, { gateway: 'demo-gateway:nope' })).rejects.toThrow(/gateway credentials refused/)
  })
})

describe('SM4 at rest and audit', () => {
  it('sensitive values are unreadable in the raw SQLite file, yet verify and read back for authorised users', async () => {
    await srv.application.hosts.get('demo-park')!.idle()
    const raw = Buffer.concat(
      ['safetwin.db', 'safetwin.db-wal'].map((f) => {
        try {
          return readFileSync(join(dataDir, f))
        } catch {
          return Buffer.alloc(0)
        }
      }),
    )
    const f32 = Buffer.alloc(4)
    f32.writeFloatLE(1234.5678)
    expect(raw.includes(f32)).toBe(false)
    expect(raw.includes(Buffer.from('1234.567'))).toBe(false)
    // Not encrypted wholesale: public data (event types, gas devices) is still plain, and the key is not in the database.
    expect(raw.includes(Buffer.from('alarm.raised'))).toBe(true)
    const key = readFileSync(join(dataDir, 'sm4.keys'), 'utf8').trim().split(':')[1]
    expect(raw.includes(Buffer.from(key))).toBe(false)
    const ev = (await srv.store.read('demo-park')).find(
      (e) => e.type === 'alarm.raised' && e.deviceId === 'CA-PT-T101',
    )!
    expect(ev.value).toBeCloseTo(1234.5678, 2)
    const v = await (
      await fetch(`${srv.url}/api/v1/scenes/demo-park/verify`, {
        headers: { authorization: `Bearer ${tokens['regulator']}` },
      })
    ).json()
    expect(v.ok).toBe(true)
    const batches = await srv.store.readReadings('demo-park', 0, Number.MAX_SAFE_INTEGER)
    expect(batches.some((b) => Array.from(b.values).some((x) => Math.abs(x - 1234.5678) < 0.01))).toBe(true)
  })

  it('logins, refusals and exports are in the hash-chained audit log', async () => {
    const audit = await srv.store.read('_audit')
    const types = new Set(audit.map((e) => e.type))
    expect([...types]).toEqual(
      expect.arrayContaining(['audit.login', 'audit.login_failed', 'audit.login_throttled', 'audit.export']),
    )
    expect(audit.find((e) => e.type === 'audit.login' && e.operator === 'regulator')).toBeTruthy()
    expect((await srv.store.verify('_audit')).ok).toBe(true)
  })

  it('sets security headers and no CORS grant for foreign origins', async () => {
    const r = await fetch(`${srv.url}/api/health`, { headers: { origin: 'http://evil.example' } })
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
    expect(r.headers.get('x-frame-options')).toBe('DENY')
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    const pre = await fetch(`${srv.url}/api/v1/readings`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example' },
    })
    expect(pre.status).toBe(403)
  })
})
