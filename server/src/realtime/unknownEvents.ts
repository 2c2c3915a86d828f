/** Anything a client emits that the protocol does not name gets an error ack, not silence. */
import { CLIENT_EVENTS } from '@sim/protocol/events'
import { ackError } from '@sim/protocol/messages'
import type { TwinSocket } from './types'

const KNOWN = new Set<string>(CLIENT_EVENTS)

export function rejectUnknownEvents(socket: TwinSocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (KNOWN.has(event)) return
    const last = args[args.length - 1]
    if (typeof last === 'function')
      (last as (r: unknown) => void)(ackError(`unknown event "${String(event).slice(0, 64)}"`))
  })
}
