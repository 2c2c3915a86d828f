/**
 * Response and instructor commands over the socket, each answered by an Ack. The acting person
 * is the socket's session on the server; nothing here names a role. Never throws: a timeout or
 * a refusal comes back as `{ ok: false, error }` for the panel to show.
 */
import type { Ack } from '@sim/protocol/messages'
import type { IncidentCommands, LeakCommands } from '../state/responseSlice'
import type { TwinSocket } from './socketBridge'

const TIMEOUT_MS = 10_000

const done =
  <T>(resolve: (a: Ack<T>) => void) =>
  (err: Error | null, res?: Ack<T>) =>
    resolve(err ? { ok: false, error: err.message } : (res ?? { ok: false, error: 'no answer' }))

export function createIncidentCommands(socket: TwinSocket, sceneId: string): IncidentCommands {
  const step = (kind: 'step.acknowledge' | 'step.complete', incidentId: string, stepId: string) =>
    new Promise<Ack<{ seqs: number[] }>>((resolve) =>
      socket.timeout(TIMEOUT_MS).emit('incident:command', { sceneId, kind, incidentId, stepId }, done(resolve)),
    )
  return {
    acknowledge: (incidentId, stepId) => step('step.acknowledge', incidentId, stepId),
    complete: (incidentId, stepId) => step('step.complete', incidentId, stepId),
  }
}

export function createLeakCommands(socket: TwinSocket, sceneId: string): LeakCommands {
  return {
    start: (sourceId, rateKgS) =>
      new Promise((resolve) =>
        socket.timeout(TIMEOUT_MS).emit('leak:start', { sceneId, sourceId, rate_kg_s: rateKgS }, done(resolve)),
      ),
    stop: (leakId) =>
      new Promise((resolve) => socket.timeout(TIMEOUT_MS).emit('leak:stop', { sceneId, leakId }, done(resolve))),
  }
}
