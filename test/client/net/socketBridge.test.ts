/**
 * The socket bridge against the real server (port 0, fixture scene), in Node: frames land in the
 * telemetry buffer without any store `set` per frame, and a wrong protocol version ends in
 * `refused` without retrying.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestServer, type TestServer } from '../../e2e/helpers/testServer'
import { connectSocketBridge } from '../../../client/src/net/socketBridge'
import { createTelemetryBuffer } from '../../../client/src/state/telemetryBuffer'
import { createTwinStore } from '../../../client/src/state/twinStore'
import { parseSceneOrThrow } from '@sim/scene/parseScene'
import { readFileSync } from 'node:fs'

const scenesDir = join(process.cwd(), 'test', 'fixtures', 'scenes')
const scene = parseSceneOrThrow(
  JSON.parse(readFileSync(join(scenesDir, 'mini-park', 'scene.json'), 'utf8')),
  'mini-park',
)

async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now()
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('socket bridge', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ scenesDir, seed: 1 })
  })
  afterAll(async () => {
    await server?.close()
  })

  test('joins, goes live and fills the telemetry buffer in place', async () => {
    const store = createTwinStore()
    const telemetry = createTelemetryBuffer(scene.devices.length)
    const states: string[] = []
    let storeWrites = 0
    store.subscribe((s, prev) => {
      storeWrites++
      if (s.connection !== prev.connection) states.push(s.connection)
    })
    const bridge = connectSocketBridge({
      store,
      sceneId: scene.id,
      sceneDeviceIds: scene.devices.map((d) => d.id),
      telemetry,
      url: server.url,
    })
    try {
      await until(() => telemetry.framesReceived >= 5).catch((e) => {
        console.log(states, telemetry, store.getState().connectionDetail)
        throw e
      })
      expect(store.getState().connection).toBe('live')
      expect(states).toEqual(['connecting', 'live'])
      // Five frames, and the store was written only for connection changes.
      expect(storeWrites).toBe(states.length)
      expect(telemetry.lastSeq).toBeGreaterThan(0)
      expect(Number.isFinite(telemetry.lastT)).toBe(true)
      expect(telemetry.readingsTotal).toBeGreaterThan(0)
      expect(telemetry.values.some((v) => Number.isFinite(v))).toBe(true)
    } finally {
      bridge.close()
    }
  })

  test('a protocol mismatch is refused and not retried', async () => {
    const store = createTwinStore()
    const bridge = connectSocketBridge({
      store,
      sceneId: scene.id,
      sceneDeviceIds: [],
      telemetry: createTelemetryBuffer(0),
      url: server.url,
      protocolVersion: 999,
    })
    try {
      await until(() => store.getState().connection === 'refused')
      expect(store.getState().connectionDetail).toMatch(/protocol version mismatch/)
      expect(bridge.socket.active).toBe(false)
    } finally {
      bridge.close()
    }
  })
})
