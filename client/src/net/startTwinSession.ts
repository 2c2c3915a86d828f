/**
 * Start-up sequence, outside React: pick a scene, load it, prepare it, put it in the store, open
 * the socket. Returns a disposer so React's effect (and StrictMode's double run) can cancel it.
 */
import { createAlarmFeed } from '../alarms/alarmFeed'
import { createReplayController } from '../replay/replayController'
import { createResponseFeed } from '../response/responseFeed'
import { loadTwinScene } from '../state/loadedScene'
import { createTelemetryBuffer } from '../state/telemetryBuffer'
import type { TwinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'
import { createAlarmCommands } from './alarmCommands'
import { createIncidentCommands, createLeakCommands } from './incidentCommands'
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
    const response = createResponseFeed({
      onState: (r) => store.getState().setResponse(r),
      onLeaks: (l) => store.getState().setActiveLeaks(l),
      onDrill: () => store.getState().markDrill(),
    })
    const plume = store.getState().plume!
    bridge = connectSocketBridge({
      store,
      sceneId: scene.id,
      sceneDeviceIds: scene.devices.map((d) => d.id),
      telemetry,
      alarms,
      response,
      plume,
      trend: store.getState().trend ?? undefined,
    })
    store.getState().setAlarmCommands(createAlarmCommands(bridge.socket, scene.id))
    store
      .getState()
      .setIncidentCommands(createIncidentCommands(bridge.socket, scene.id), createLeakCommands(bridge.socket, scene.id))
    const replay = createReplayController({ store, bridge, sceneId: scene.id, telemetry, alarms, response, plume })
    store.getState().setReplayApi(replay)
    testHooks.replayPosition = replay.position
  }

  run().catch((e: unknown) => {
    if (abort.signal.aborted) return
    store.getState().setSceneError(e instanceof Error ? e.message : String(e))
  })

  return () => {
    abort.abort()
    bridge?.close()
    store.getState().setAlarmCommands(null)
    store.getState().setIncidentCommands(null, null)
    store.getState().setReplayApi(null)
  }
}
