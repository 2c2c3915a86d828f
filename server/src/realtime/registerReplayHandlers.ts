/**
 * Replay sessions over the socket: open (validated window, chain check, markers), control
 * (play/pause/seek/speed/next event), close. A socket owns its sessions; they end with it.
 */
import { randomUUID } from 'node:crypto'
import { ReplayCloseSchema, ReplayControlSchema, ReplayOpenSchema, ackError, type Ack } from '@sim/protocol/messages'
import type { ReplayOpened, ReplayState } from '@sim/protocol/events'
import type { SceneHost } from '../scene/sceneHost'
import type { EventStore } from '../store/eventStore'
import { ReplaySession, REPLAY_SPEEDS } from '../replay/replaySession'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

const MAX_SESSIONS_PER_SOCKET = 4

export function registerReplayHandlers(
  io: TwinServer,
  socket: TwinSocket,
  deps: {
    hosts: ReadonlyMap<string, SceneHost>
    store: EventStore
    now: () => number
    mayReplay?: (s: TwinSocket, sceneId: string) => boolean
  },
): void {
  const sessions = new Map<string, ReplaySession>()
  socket.on('disconnect', () => {
    for (const s of sessions.values()) s.close()
    sessions.clear()
  })
  socket.on(
    'replay:open',
    safeHandler('replay:open', ReplayOpenSchema, async ({ sceneId, from, to }): Promise<Ack<ReplayOpened>> => {
      const host = deps.hosts.get(sceneId)
      if (!host) return ackError(`replay:open: unknown scene "${sceneId}"`)
      if (deps.mayReplay && !deps.mayReplay(socket, sceneId))
        return ackError('replay:open: not permitted for your role')
      if (sessions.size >= MAX_SESSIONS_PER_SOCKET)
        return ackError(`replay:open: at most ${MAX_SESSIONS_PER_SOCKET} replays per screen`)
      await host.idle()
      const first = (await deps.store.read(sceneId, 1, 1))[0]
      const start = from ?? first?.t ?? deps.now()
      const end = to ?? deps.now()
      if (end <= start) return ackError('replay:open: nothing recorded in that window')
      const id = randomUUID()
      const room = `replay:${id}`
      await socket.join(room)
      const session = new ReplaySession(
        id,
        host.loaded,
        deps.store,
        start,
        end,
        {
          frame: (b) => io.to(room).emit('replay:frame', b),
          event: (e) => io.to(room).emit('replay:event', e),
          plume: (u) => io.to(room).emit('replay:plume', u),
          state: (s) => io.to(room).emit('replay:state', { sessionId: id, ...s }),
        },
        false,
      )
      sessions.set(id, session)
      const o = await session.open()
      return {
        ok: true,
        data: {
          sessionId: id,
          sceneId,
          from: start,
          to: end,
          speeds: [...REPLAY_SPEEDS],
          markers: o.markers,
          chain: { ok: o.chain.ok, checked: o.chain.checked, firstBroken: o.chain.firstBroken },
          alarms: o.alarms,
          seq: o.seq,
          drill: false,
        },
      }
    }),
  )
  socket.on(
    'replay:control',
    safeHandler('replay:control', ReplayControlSchema, async (c): Promise<Ack<ReplayState>> => {
      const s = sessions.get(c.sessionId)
      if (!s) return ackError(`replay:control: no replay "${c.sessionId}" on this screen`)
      if (c.action === 'play') s.play()
      else if (c.action === 'pause') s.pause()
      else if (c.action === 'seek') await s.seek(c.t)
      else if (c.action === 'next_event') await s.nextEvent()
      else s.setSpeed(c.speed)
      return { ok: true, data: { sessionId: s.id, position: s.position, playing: s.playing, speed: s.speed } }
    }),
  )
  socket.on(
    'replay:close',
    safeHandler('replay:close', ReplayCloseSchema, async ({ sessionId }): Promise<Ack<null>> => {
      const s = sessions.get(sessionId)
      if (!s) return ackError(`replay:close: no replay "${sessionId}" on this screen`)
      s.close()
      sessions.delete(sessionId)
      await socket.leave(`replay:${sessionId}`)
      return { ok: true, data: null }
    }),
  )
}
