/** leak:start / leak:stop — simulated leaks for demos, training and drill instructors. */
import { LeakStartSchema, LeakStopSchema, ackError, type Ack } from '@sim/protocol/messages'
import type { SceneHost } from '../scene/sceneHost'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export function registerLeakHandlers(
  _io: TwinServer,
  socket: TwinSocket,
  deps: {
    hosts: ReadonlyMap<string, SceneHost>
    operator: (s: TwinSocket) => string
    mayCommand?: (s: TwinSocket, sceneId: string) => boolean
  },
): void {
  socket.on(
    'leak:start',
    safeHandler(
      'leak:start',
      LeakStartSchema,
      async ({ sceneId, ...req }): Promise<Ack<{ leakId: string; seq: number }>> => {
        const host = deps.hosts.get(sceneId)
        if (!host) return ackError(`leak:start: unknown scene "${sceneId}"`)
        if (deps.mayCommand && !deps.mayCommand(socket, sceneId))
          return ackError('leak:start: not permitted for your role')
        const who = deps.operator(socket)
        const r = await host.startLeak(req, { source: who, operator: who, cause: 'operator' })
        if ('error' in r) return ackError(`leak:start: ${r.error}`)
        return { ok: true, data: { leakId: r.leakId as string, seq: r.seq } }
      },
    ),
  )
  socket.on(
    'leak:stop',
    safeHandler('leak:stop', LeakStopSchema, async ({ sceneId, leakId, reason }): Promise<Ack<{ seq: number }>> => {
      const host = deps.hosts.get(sceneId)
      if (!host) return ackError(`leak:stop: unknown scene "${sceneId}"`)
      if (deps.mayCommand && !deps.mayCommand(socket, sceneId))
        return ackError('leak:stop: not permitted for your role')
      const who = deps.operator(socket)
      const r = await host.stopLeak(leakId, reason, { source: who, operator: who })
      if ('error' in r) return ackError(`leak:stop: ${r.error}`)
      return { ok: true, data: { seq: r.seq } }
    }),
  )
}
