/**
 * incident:command — an operator acknowledges or completes a plan step, raises or stands down a
 * tier, changes the level, opens or closes an incident. The response machine checks the command
 * against the state and the plan (who may act on which step); a valid one is logged with the
 * person as its provenance, and the rules react to it like to any other event.
 */
import { IncidentCommandSchema, ackError, type Ack } from '@sim/protocol/messages'
import type { SceneHost, AppendItem } from '../scene/sceneHost'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export function registerIncidentHandlers(
  _io: TwinServer,
  socket: TwinSocket,
  deps: {
    hosts: ReadonlyMap<string, SceneHost>
    mayCommand?: (s: TwinSocket, sceneId: string) => boolean
    /** Tenant check: enterprise staff act on their own enterprise's incidents only. */
    mayActOnIncident?: (s: TwinSocket, sceneId: string, incidentId: string) => boolean
  },
): void {
  socket.on(
    'incident:command',
    safeHandler(
      'incident:command',
      IncidentCommandSchema,
      async ({ sceneId, kind, ...payload }): Promise<Ack<{ seqs: number[] }>> => {
        const host = deps.hosts.get(sceneId)
        if (!host) return ackError(`incident:command: unknown scene "${sceneId}"`)
        if (!socket.data.scenes.has(sceneId)) return ackError(`incident:command: join scene "${sceneId}" first`)
        if (deps.mayCommand && !deps.mayCommand(socket, sceneId))
          return ackError('incident:command: not permitted for your role')
        const incidentId = (payload as { incidentId?: string }).incidentId
        if (incidentId && deps.mayActOnIncident && !deps.mayActOnIncident(socket, sceneId, incidentId))
          return ackError('incident:command: this incident belongs to another enterprise')
        if (
          kind === 'incident.open' &&
          socket.data.user.enterpriseId &&
          (payload as { enterpriseId: string | null }).enterpriseId !== socket.data.user.enterpriseId
        )
          return ackError('incident:command: you may open incidents for your own enterprise only')
        const u = socket.data.user
        const r = host.response.command(kind, payload, { id: u.id, role: u.planRole ?? '', tier: '' })
        if (!r.ok) return ackError(`incident:command: ${r.error}`)
        const stored = await host.appendItems(
          r.bodies.map((b) => ({ body: b as AppendItem['body'], source: u.id, operator: u.id })),
        )
        return { ok: true, data: { seqs: stored.map((e) => e.seq) } }
      },
    ),
  )
}
