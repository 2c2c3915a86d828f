/**
 * The typed socket.io event maps, used as generics on both ends:
 *   server: new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>()
 *   client: io() as Socket<ServerToClientEvents, ClientToServerEvents>
 * Names follow `domain:verb` — imperative from client to server, past tense / noun back.
 */
import type { Ack, SceneJoin } from './messages'
import type { IngestResult } from './readings'
import type { AlarmSnapshot } from '../alarms/types'
import type {
  AlarmAck,
  AlarmShelve,
  AlarmUnshelve,
  IncidentCommand,
  LeakRequest,
  ReplayControl,
  ReplayOpen,
} from './messages'
import type { PlumeUpdate } from '../twin/plumeWire'
import type {
  DispatchConfirm,
  DispatchRecall,
  DispatchRecommend,
  EvacuationOrder,
  ResourceStatusCommand,
} from './messages'
import type { ResponseState } from '../response/state'
import type { PlanSet } from '../response/planSchema'
import type { EventMeta } from '../events/envelope'

export interface SceneJoined {
  sceneId: string
  /** Device ids in frame order (index i of every frame is deviceIds[i]). */
  deviceIds: string[]
  serverTime: number
  /** The newest frame, so a screen that joins mid-incident draws the present at once. */
  lastFrame: ArrayBuffer | null
  drill: boolean
  /** Last log seq folded into `alarms`; later `log:event`s continue from here. */
  seq: number
  alarms: AlarmSnapshot
  /** The newest plume picture, if a cloud exists. */
  plume: PlumeUpdate | null
  /** The three-tier response state folded to `seq` (fold later events with reduceResponse). */
  response: ResponseState
  /** The scene's response plans (flowcharts per incident type/level/tier), or null. */
  plans: PlanSet | null
  /** Feature modules' views (dispatch, people …) by name. */
  modules: Record<string, unknown>
}

/** A logged event as screens receive it: envelope + body + its SM3 chain link. */
export type LoggedEvent = EventMeta & { type: string; prevHash: string; hash: string; [field: string]: unknown }

export interface ServerToClientEvents {
  /** Binary telemetry frame (see telemetryFrame.ts), volatile, 10 Hz per scene room. */
  'telemetry:frame': (frame: ArrayBuffer) => void
  /** Every event appended to the scene's log (alarms, commands, escalations …), reliable, in seq order. */
  'log:event': (event: LoggedEvent) => void
  /** The plume picture (field + threat zones), volatile, every 2 s while a cloud exists. */
  'plume:update': (update: PlumeUpdate) => void
  /** Replay sessions (regulators): the same kinds of data, in the session's own room and clock. */
  'replay:frame': (frame: ArrayBuffer) => void
  'replay:event': (event: LoggedEvent) => void
  'replay:plume': (update: PlumeUpdate) => void
  'replay:state': (state: ReplayState) => void
  /** Binary people frame (see peopleFrame.ts): positions + status, volatile, 5 Hz; order in `modules.people.people`. */
  'people:frame': (frame: ArrayBuffer) => void
}

export interface ReplayState {
  sessionId: string
  position: number
  playing: boolean
  speed: number
  /** Present after a seek: the alarm view rebuilt at `position`, folded to `seq`. */
  alarms?: AlarmSnapshot
  seq?: number
}

export interface ReplayOpened {
  sessionId: string
  sceneId: string
  from: number
  to: number
  speeds: number[]
  markers: { t: number; seq: number; type: string; severity?: string; label: string }[]
  /** SM3 chain check of the whole scene log: is this record intact? */
  chain: { ok: boolean; checked: number; firstBroken?: { seq: number; reason: string } }
  alarms: AlarmSnapshot
  seq: number
  drill: boolean
}

