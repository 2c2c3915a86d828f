/**
 * Socket.io side of security: who is behind each socket (token, or the demo visitor in demo
 * mode, or a gateway credential), and a per-packet guard that refuses any event the role may not
 * send — one table for every handler, including ones added later.
 */
import type { TwinServer, TwinSocket } from '../realtime/types'
import { ackError } from '@sim/protocol/messages'
import type { Security } from './security'
import { DEMO_VISITOR } from './users'
import { can, type Permission } from './roles'

/** Events and the permission each needs (events not listed need only a session). */
export const EVENT_PERMISSIONS: Record<string, Permission> = {
  'alarm:acknowledge': 'alarm.acknowledge',
  'alarm:shelve': 'alarm.shelve',
  'alarm:unshelve': 'alarm.shelve',
  'incident:command': 'incident.command',
  'leak:start': 'leak.simulate',
  'leak:stop': 'leak.simulate',
  'replay:open': 'replay',
  'dispatch:confirm': 'dispatch.command',
  'dispatch:recommend': 'dispatch.command',
  'dispatch:recall': 'dispatch.command',
  'resource:status': 'dispatch.command',
  'evacuation:order': 'incident.command',
}

export function installSocketAuth(io: TwinServer, security: Security): void {
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; gateway?: unknown }
    if (typeof auth.gateway === 'string') {
      const g = security.gateways.check(auth.gateway)
      if (!g)
        return next(Object.assign(new Error('gateway credentials refused'), { data: { code: 'GATEWAY_REFUSED' } }))
      socket.data.gateway = g.id
      socket.data.user = { id: `gateway:${g.id}`, name: g.id, role: 'gateway', enterpriseId: null, planRole: null }
      return next()
    }
    if (auth.token !== undefined) {
      const v = security.tokens.verify(auth.token)
      if (!v.ok)
        return next(Object.assign(new Error(`authentication refused: ${v.reason}`), { data: { code: 'AUTH_REFUSED' } }))
      socket.data.user = v.user
      socket.data.demo = false
      return next()
    }
    if (!security.demo)
      return next(
        Object.assign(new Error('authentication required: log in first'), { data: { code: 'AUTH_REQUIRED' } }),
      )
    socket.data.user = DEMO_VISITOR
    socket.data.demo = true
    next()
  })
}

/** Refuse, with an error ack, any packet the socket's role may not send. */
export function guardSocketEvents(socket: TwinSocket): void {
  socket.use((packet, next) => {
    const [event, ...args] = packet as [string, ...unknown[]]
    const perm = EVENT_PERMISSIONS[event]
    const role = socket.data.user?.role ?? ''
    const refuse = (msg: string) => {
      const ack = args[args.length - 1]
      if (typeof ack === 'function') (ack as (r: unknown) => void)(ackError(msg))
    }
    if (event === 'readings:push') {
      if (!socket.data.gateway) return refuse('readings:push: only authenticated gateways may send readings')
      return next()
    }
    if (socket.data.gateway && event !== 'scene:join') return refuse(`${event}: gateways may only push readings`)
    if (perm && !can(role, perm)) return refuse(`${event}: your role (${role}) may not do this`)
    next()
  })
}
