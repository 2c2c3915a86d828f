/**
 * scene:join / scene:leave — a socket joins the room of one scene and gets, in the ack, what it
 * needs to draw the present at once: device order, server time, the newest frame, and the
 * alarm state folded up to a log seq (later `log:event`s continue from there).
 */
import { SceneJoinSchema, ackError, type Ack } from '@sim/protocol/messages'
import { sceneRoom, type SceneJoined } from '@sim/protocol/events'
import type { SceneHost } from '../scene/sceneHost'
import type { AlarmSnapshot } from '@sim/alarms'
import type { Audience } from '../auth/audience'
import { audienceRoom } from '../auth/views'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export interface SceneHandlerDeps {
  hosts: ReadonlyMap<string, SceneHost>
  now: () => number
  /** The tenant audience of a socket (decides its telemetry/event room). */
  audienceOf?: (s: TwinSocket) => Audience
  /** The join snapshot as this socket may see it (tenant masking). */
  viewFor?: <S extends { alarms: AlarmSnapshot }>(s: TwinSocket, sceneId: string, snap: S) => S
}

export function registerSceneHandlers(_io: TwinServer, socket: TwinSocket, deps: SceneHandlerDeps): void {
  socket.on(
    'scene:join',
    safeHandler('scene:join', SceneJoinSchema, async ({ sceneId }): Promise<Ack<SceneJoined>> => {
      const host = deps.hosts.get(sceneId)
      if (!host) return ackError(`scene:join: unknown scene "${sceneId}"`)
      // The common room carries what every screen may see (plume, people); the audience room the
      // telemetry and log events as this screen's tenant may see them.
      await socket.join([sceneRoom(sceneId), audienceRoom(sceneId, deps.audienceOf ? deps.audienceOf(socket) : 'full')])
      socket.data.scenes.add(sceneId)
      const raw = host.screenSnapshot()
      const snap = deps.viewFor ? deps.viewFor(socket, sceneId, raw) : raw
      return {
        ok: true,
        data: {
          sceneId,
          deviceIds: host.loaded.scene.devices.map((d) => d.id),
          serverTime: deps.now(),
          lastFrame: host.runtime.lastFrame,
          drill: host.drill,
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
      for (const room of [...socket.rooms])
        if (room === sceneRoom(sceneId) || room.startsWith(`${sceneRoom(sceneId)}|`)) await socket.leave(room)
      socket.data.scenes.delete(sceneId)
      return { ok: true, data: null }
    }),
  )
}
