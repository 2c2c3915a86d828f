/**
 * zod schemas for every client → server payload. TypeScript event types describe what an honest
 * client sends; these decide what the server accepts from anyone.
 */
import { z } from 'zod'

export const SceneIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'not a scene id')

export const SceneJoinSchema = z.object({ sceneId: SceneIdSchema }).strict()
export type SceneJoin = z.infer<typeof SceneJoinSchema>

const AlarmIdSchema = z.string().min(1).max(160)

export const AlarmAckSchema = z.object({ sceneId: SceneIdSchema, alarmId: AlarmIdSchema }).strict()
export type AlarmAck = z.infer<typeof AlarmAckSchema>

/** Shelving needs a reason and an expiry: nothing is silenced forever or without a trace. */
export const AlarmShelveSchema = z
  .object({
    sceneId: SceneIdSchema,
    alarmId: AlarmIdSchema,
    reason: z.string().trim().min(3, 'give a reason (≥ 3 characters)').max(500),
    duration_s: z
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600),
  })
  .strict()
export type AlarmShelve = z.infer<typeof AlarmShelveSchema>

export const AlarmUnshelveSchema = AlarmAckSchema
export type AlarmUnshelve = AlarmAck

/** Start a simulated leak (training, demo, drill instructor). */
export const LeakRequestSchema = z
  .object({
    sourceId: z.string().min(1).max(64).optional(),
    e: z.number().min(-50_000).max(50_000).optional(),
    n: z.number().min(-50_000).max(50_000).optional(),
    substance: z.string().min(1).max(64).optional(),
    rate_kg_s: z.number().positive().max(10_000),
    height_m: z.number().min(0).max(200).optional(),
  })
  .strict()
export type LeakRequest = z.infer<typeof LeakRequestSchema>

export const LeakStartSchema = LeakRequestSchema.extend({ sceneId: SceneIdSchema })
export const LeakStopSchema = z
  .object({
    sceneId: SceneIdSchema,
    leakId: z.string().min(1).max(160),
    reason: z.string().max(200).default('stopped by operator'),
  })
  .strict()

export const ReplayOpenSchema = z
  .object({
    sceneId: SceneIdSchema,
    from: z.number().int().positive().optional(),
    to: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.to > r.from, {
    message: 'to must be after from',
    path: ['to'],
  })
export type ReplayOpen = z.infer<typeof ReplayOpenSchema>

export const ReplayControlSchema = z.discriminatedUnion('action', [
  z.object({ sessionId: z.string().min(1).max(64), action: z.literal('play') }).strict(),
  z.object({ sessionId: z.string().min(1).max(64), action: z.literal('pause') }).strict(),
  z.object({ sessionId: z.string().min(1).max(64), action: z.literal('next_event') }).strict(),
  z.object({ sessionId: z.string().min(1).max(64), action: z.literal('seek'), t: z.number().int() }).strict(),
  z
    .object({
      sessionId: z.string().min(1).max(64),
      action: z.literal('speed'),
      speed: z.union([
        z.literal(1),
        z.literal(2),
        z.literal(4),
        z.literal(8),
        z.literal(16),
        z.literal(32),
        z.literal(64),
      ]),
    })
    .strict(),
])
export type ReplayControl = z.infer<typeof ReplayControlSchema>

export const ReplayCloseSchema = z.object({ sessionId: z.string().min(1).max(64) }).strict()

const incidentId = z.string().min(1).max(64)
const note = z.string().max(1000).optional()
/** Operator commands on the three-tier response (the actor and role come from the session). */
export const IncidentCommandSchema = z.discriminatedUnion('kind', [
  z
    .object({
      sceneId: SceneIdSchema,
      kind: z.literal('step.acknowledge'),
      incidentId,
      stepId: z.string().min(1).max(64),
      note,
    })
    .strict(),
  z
    .object({
      sceneId: SceneIdSchema,
      kind: z.literal('step.complete'),
      incidentId,
      stepId: z.string().min(1).max(64),
      note,
    })
    .strict(),
  z
    .object({
      sceneId: SceneIdSchema,
      kind: z.literal('incident.tier'),
      incidentId,
      tier: z.enum(['enterprise', 'park', 'government']),
      reason: z.string().min(3).max(500),
      force: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      sceneId: SceneIdSchema,
      kind: z.literal('incident.level'),
      incidentId,
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      reason: z.string().min(3).max(500),
    })
    .strict(),
  z
    .object({
      sceneId: SceneIdSchema,
      kind: z.literal('incident.open'),
      incidentType: z.string().min(1).max(64),
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      enterpriseId: z.string().min(1).max(64).nullable(),
      sourceId: z.string().min(1).max(64).optional(),
      substance: z.string().min(1).max(64).optional(),
    })
    .strict(),
  z
    .object({
      sceneId: SceneIdSchema,
      kind: z.literal('incident.close'),
      incidentId,
      reason: z.string().min(3).max(500),
    })
    .strict(),
])
export type IncidentCommand = z.infer<typeof IncidentCommandSchema>

export const HandshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
  token: z.string().max(4096).optional(),
})

