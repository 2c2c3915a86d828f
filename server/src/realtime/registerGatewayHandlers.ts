/**
 * Edge gateways may push readings over their socket: `readings:push` with an array, answered
 * by an ack listing what was accepted and every rejected item with its reason.
 */
import { z } from 'zod'
import type { IngestResult } from '@sim/protocol/readings'
import type { IngestService } from '../ingest/ingestService'
import { safeHandler } from './safeHandler'
import type { TwinServer, TwinSocket } from './types'

const PushSchema = z
  .object({ scene: z.string().min(1).max(64).optional(), readings: z.array(z.unknown()).max(50_000) })
  .strict()

export function registerGatewayHandlers(
  _io: TwinServer,
  socket: TwinSocket,
  deps: { ingest: IngestService; operator: () => string | null },
): void {
  socket.on(
    'readings:push',
    safeHandler('readings:push', PushSchema, (p) => {
      const data: IngestResult = deps.ingest.ingest(
        p.readings,
        { source: `socket:${socket.id}`, operator: deps.operator() },
        p.scene,
      )
      return { ok: true as const, data }
    }),
  )
}
