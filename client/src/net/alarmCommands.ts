/**
 * Operator commands over the socket, each answered by an Ack. A timeout or a refused command comes
 * back as `{ ok: false, error }` so the panel can show it; nothing here throws.
 */
import type { AlarmCommands, CommandAck } from '../state/alarmSlice'
import type { TwinSocket } from './socketBridge'

const TIMEOUT_MS = 10_000

export function createAlarmCommands(socket: TwinSocket, sceneId: string): AlarmCommands {
  const done = (resolve: (a: CommandAck) => void) => (err: Error | null, res?: CommandAck) =>
    resolve(err ? { ok: false, error: err.message } : (res ?? { ok: false, error: 'no answer' }))
  return {
    acknowledge: (alarmId) =>
      new Promise((resolve) =>
        socket.timeout(TIMEOUT_MS).emit('alarm:acknowledge', { sceneId, alarmId }, done(resolve)),
      ),
    shelve: (alarmId, reason, durationS) =>
      new Promise((resolve) =>
        socket
          .timeout(TIMEOUT_MS)
          .emit('alarm:shelve', { sceneId, alarmId, reason, duration_s: Math.round(durationS) }, done(resolve)),
      ),
    unshelve: (alarmId) =>
      new Promise((resolve) => socket.timeout(TIMEOUT_MS).emit('alarm:unshelve', { sceneId, alarmId }, done(resolve))),
  }
}
