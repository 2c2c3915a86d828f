import type { Server, Socket } from 'socket.io'
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@sim/protocol/events'

export type TwinServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
export type TwinSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
