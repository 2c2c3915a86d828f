/**
 * Dispatch commands from the command centre: confirm a recommendation (with overrides), ask for
 * a plan for a point, recall a unit, change a unit's status (owning tier only), order an
 * evacuation. Each is validated (zod, then the dispatch state machine) and becomes logged events
 * with the person as provenance; a refusal is an error ack and nothing is logged.
 */
import type { z } from 'zod'
import {
  DispatchConfirmSchema,
  DispatchRecallSchema,
  DispatchRecommendSchema,
  EvacuationOrderSchema,
  ResourceStatusSchema,
  ackError,
  type Ack,
} from '@sim/protocol/messages'
import type { SceneHost } from '../scene/sceneHost'
import { dispatchOf, type CommandResult, type DispatchModule } from '../scene/dispatchModule'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export function registerDispatchHandlers(
  _io: TwinServer,
  socket: TwinSocket,
  deps: { hosts: ReadonlyMap<string, SceneHost>; mayCommand?: (s: TwinSocket, sceneId: string) => boolean },
): void {
  /** The scene's dispatch module for a joined, permitted socket, or the error ack. */
  const moduleFor = (event: string, sceneId: string): DispatchModule | { ok: false; error: string } => {
    const host = deps.hosts.get(sceneId)
    if (!host) return ackError(`${event}: unknown scene "${sceneId}"`)
    if (!socket.data.scenes.has(sceneId)) return ackError(`${event}: join scene "${sceneId}" first`)
    if (deps.mayCommand && !deps.mayCommand(socket, sceneId)) return ackError(`${event}: not permitted for your role`)
    return dispatchOf(host) ?? ackError(`${event}: scene "${sceneId}" has no resource registry`)
  }
  const on = <S extends z.ZodType<{ sceneId: string }>, T>(
    event: Parameters<TwinSocket['on']>[0],
    schema: S,
    run: (m: DispatchModule, p: z.infer<S>) => Promise<CommandResult<T>>,
  ) =>
    socket.on(
      event,
      safeHandler(event, schema, async (p): Promise<Ack<T>> => {
        const m = moduleFor(event, p.sceneId)
        if (!('name' in m)) return m
        const r = await run(m, p)
        return r.ok ? r : ackError(`${event}: ${r.error}`)
      }) as never,
    )
  const by = () => socket.data.user.id

  on('dispatch:confirm', DispatchConfirmSchema, (m, p) => m.confirm(p, by()))
  on('dispatch:recommend', DispatchRecommendSchema, async (m, p) => {
    const r = await m.recommend(p, by())
    return r.ok
      ? {
          ok: true,
          data: {
            planId: r.data.planId,
            seq: r.data.seq,
            recommendations: r.data.body.recommendations,
            unfilled: r.data.body.unfilled,
          },
        }
      : r
  })
  on('dispatch:recall', DispatchRecallSchema, (m, p) => m.recall(p.unitId, by()))
  on('resource:status', ResourceStatusSchema, (m, p) => m.setStatus(p.unitId, p.status, p.reason, socket.data.user))
  on('evacuation:order', EvacuationOrderSchema, (m, p) => m.orderEvacuation(by(), { all: p.all, nearM: p.nearM }))
}
