/**
 * scene:join / scene:leave — a socket joins the room of one scene and gets, in the ack, what it
 * needs to draw the present at once: device order, server time, the newest frame, and the
 * alarm state folded up to a log seq (later `log:event`s continue from there).
 */
import { SceneJoinSchema, ackError, type Ack } from '@sim/protocol/messages'
import { sceneRoom, type SceneJoined } from '@sim/protocol/events'
import type { SceneHost } from '../scene/sceneHost'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export interface SceneHandlerDeps {
  hosts: ReadonlyMap<string, SceneHost>
  now: () => number
}

export function registerSceneHandlers(_io: TwinServer, socket: TwinSocket, deps: SceneHandlerDeps): void {
  socket.on(
    'scene:join',
    safeHandler('scene:join', SceneJoinSchema, async ({ sceneId }): Promise<Ack<SceneJoined>> => {
      const host = deps.hosts.get(sceneId)
      if (!host) return ackError(`scene:join: unknown scene "${sceneId}"`)
      await socket.join(sceneRoom(sceneId))
      socket.data.scenes.add(sceneId)
      const snap = host.screenSnapshot()
      return {
        ok: true,
        data: {
          sceneId,
          deviceIds: host.loaded.scene.devices.map((d) => d.id),
          serverTime: deps.now(),
          lastFrame: host.runtime.lastFrame,
          drill: false,
          seq: snap.seq,
          alarms: snap.alarms,
          plume: host.plume.latest(),
          response: snap.response,
          plans: host.response.plans,
          modules: snap.modules,
        },
      }
    }),
  )
  socket.on(
    'scene:leave',
    safeHandler('scene:leave', SceneJoinSchema, async ({ sceneId }): Promise<Ack<null>> => {
      await socket.leave(sceneRoom(sceneId))
      socket.data.scenes.delete(sceneId)
      return { ok: true, data: null }
    }),
  )
}
