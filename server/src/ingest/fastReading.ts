/**
 * Fast path for the common case of ReadingSchema: a plain object (JSON, socket.io) whose fields
 * are all well-formed. Accepts only what ReadingSchema accepts and returns the same data; anything
 * else (a bad field, an unknown key, a class instance, a getter) returns undefined and the caller
 * runs zod, which gives the verdict and the error message. Measured by test/bench/ingest.bench.ts:
 * zod's safeParse was the largest single cost per reading on the ingest path.
 */
import type { Reading } from '@sim/protocol/readings'

const ALLOWED = new Set(['device', 'scene', 't', 'value', 'unit', 'quality'])

export function fastReading(raw: unknown): Reading | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return undefined
  const o = raw as Record<string, unknown>
  // .strict(): every own enumerable key must be one of the schema's (zod looks at the same keys).
  for (const k in o) if (!Object.prototype.hasOwnProperty.call(o, k) || !ALLOWED.has(k)) return undefined
  const device = o.device
  if (typeof device !== 'string' || device.length < 1 || device.length > 64) return undefined
  const t = o.t
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t <= 0) return undefined
  const value = o.value
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
  const unit = o.unit
  if (typeof unit !== 'string' || unit.length < 1 || unit.length > 16) return undefined
  let scene: string | undefined
  if ('scene' in o) {
    scene = o.scene as string
    if (typeof scene !== 'string' || scene.length < 1 || scene.length > 64) return undefined
  }
  let quality: Reading['quality'] = 'good'
  if ('quality' in o) {
    const q = o.quality
    if (q !== 'good' && q !== 'uncertain' && q !== 'bad') return undefined
    quality = q
  }
  return { device, scene, t, value, unit, quality }
}
