/**
 * Start-up sequence, outside React: pick a scene, load it, prepare it, put it in the store, open
 * the socket. Returns a disposer so React's effect (and StrictMode's double run) can cancel it.
 */
import { createAlarmFeed } from '../alarms/alarmFeed'
import { loadTwinScene } from '../state/loadedScene'
import { createTelemetryBuffer } from '../state/telemetryBuffer'
import type { TwinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'
import { createAlarmCommands } from './alarmCommands'
import { chooseSceneId, fetchScene } from './fetchScene'
import { connectSocketBridge, type SocketBridge } from './socketBridge'

export function startTwinSession(store: TwinStore, search: string): () => void {
  const abort = new AbortController()
  let bridge: SocketBridge | null = null

  const run = async () => {
    const sceneId = await chooseSceneId(search, abort.signal)
    const scene = await fetchScene(sceneId, abort.signal)
    if (abort.signal.aborted) return
    const loaded = loadTwinScene(scene)
    const telemetry = createTelemetryBuffer(scene.devices.length)
    testHooks.sceneId = scene.id
    testHooks.deviceCount = scene.devices.length
    store.getState().setScene(loaded, telemetry)
    const alarms = createAlarmFeed(scene, { onSnapshot: (s) => store.getState().setAlarmSnapshot(s) })
    bridge = connectSocketBridge({
      store,
      sceneId: scene.id,
      sceneDeviceIds: scene.devices.map((d) => d.id),
      telemetry,
      alarms,
      trend: store.getState().trend ?? undefined,
    })
    store.getState().setAlarmCommands(createAlarmCommands(bridge.socket, scene.id))
  }

  run().catch((e: unknown) => {
    if (abort.signal.aborted) return
    store.getState().setSceneError(e instanceof Error ? e.message : String(e))
  })

  return () => {
    abort.abort()
    bridge?.close()
    store.getState().setAlarmCommands(null)
  }
}
