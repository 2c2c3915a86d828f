/**
 * A reading from outside (HTTP batch, MQTT, an edge gateway's socket). Items are validated one
 * by one: a bad item is rejected with its reason and the good items of the same batch are kept.
 */
import { z } from 'zod'

export const ReadingSchema = z
  .object({
    /** Device id as in the scene file. */
    device: z.string().min(1).max(64),
    /** Scene id; optional when the device id is unique across scenes (or given by the route/topic). */
    scene: z.string().min(1).max(64).optional(),
    /** Collection time at the device, ms since epoch (UTC). */
    t: z.number().int('t: ms since epoch, an integer').positive(),
    /** The value, in the device type's unit. zod refuses NaN and ±Infinity. */
    value: z.number(),
    unit: z.string().min(1).max(16),
    quality: z.enum(['good', 'uncertain', 'bad']).default('good'),
  })
  .strict()

export type Reading = z.infer<typeof ReadingSchema>

export interface RejectedReading {
  /** Position of the item in the batch. */
  index: number
  device?: string
  reason: string
}

export interface IngestResult {
  accepted: number
  rejected: RejectedReading[]
}

/** How far ahead of the server clock a reading may be stamped (device clock skew), ms. */
export const MAX_FUTURE_MS = 5_000
/** Readings older than this are refused as stale (a gateway replaying an old buffer), ms. */
export const MAX_AGE_MS = 24 * 3600_000
