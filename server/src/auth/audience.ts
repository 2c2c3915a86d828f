/**
 * Tenant isolation on the wire. Every screen belongs to an audience:
 *   full     — administrators
 *   park     — park and government commanders, regulators, drill instructors
 *   ent:<id> — an enterprise's own staff (and trainees)
 * An enterprise's process data (pressure and temperature transmitters: the customer's
 * "sensitive" category) reaches its own staff always, the park audience only while an incident
 * involves that enterprise, and nobody else; gas detectors are public safety data and reach all.
 * Enterprise staff do not receive other enterprises' device alarms or credit records at all.
 */
import type { SessionUser } from '@sim/protocol/events'
import type { Scene } from '@sim/scene/sceneSchema'
import { DeviceStatus } from '@sim/protocol/telemetryFrame'
import { isEnterpriseRole } from './roles'

export type Audience = 'full' | 'park' | `ent:${string}`

/** Status byte for a value withheld from this screen (see telemetryFrame.ts statuses). */
export const STATUS_MASKED = 4

export function audienceOf(u: SessionUser): Audience {
  if (u.role === 'admin') return 'full'
  if ((isEnterpriseRole(u.role) || u.role === 'drill_trainee') && u.enterpriseId) return `ent:${u.enterpriseId}`
  return 'park'
}

export function audiencesOf(scene: Scene): Audience[] {
  return ['full', 'park', ...scene.enterprises.map((e) => `ent:${e.id}` as Audience)]
}

const SENSITIVE_TYPES = new Set(['pressure', 'temperature'])

export class SceneAudiences {
  /** Per device: owning enterprise (or null) and whether its values are sensitive. */
  private readonly owner: (string | null)[]
  private readonly sensitive: Uint8Array
  private readonly deviceIndex: Map<string, number>
  private readonly scratchV: Float32Array
  private readonly scratchS: Uint8Array

  constructor(readonly scene: Scene) {
    this.owner = scene.devices.map((d) => d.enterpriseId)
    this.sensitive = Uint8Array.from(scene.devices, (d) => (d.enterpriseId && SENSITIVE_TYPES.has(d.type) ? 1 : 0))
    this.deviceIndex = new Map(scene.devices.map((d, i) => [d.id, i]))
    this.scratchV = new Float32Array(scene.devices.length)
    this.scratchS = new Uint8Array(scene.devices.length)
  }

  /** Can this audience see the sensitive values of enterprise `ent` right now? */
  seesEnterprise(a: Audience, ent: string | null, incidentEnterprises: ReadonlySet<string>): boolean {
    if (a === 'full' || ent === null) return true
    if (a === 'park') return incidentEnterprises.has(ent)
    return a === `ent:${ent}`
  }

  /** Values and statuses as this audience may see them (views on scratch buffers; encode before the next call). */
  maskFrame(
    a: Audience,
    values: Float32Array,
    status: Uint8Array,
    incidentEnterprises: ReadonlySet<string>,
  ): { values: Float32Array; status: Uint8Array } {
    if (a === 'full') return { values, status }
    const v = this.scratchV
    const s = this.scratchS
    for (let i = 0; i < values.length; i++) {
      if (this.sensitive[i] && !this.seesEnterprise(a, this.owner[i], incidentEnterprises)) {
        v[i] = NaN
        s[i] = STATUS_MASKED
      } else {
        v[i] = values[i]
        s[i] = status[i]
      }
    }
    return { values: v, status: s }
  }

  /** An event as this audience may receive it: unchanged, masked (values withheld), or null (not theirs). */
  maskEvent<E extends { type: string; [k: string]: unknown }>(
    a: Audience,
    e: E,
    incidentEnterprises: ReadonlySet<string>,
  ): E | null {
    if (a === 'full') return e
    const deviceId =
      typeof e.deviceId === 'string' ? e.deviceId : typeof e.alarmId === 'string' ? deviceOfAlarm(e.alarmId) : null
    const di = deviceId !== null ? this.deviceIndex.get(deviceId) : undefined
    const ent = di !== undefined ? this.owner[di] : null
    if (a.startsWith('ent:')) {
      const mine = a.slice(4)
      if (e.type === 'credit.changed') return e.enterpriseId === mine ? e : null
      if (di !== undefined && ent !== null && ent !== mine) return null
      return e
    }
    if (di !== undefined && this.sensitive[di] && !this.seesEnterprise(a, ent, incidentEnterprises)) {
      const out: Record<string, unknown> = { ...e }
      for (const k of ['value', 'limit', 'peak']) if (k in out) out[k] = null
      out.masked = true
      return out as E
    }
    return e
  }

  /** Is this device's data the enterprise's sensitive process data (sealed at rest, masked on the wire)? */
  isSensitive(deviceId: string): boolean {
    const i = this.deviceIndex.get(deviceId)
    return i !== undefined && this.sensitive[i] === 1
  }

  /** Device ids this audience may not see values of (for snapshots). */
  ownerOf(deviceId: string): string | null {
    const i = this.deviceIndex.get(deviceId)
    return i === undefined ? null : this.owner[i]
  }
}

export function deviceOfAlarm(alarmId: string): string {
  const last = alarmId.lastIndexOf(':')
  const prev = alarmId.lastIndexOf(':', last - 1)
  return prev > 0 ? alarmId.slice(0, prev) : alarmId
}

export const MASKED_STATUS_DOC = { ...DeviceStatus, masked: STATUS_MASKED }
