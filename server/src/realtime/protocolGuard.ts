/**
 * Handshake check: a client must say which protocol it speaks. A mismatch is refused before
 * the connection is established, with a message a person can act on ("reload the page").
 */
import { HandshakeAuthSchema } from '@sim/protocol/messages'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { TwinServer } from './types'

export class HandshakeError extends Error {
  data: { code: string; serverProtocol: number }
  constructor(code: string, message: string) {
    super(message)
    this.data = { code, serverProtocol: PROTOCOL_VERSION }
  }
}

export function installProtocolGuard(io: TwinServer): void {
  io.use((socket, next) => {
    const r = HandshakeAuthSchema.safeParse(socket.handshake.auth ?? {})
    if (!r.success)
      return next(
        new HandshakeError(
          'BAD_HANDSHAKE',
          `handshake: auth.protocolVersion (an integer) is required; this server speaks protocol ${PROTOCOL_VERSION}`,
        ),
      )
    if (r.data.protocolVersion !== PROTOCOL_VERSION)
      return next(
        new HandshakeError(
          'PROTOCOL_MISMATCH',
          `protocol version mismatch: client ${r.data.protocolVersion}, server ${PROTOCOL_VERSION} — reload the page to get the current client`,
        ),
      )
    socket.data.protocolVersion = r.data.protocolVersion
    socket.data.scenes = new Set()
    next()
  })
}
