/**
 * Server CPU time to build and send one 100 ms telemetry frame (simulate every device, encode
 * the binary frame, emit it to a scene room with one connected socket.io client).
 */
import { io as ioClient } from 'socket.io-client'
import { VirtualClock } from '@sim/core/clock'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import { startServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { tinyScene, writeScenesDir } from '../helpers/tinyScene'
import { emit, round } from './harness'

async function benchFrames(nSensors: number): Promise<void> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1))
  const scene = tinyScene(nSensors, `bench${nSensors}`)
  const srv = await startServer({
    port: 0,
    scenesDir: writeScenesDir(scene),
    clock,
    staticDir: '/nonexistent',
    store: new SqliteEventStore(':memory:'),
  })
  const s = ioClient(srv.url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  })
  await new Promise<void>((r) => s.on('connect', () => r()))
  await new Promise<void>((r) => s.emit('scene:join', { sceneId: scene.id }, () => r()))
  let received = 0
  s.on('telemetry:frame', () => received++)
  const rt = srv.application.hosts.get(scene.id)!.runtime
  const samples: number[] = []
  const tick = () => {
    const t0 = process.cpuUsage()
    rt.tick()
    const d = process.cpuUsage(t0)
    return (d.user + d.system) / 1000
  }
  for (let i = 0; i < 20; i++) {
    tick()
    await new Promise((r) => setTimeout(r, 5))
  }
  for (let i = 0; i < 100; i++) {
    samples.push(tick())
    await new Promise((r) => setTimeout(r, 5)) // let the socket drain, as between real 100 ms ticks
  }
  samples.sort((a, b) => a - b)
  emit({
    name: `frame.build_and_send.${nSensors}_sensors`,
    unit: 'ms_cpu',
    median: round(samples[50], 3),
    n: samples.length,
    p90: round(samples[90], 3),
    bytes_per_frame: 24 + 5 * scene.devices.length,
    frames_received: received,
  })
  s.close()
  await srv.close()
}

await benchFrames(1000)
await benchFrames(10000)
