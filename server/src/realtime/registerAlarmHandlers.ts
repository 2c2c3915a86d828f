/**
 * Operator commands on alarms. The engine validates the command against the current state
 * (unknown or closed alarm, shelve without reason …); a valid one becomes an event in the log,
 * with the operator as its provenance, and every screen sees it through `log:event`.
 */
import { AlarmAckSchema, AlarmShelveSchema, AlarmUnshelveSchema, ackError, type Ack } from '@sim/protocol/messages'
import { deviceOf, type AlarmBody } from '@sim/alarms'
import type { SceneHost } from '../scene/sceneHost'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

export interface AlarmHandlerDeps {
  hosts: ReadonlyMap<string, SceneHost>
  now: () => number
  /** The acting person (from the authenticated session). */
  operator: (socket: TwinSocket) => string
  /** May this socket command this scene? */
  mayCommand?: (socket: TwinSocket, sceneId: string) => boolean
  /** May this socket act on alarms of this device (tenant check)? */
  mayActOnDevice?: (socket: TwinSocket, sceneId: string, deviceId: string) => boolean
}

export function registerAlarmHandlers(_io: TwinServer, socket: TwinSocket, deps: AlarmHandlerDeps): void {
  const run = async (
    sceneId: string,
    event: string,
    make: (host: SceneHost, by: string, t: number) => AlarmBody | { error: string },
    alarmId?: string,
  ): Promise<Ack<{ seq: number }>> => {
    const host = deps.hosts.get(sceneId)
    if (!host) return ackError(`${event}: unknown scene "${sceneId}"`)
    if (!socket.data.scenes.has(sceneId)) return ackError(`${event}: join scene "${sceneId}" first`)
    if (deps.mayCommand && !deps.mayCommand(socket, sceneId)) return ackError(`${event}: not permitted for your role`)
    if (alarmId && deps.mayActOnDevice && !deps.mayActOnDevice(socket, sceneId, deviceOf(alarmId)))
      return ackError(`${event}: this alarm belongs to another enterprise`)
    const body = make(host, deps.operator(socket), deps.now())
    if ('error' in body) return ackError(`${event}: ${body.error}`)
    const [stored] = await host.appendCommand(body)
    return { ok: true, data: { seq: stored.seq } }
  }
  socket.on(
    'alarm:acknowledge',
    safeHandler('alarm:acknowledge', AlarmAckSchema, (p) =>
      run(p.sceneId, 'alarm:acknowledge', (h, by, t) => h.alarms.acknowledge(p.alarmId, by, t), p.alarmId),
    ),
  )
  socket.on(
    'alarm:shelve',
    safeHandler('alarm:shelve', AlarmShelveSchema, (p) =>
      run(
        p.sceneId,
        'alarm:shelve',
        (h, by, t) => h.alarms.shelve(p.alarmId, by, p.reason, t + p.duration_s * 1000, t),
        p.alarmId,
      ),
    ),
  )
  socket.on(
    'alarm:unshelve',
    safeHandler('alarm:unshelve', AlarmUnshelveSchema, (p) =>
      run(p.sceneId, 'alarm:unshelve', (h, by, t) => h.alarms.unshelve(p.alarmId, by, t), p.alarmId),
    ),
  )
}
