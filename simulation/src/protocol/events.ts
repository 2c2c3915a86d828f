/**
 * The typed socket.io event maps, used as generics on both ends:
 *   server: new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>()
 *   client: io() as Socket<ServerToClientEvents, ClientToServerEvents>
 * Names follow `domain:verb` — imperative from client to server, past tense / noun back.
 */
import type { Ack, SceneJoin } from './messages'

export interface SceneJoined {
  sceneId: string
  /** Device ids in frame order (index i of every frame is deviceIds[i]). */
  deviceIds: string[]
  serverTime: number
  /** The newest frame, so a screen that joins mid-incident draws the present at once. */
  lastFrame: ArrayBuffer | null
  drill: boolean
}

export interface ServerToClientEvents {
  /** Binary telemetry frame (see telemetryFrame.ts), volatile, 10 Hz per scene room. */
  'telemetry:frame': (frame: ArrayBuffer) => void
}

export interface ClientToServerEvents {
  'scene:join': (payload: SceneJoin, ack: (r: Ack<SceneJoined>) => void) => void
  'scene:leave': (payload: SceneJoin, ack: (r: Ack<null>) => void) => void
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  protocolVersion: number
  scenes: Set<string>
}

/** Every event a client may send; anything else gets an error ack. */
export const CLIENT_EVENTS = ['scene:join', 'scene:leave'] as const

export const sceneRoom = (sceneId: string) => `scene:${sceneId}`