/** Reply to every client request: a discriminated union, so callers must look at `ok`. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: string }

export function ackError(error: string): { ok: false; error: string } {
  return { ok: false, error }
}

/** Short, path-first text for a zod failure — safe to send to a client. */
export function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message}`)
    .join('; ')
}

// Dispatch and evacuation commands (docs/dispatch.md, "Hosting"); the acting person comes from the session.
const unitIdSchema = z.string().min(1).max(64)
const demandIdSchema = z.string().min(1).max(64)
const localM = z.number().min(-50_000).max(50_000)
const NeedsSchema = z
  .record(z.string().min(1).max(32), z.number().int().min(1).max(20))
  .refine((x) => Object.keys(x).length > 0 && Object.keys(x).length <= 12, {
    message: 'give 1–12 roles, e.g. {"engine": 2, "hazmat": 1}',
  })
export const DispatchConfirmSchema = z
  .object({
    sceneId: SceneIdSchema,
    recommendationSeq: z.number().int().positive().optional(),
    planId: z.string().min(1).max(200).optional(),
    demandId: demandIdSchema.optional(),
    /** Replace a recommended unit (`replace`) or add one to a demand's role. */
    overrides: z
      .array(
        z
          .object({
            demandId: demandIdSchema,
            role: z.string().min(1).max(32),
            replace: unitIdSchema.optional(),
            unitId: unitIdSchema,
          })
          .strict(),
      )
      .max(50)
      .optional(),
    /** Recommended units the commander does not send. */
    reject: z.array(unitIdSchema).max(50).optional(),
  })
  .strict()
  .refine((x) => x.recommendationSeq !== undefined || x.planId !== undefined || x.demandId !== undefined, {
    message: 'give recommendationSeq, planId or demandId',
    path: ['recommendationSeq'],
  })
export type DispatchConfirm = z.infer<typeof DispatchConfirmSchema>
export const DispatchRecommendSchema = z
  .object({
    sceneId: SceneIdSchema,
    incidentId: demandIdSchema.optional(),
    e: localM.optional(),
    n: localM.optional(),
    needs: NeedsSchema,
  })
  .strict()
  .refine((x) => x.incidentId !== undefined || (x.e !== undefined && x.n !== undefined), {
    message: 'give e and n (local metres) or incidentId',
    path: ['e'],
  })
export type DispatchRecommend = z.infer<typeof DispatchRecommendSchema>
export const DispatchRecallSchema = z.object({ sceneId: SceneIdSchema, unitId: unitIdSchema }).strict()
export type DispatchRecall = z.infer<typeof DispatchRecallSchema>
export const ResourceStatusSchema = z
  .object({
    sceneId: SceneIdSchema,
    unitId: unitIdSchema,
    status: z.enum(['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'out_of_service']),
    reason: z.string().trim().min(3, 'give a reason (≥ 3 characters)').max(500),
  })
  .strict()
export type ResourceStatusCommand = z.infer<typeof ResourceStatusSchema>
export const EvacuationOrderSchema = z
  .object({ sceneId: SceneIdSchema, all: z.boolean().optional(), nearM: z.number().min(0).max(5000).optional() })
  .strict()
export type EvacuationOrder = z.infer<typeof EvacuationOrderSchema>
