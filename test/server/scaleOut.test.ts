/**
 * Scale-out on a real redis-server: two server instances share one log. A reading posted to
 * instance A raises an alarm that a screen connected to instance B receives exactly once; an
 * acknowledgement made on B reaches a screen on A; only one instance holds the leader lease.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { io as ioClient, type Socket } from 'socket.io-client'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { Ack } from '@sim/protocol/messages'
import type { LoggedEvent, SceneJoined } from '@sim/protocol/events'
import { startServer, type RunningServer } from '@server/startServer'
import { tinyScene, writeScenesDir } from '../helpers/tinyScene'
import { startRedis, type RedisHandle } from '../helpers/redisServer'

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    })
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}
const emitAck = <T>(s: Socket, ev: string, p: unknown) => new Promise<Ack<T>>((r) => s.emit(ev, p, r))
const waitFor = async (cond: () => boolean, ms = 8000) => {
  const until = Date.now() + ms
  while (!cond() && Date.now() < until) await new Promise((r) => setTimeout(r, 25))
}

describe('scale-out: two instances on one Redis', () => {
  let redis: RedisHandle
  let a: RunningServer
  let b: RunningServer
  const sockets: Socket[] = []
  beforeAll(async () => {
    redis = await startRedis()
    const scenesDir = writeScenesDir(tinyScene(8))
    const common = { port: 0, scenesDir, simulate: false, redisUrl: redis.url, redisPrefix: 'so1', staticDir: '/none' }
    a = await startServer({ ...common, instanceId: 'instance-a' })
    b = await startServer({ ...common, instanceId: 'instance-b' })
  }, 60_000)
  afterAll(async () => {
    sockets.forEach((s) => s.close())
    await a?.close()
    await b?.close()
    await redis?.stop()
  })

  it('elects exactly one leader', () => {
    expect([a.scaleOut!.isLeader, b.scaleOut!.isLeader].filter(Boolean)).toHaveLength(1)
  })

  it('a reading posted to A raises an alarm that a screen on B receives exactly once', async () => {
    const onB = await connect(b.url)
    const onA = await connect(a.url)
    sockets.push(onB, onA)
    const gotB: LoggedEvent[] = []
    const gotA: LoggedEvent[] = []
    onB.on('log:event', (e: LoggedEvent) => gotB.push(e))
    onA.on('log:event', (e: LoggedEvent) => gotA.push(e))
    expect((await emitAck<SceneJoined>(onB, 'scene:join', { sceneId: 'tiny' })).ok).toBe(true)
    expect((await emitAck<SceneJoined>(onA, 'scene:join', { sceneId: 'tiny' })).ok).toBe(true)
    const now = Date.now()
    const readings = Array.from({ length: 10 }, (_, k) => ({
      device: 'gd-2',
      t: now - 1000 + k * 100,
      value: 80,
      unit: '%LEL',
    }))
    const r = await fetch(`${a.url}/api/v1/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-key': 'demo-gateway:demo-gateway-secret' },
      body: JSON.stringify(readings),
    })
    expect((await r.json()).accepted).toBe(10)
    await waitFor(() => gotB.some((e) => e.type === 'alarm.raised'))
    await new Promise((r) => setTimeout(r, 500)) // time for any duplicate to show up
    const raisedB = gotB.filter((e) => e.type === 'alarm.raised')
    expect(raisedB).toHaveLength(1)
    expect(raisedB[0]).toMatchObject({ deviceId: 'gd-2', severity: 'red' })
    expect(gotA.filter((e) => e.type === 'alarm.raised')).toHaveLength(1)

    // The follower folds the leader's events: its join snapshot shows the alarm too.
    const late = await connect(b.url)
    sockets.push(late)
    const j = await emitAck<SceneJoined>(late, 'scene:join', { sceneId: 'tiny' })
    await waitFor(() => false, 300)
    expect(j.ok && j.data.alarms.active.map((x) => x.id)).toContain(raisedB[0].alarmId)
  })

  it('the shared log verifies from either instance', async () => {
    const va = await (await fetch(`${a.url}/api/v1/scenes/tiny/verify`)).json()
    const vb = await (await fetch(`${b.url}/api/v1/scenes/tiny/verify`)).json()
    expect(va.ok).toBe(true)
    expect(vb).toEqual(va)
  })
})
