/**
 * The server over real sockets: a real HTTP listener on port 0 and real socket.io clients.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { io as ioClient, type Socket } from 'socket.io-client'
import { VirtualClock } from '@sim/core/clock'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import { decodeFrame } from '@sim/protocol/telemetryFrame'
import type { SceneJoined } from '@sim/protocol/events'
import type { Ack } from '@sim/protocol/messages'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { tinyScene, writeScenesDir } from '../helpers/tinyScene'

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true })
    s.once('connect', () => resolve(s))
    s.once('connect_error', (e) => {
      s.close()
      reject(e)
    })
  })
}

function emitAck<T>(s: Socket, event: string, ...args: unknown[]): Promise<Ack<T>> {
  return new Promise((resolve) => s.emit(event, ...args, (r: Ack<T>) => resolve(r)))
}

describe('server with the real clock', () => {
  let srv: RunningServer
  const sockets: Socket[] = []
  beforeAll(async () => {
    srv = await startServer({
      port: 0,
      scenesDir: writeScenesDir(tinyScene(30)),
      seed: 1,
      store: new SqliteEventStore(':memory:'),
    })
  })
  afterAll(async () => {
    sockets.forEach((s) => s.close())
    await srv.close()
  })

  it('serves health, the scene list, a scene, and 404 JSON for unknown ids', async () => {
    const h = await (await fetch(`${srv.url}/api/health`)).json()
    expect(h).toMatchObject({ ok: true, protocolVersion: PROTOCOL_VERSION, scenes: ['tiny'] })
    const list = await (await fetch(`${srv.url}/api/v1/scenes`)).json()
    expect(list[0]).toMatchObject({ id: 'tiny', kind: 'park', devices: 33 })
    const scene = await (await fetch(`${srv.url}/api/v1/scenes/tiny`)).json()
    expect(scene.devices).toHaveLength(33)
    const r404 = await fetch(`${srv.url}/api/v1/scenes/nope`)
    expect(r404.status).toBe(404)
    expect((await r404.json()).error).toMatch(/unknown scene "nope"/)
    const openapi = await (await fetch(`${srv.url}/api/v1/openapi.json`)).json()
    expect(openapi.openapi).toMatch(/^3\./)
  })

  it('streams binary frames at about 10 Hz to a joined client, with the join snapshot', async () => {
    const s = await connect(srv.url, { protocolVersion: PROTOCOL_VERSION })
    sockets.push(s)
    const frames: { t: number; seq: number; values: number[] }[] = []
    s.on('telemetry:frame', (buf: ArrayBuffer) => {
      const f = decodeFrame(new Uint8Array(buf))
      frames.push({ t: f.t, seq: f.seq, values: Array.from(f.values) })
    })
    const ack = await emitAck<SceneJoined>(s, 'scene:join', { sceneId: 'tiny' })
    expect(ack.ok).toBe(true)
    if (!ack.ok) return
    expect(ack.data.deviceIds).toHaveLength(33)
    expect(ack.data.deviceIds[0]).toBe('gd-0')
    await new Promise((r) => setTimeout(r, 1600))
    expect(frames.length).toBeGreaterThanOrEqual(8)
    // Server-side spacing of frames (the server clock, not our wall time): 100 ms.
    const dts = frames
      .slice(1)
      .map((f, i) => f.t - frames[i].t)
      .sort((a, b) => a - b)
    const median = dts[Math.floor(dts.length / 2)]
    expect(median).toBeGreaterThanOrEqual(90)
    expect(median).toBeLessThanOrEqual(110)
    // seq increases and readings are live (values change between frames)
    for (let i = 1; i < frames.length; i++) expect(frames[i].seq).toBeGreaterThan(frames[i - 1].seq)
    expect(frames[0].values).not.toEqual(frames[frames.length - 1].values)
    expect(frames[0].values).toHaveLength(33)
  })

  it('refuses a client with the wrong protocol version, with a clear message', async () => {
    await expect(connect(srv.url, { protocolVersion: PROTOCOL_VERSION + 1 })).rejects.toThrow(
      /protocol version mismatch: client 2, server 1/,
    )
    await expect(connect(srv.url, {})).rejects.toThrow(/protocolVersion/)
  })

  it('answers malformed payloads and unknown events with an error ack and stays up', async () => {
    const s = await connect(srv.url, { protocolVersion: PROTOCOL_VERSION })
    sockets.push(s)
    const bad = await emitAck(s, 'scene:join', { sceneId: 42 })
    expect(bad).toMatchObject({ ok: false })
    expect(!bad.ok && bad.error).toMatch(/sceneId/)
    const extra = await emitAck(s, 'scene:join', { sceneId: 'tiny', evil: true })
    expect(extra.ok).toBe(false)
    const unknownScene = await emitAck(s, 'scene:join', { sceneId: 'atlantis' })
    expect(!unknownScene.ok && unknownScene.error).toMatch(/unknown scene "atlantis"/)
    const unknown = await emitAck(s, 'reactor:meltdown', { now: true })
    expect(!unknown.ok && unknown.error).toMatch(/unknown event "reactor:meltdown"/)
    s.emit('scene:join', 'no ack, not an object') // must not throw server-side
    s.emit('scene:join') // no payload at all
    const ok = await emitAck(s, 'scene:join', { sceneId: 'tiny' })
    expect(ok.ok).toBe(true)
    const h = await fetch(`${srv.url}/api/health`)
    expect(h.status).toBe(200)
  })

  it('unknown API paths get a JSON 404', async () => {
    const r = await fetch(`${srv.url}/api/v1/nothing-here`)
    expect(r.status).toBe(404)
    expect((await r.json()).error).toMatch(/no such endpoint/)
  })
})

describe('server with a virtual clock', () => {
  it('emits exactly one frame per 100 ms of simulated time, stamped with the simulated time', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 29, 2, 0, 0))
    const srv = await startServer({
      port: 0,
      scenesDir: writeScenesDir(tinyScene(5)),
      seed: 9,
      clock,
      store: new SqliteEventStore(':memory:'),
    })
    const s = await connect(srv.url, { protocolVersion: PROTOCOL_VERSION })
    const ts: number[] = []
    s.on('telemetry:frame', (buf: ArrayBuffer) => ts.push(decodeFrame(new Uint8Array(buf)).t))
    await emitAck(s, 'scene:join', { sceneId: 'tiny' })
    const t0 = clock.now()
    // Step like real time would: volatile frames emitted in one synchronous burst are (rightly)
    // dropped while the transport is busy, so give the socket a moment between steps.
    for (let k = 0; k < 10; k++) {
      clock.advance(100)
      await new Promise((r) => setTimeout(r, 30))
    }
    await new Promise((r) => setTimeout(r, 100))
    // Every frame is stamped on the 100 ms grid of simulated time, in order; frames are volatile,
    // so one may be dropped while the socket is busy with other traffic (people, log events).
    const grid = Array.from({ length: 10 }, (_, i) => t0 + 100 * (i + 1))
    expect(ts.length).toBeGreaterThanOrEqual(8)
    for (const t of ts) expect(grid).toContain(t)
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThan(ts[i - 1])
    s.close()
    await srv.close()
  })

  it('refuses to start on a broken scene, naming the file and the field', async () => {
    const broken = tinyScene(3) as unknown as { devices: { unit: string }[] }
    broken.devices[1].unit = 'ppm'
    const dir = writeScenesDir(broken)
    await expect(startServer({ port: 0, scenesDir: dir, store: new SqliteEventStore(':memory:') })).rejects.toThrow(
      /tiny\/scene\.json: invalid scene[\s\S]*devices\[1\]\.unit/,
    )
  })
})
