/**
 * scene:join / scene:leave — a socket joins the room of one scene and gets, in the ack, what it
 * needs to draw the present at once (device order, server time, the newest frame).
 */
import { SceneJoinSchema, ackError } from '@sim/protocol/messages'
import { sceneRoom } from '@sim/protocol/events'
import type { SceneRuntime } from '../sim/sceneRuntime'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export interface SceneHandlerDeps {
  runtimes: ReadonlyMap<string, SceneRuntime>
  now: () => number
}

export function registerSceneHandlers(_io: TwinServer, socket: TwinSocket, deps: SceneHandlerDeps): void {
  socket.on(
    'scene:join',
    safeHandler('scene:join', SceneJoinSchema, async ({ sceneId }) => {
      const rt = deps.runtimes.get(sceneId)
      if (!rt) return ackError(`scene:join: unknown scene "${sceneId}"`)
      await socket.join(sceneRoom(sceneId))
      socket.data.scenes.add(sceneId)
      return {
        ok: true as const,
        data: {
          sceneId,
          deviceIds: rt.loaded.scene.devices.map((d) => d.id),
          serverTime: deps.now(),
          lastFrame: rt.lastFrame,
          drill: false,
        },
      }
    }),
  )
  socket.on(
    'scene:leave',
    safeHandler('scene:leave', SceneJoinSchema, async ({ sceneId }) => {
      await socket.leave(sceneRoom(sceneId))
      socket.data.scenes.delete(sceneId)
      return { ok: true as const, data: null }
    }),
  )
}