export interface ClientToServerEvents {
  'scene:join': (payload: SceneJoin, ack: (r: Ack<SceneJoined>) => void) => void
  'scene:leave': (payload: SceneJoin, ack: (r: Ack<null>) => void) => void
  /** Edge gateways: push a batch of readings (see protocol/readings.ts). */
  'readings:push': (payload: { scene?: string; readings: unknown[] }, ack: (r: Ack<IngestResult>) => void) => void
  'alarm:acknowledge': (payload: AlarmAck, ack: (r: Ack<{ seq: number }>) => void) => void
  'alarm:shelve': (payload: AlarmShelve, ack: (r: Ack<{ seq: number }>) => void) => void
  'alarm:unshelve': (payload: AlarmUnshelve, ack: (r: Ack<{ seq: number }>) => void) => void
  /** Start / stop a simulated leak (demo, training, drill instructor). */
  'leak:start': (
    payload: LeakRequest & { sceneId: string },
    ack: (r: Ack<{ leakId: string; seq: number }>) => void,
  ) => void
  'leak:stop': (
    payload: { sceneId: string; leakId: string; reason?: string },
    ack: (r: Ack<{ seq: number }>) => void,
  ) => void
  /** Three-tier response commands (acknowledge/complete a step, tier, level, open, close). */
  'incident:command': (payload: IncidentCommand, ack: (r: Ack<{ seqs: number[] }>) => void) => void
  'replay:open': (payload: ReplayOpen, ack: (r: Ack<ReplayOpened>) => void) => void
  'replay:control': (payload: ReplayControl, ack: (r: Ack<ReplayState>) => void) => void
  'replay:close': (payload: { sessionId: string }, ack: (r: Ack<null>) => void) => void
  /** Dispatch (docs/dispatch.md, Hosting): confirm a recommendation, ask for one, recall, unit status, evacuation. */
  'dispatch:confirm': (
    payload: DispatchConfirm,
    ack: (r: Ack<{ planId: string; seqs: number[]; dispatched: string[]; errors: string[] }>) => void,
  ) => void
  'dispatch:recommend': (
    payload: DispatchRecommend,
    ack: (r: Ack<{ planId: string; seq: number; recommendations: unknown[]; unfilled: unknown[] }>) => void,
  ) => void
  'dispatch:recall': (payload: DispatchRecall, ack: (r: Ack<{ seq: number; etaS: number }>) => void) => void
  'resource:status': (payload: ResourceStatusCommand, ack: (r: Ack<{ seq: number }>) => void) => void
  'evacuation:order': (
    payload: EvacuationOrder,
    ack: (r: Ack<{ seq: number; evacuationId: string; people: number; groups: number; stranded: number }>) => void,
  ) => void
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

/** Who is behind a socket (set by the authentication middleware). */
export interface SessionUser {
  id: string
  name: string
  /** System role: enterprise_operator, enterprise_manager, park_commander, government_commander, regulator, drill_instructor, drill_trainee, admin. */
  role: string
  /** Enterprise id for enterprise staff; null for park, government and regulator accounts. */
  enterpriseId: string | null
  /** The role this person plays in the response plans (e.g. "ent.commander"), if any. */
  planRole: string | null
}

export interface SocketData {
  protocolVersion: number
  scenes: Set<string>
  user: SessionUser
  /** True when the screen runs as the demo visitor (no login, demo mode). */
  demo?: boolean
  /** Gateway id when the socket is an authenticated edge gateway. */
  gateway?: string
}

/** Every event a client may send; anything else gets an error ack. */
export const CLIENT_EVENTS = [
  'scene:join',
  'scene:leave',
  'readings:push',
  'alarm:acknowledge',
  'alarm:shelve',
  'alarm:unshelve',
  'leak:start',
  'leak:stop',
  'incident:command',
  'replay:open',
  'replay:control',
  'replay:close',
  'dispatch:confirm',
  'dispatch:recommend',
  'dispatch:recall',
  'resource:status',
  'evacuation:order',
] as const

export const sceneRoom = (sceneId: string) => `scene:${sceneId}`
