/**
 * The alarm engine the server drives. Producers (evaluate, tick, acknowledge, shelve, unshelve)
 * return event bodies and never touch the lifecycle; the server appends them to the log and
 * feeds them back through apply(), so live operation, replay and drills share one path.
 *
 * apply() also re-syncs the detector's committed levels from events it did not produce itself
 * (a replay, or events logged after a keyframe), recognising its own by the raise counter, so a
 * server that interleaves evaluate() calls with asynchronous appends stays consistent.
 */
// The lint pattern for Node's `events` module also matches our own events/ folder.

import type { EventMeta } from '../events/envelope'
import { DeviceStatus } from '../protocol/telemetryFrame'
import type { Scene } from '../scene/sceneSchema'
import { resolveAlarmRules, type AlarmRulesConfig, type AlarmRulesInput } from './config'
import { cloneCredit } from './credit'
import { C_OFFLINE, CONDITION_INDEX, Detector, levelNumber } from './detector'
import { Lifecycle, pointKey } from './lifecycle'
import { indexScene, type AlarmSceneIndex } from './sceneIndex'
import { CREDIT_GRADES } from './severity'
import type {
  AlarmAcknowledged,
  AlarmBody,
  AlarmRecord,
  AlarmShelved,
  AlarmSnapshot,
  AlarmUnshelved,
  CreditRecord,
  Severity,
} from './types'

export type CommandResult<B> = B | { error: string }

export interface AlarmEngine {
  readonly config: AlarmRulesConfig
  /** Device ids in index order (= telemetry frame order). */
  readonly deviceIds: readonly string[]
  /** Judge one batch of readings (all at `t`, or at `times[k]`). NaN values are skipped (no data). */
  evaluate(t: number, deviceIdx: ArrayLike<number>, values: ArrayLike<number>, times?: ArrayLike<number>): AlarmBody[]
  /** Passage of time: offline detection, shelf expiry, duration-debounce completions. */
  tick(t: number): AlarmBody[]
  acknowledge(alarmId: string, by: string, t: number): CommandResult<AlarmAcknowledged>
  shelve(alarmId: string, by: string, reason: string, until: number, t: number): CommandResult<AlarmShelved>
  /** Lift a shelf before it expires. */
  unshelve(alarmId: string, by: string, t: number): CommandResult<AlarmUnshelved>
  /** Fold one logged event; events of other modules and already-applied seqs are ignored. */
  apply(event: EventMeta & AlarmBody): void
  /** Plain JSON. `signals: false` leaves out the per-device signal state (for screens). */
  snapshot(opts?: { signals?: boolean }): AlarmSnapshot
  restore(s: AlarmSnapshot): void
  /** Mark faulty/offline devices in a telemetry frame's status array (others untouched). */
  writeDeviceStatus(status: Uint8Array): void
  /** The open alarm of a device+condition, if any (for the server's own checks). */
  openAlarm(alarmId: string): AlarmRecord | undefined
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T
const nOf = (id: string) => Number(id.slice(id.lastIndexOf(':') + 1))

export function createAlarmEngine(scene: Scene, config?: AlarmRulesInput): AlarmEngine {
  const cfg = resolveAlarmRules(config ?? {})
  const idx = indexScene(scene, cfg.dynamic.ambientDevice)
  return new Engine(scene, idx, cfg)
}

class Engine implements AlarmEngine {
  private det: Detector
  private life: Lifecycle
  /** Shelves whose expiry was already reported by tick() but not yet applied. */
  private expiring = new Set<string>()
  readonly deviceIds: readonly string[]

  constructor(
    private readonly scene: Scene,
    private readonly idx: AlarmSceneIndex,
    readonly config: AlarmRulesConfig,
  ) {
    this.det = new Detector(idx, config)
    this.life = new Lifecycle(idx, config)
    this.deviceIds = idx.ids
  }

  evaluate(t: number, deviceIdx: ArrayLike<number>, values: ArrayLike<number>, times?: ArrayLike<number>): AlarmBody[] {
    const out: AlarmBody[] = []
    this.det.evaluate(t, deviceIdx, values, times, out)
    return out
  }

  tick(t: number): AlarmBody[] {
    const out: AlarmBody[] = []
    this.det.tick(t, out)
    for (const [key, s] of this.life.shelves) {
      if (s.until > t || this.expiring.has(key)) continue
      this.expiring.add(key)
      out.push({
        type: 'alarm.unshelved',
        alarmId: s.alarmId,
        deviceId: s.deviceId,
        condition: s.condition,
        at: t,
        by: null,
        cause: 'expired',
      })
    }
    return out
  }

  private findOpen(alarmId: string): AlarmRecord | { error: string } {
    const a = this.life.open.get(alarmId)
    if (a) return a
    if (this.life.history.some((h) => h.id === alarmId)) return { error: `alarm ${alarmId} is already closed` }
    return { error: `unknown alarm ${alarmId}` }
  }

  acknowledge(alarmId: string, by: string, t: number): CommandResult<AlarmAcknowledged> {
    if (typeof by !== 'string' || by.trim() === '') return { error: 'acknowledge needs the operator id' }
    if (!Number.isFinite(t)) return { error: 'acknowledge needs a finite time' }
    const a = this.findOpen(alarmId)
    if ('error' in a) return a
    if (a.acknowledged) return { error: `alarm ${alarmId} is already acknowledged by ${a.ackedBy}` }
    return { type: 'alarm.acknowledged', alarmId, at: t, by }
  }

  shelve(alarmId: string, by: string, reason: string, until: number, t: number): CommandResult<AlarmShelved> {
    const s = this.config.shelving
    if (typeof by !== 'string' || by.trim() === '') return { error: 'shelving needs the operator id' }
    if (typeof reason !== 'string' || reason.trim().length < s.minReasonLength)
      return { error: `shelving needs a reason (at least ${s.minReasonLength} characters)` }
    if (!Number.isFinite(t) || !Number.isFinite(until)) return { error: 'shelving needs a finite time and expiry' }
    if (until <= t) return { error: 'shelving expiry must be in the future' }
    if (until - t > s.maxDuration_s * 1000) return { error: `shelving is limited to ${s.maxDuration_s} s` }
    const a = this.findOpen(alarmId)
    if ('error' in a) return a
    if (!s.allowRed && a.severity === 'red') return { error: 'red alarms cannot be shelved' }
    const key = pointKey(a.deviceId, a.condition)
    if (this.life.shelves.has(key))
      return { error: `${a.deviceId} ${a.condition} is already shelved; unshelve it first` }
    return {
      type: 'alarm.shelved',
      alarmId,
      deviceId: a.deviceId,
      condition: a.condition,
      at: t,
      by,
      reason: reason.trim(),
      until,
    }
  }

  unshelve(alarmId: string, by: string, t: number): CommandResult<AlarmUnshelved> {
    if (typeof by !== 'string' || by.trim() === '') return { error: 'unshelving needs the operator id' }
    const a = this.life.open.get(alarmId)
    const shelf = a
      ? this.life.shelves.get(pointKey(a.deviceId, a.condition))
      : [...this.life.shelves.values()].find((s) => s.alarmId === alarmId)
    if (!shelf) return { error: `alarm ${alarmId} is not shelved` }
    return {
      type: 'alarm.unshelved',
      alarmId,
      deviceId: shelf.deviceId,
      condition: shelf.condition,
      at: t,
      by,
      cause: 'manual',
    }
  }

  apply(e: EventMeta & AlarmBody): void {
    if (e.seq <= this.life.seq) return
    const det = this.det
    switch (e.type) {
      case 'alarm.raised': {
        const i = this.idx.index.get(e.deviceId)
        // Only a raise this detector has not counted yet is foreign (replay, another instance).
        if (i !== undefined && e.n > det.count(i, CONDITION_INDEX[e.condition]))
          det.onRaised(i, CONDITION_INDEX[e.condition], e.n, levelNumber(e.level), e.value ?? NaN)
        break
      }
      case 'alarm.cleared': {
        const a = this.life.open.get(e.alarmId)
        const i = a ? this.idx.index.get(a.deviceId) : undefined
        if (a && i !== undefined) {
          const c = CONDITION_INDEX[a.condition]
          if (nOf(a.id) === det.count(i, c)) det.onLevel(i, c, 0)
        }
        break
      }
      case 'alarm.shelved':
      case 'alarm.unshelved':
        this.expiring.delete(pointKey(e.deviceId, e.condition))
        break
      case 'thresholds.changed':
        if (!(det.dynamicSince() >= e.at)) det.setDynamic(e.step, e.at, e.ambient)
        break
      case 'credit.changed': {
        const rec = det.credit.get(e.enterpriseId)
        if (rec && CREDIT_GRADES.indexOf(e.to) > CREDIT_GRADES.indexOf(rec.grade)) rec.grade = e.to
        break
      }
    }
    this.life.apply({ seq: e.seq, t: e.t, operator: e.operator }, e)
  }

  snapshot(opts: { signals?: boolean } = {}): AlarmSnapshot {
    const L = this.life
    const active = [...L.open.values()].reverse()
    const counts = { red: 0, orange: 0, yellow: 0, blue: 0, unacked: 0, open: active.length } as Record<
      Severity,
      number
    > & { unacked: number; open: number }
    for (const a of active)
      if (!a.suppressed && !a.acknowledged && !a.shelved) {
        counts[a.groupSeverity]++
        counts.unacked++
      }
    const snap: AlarmSnapshot = {
      version: 1,
      sceneId: this.scene.id,
      seq: L.seq,
      t: L.t,
      active: clone(active),
      history: clone([...L.history].reverse()),
      shelves: clone([...L.shelves.values()]),
      devices: clone([...L.health.values()]),
      credit: [...L.credit.values()].map(cloneCredit),
      dynamic: this.det.dynamicState(),
      lastN: Object.fromEntries(L.lastN),
      counts,
    }
    if (opts.signals !== false) snap.signals = this.det.saveSignals()
    return snap
  }

  restore(s: AlarmSnapshot): void {
    if (s.version !== 1) throw new Error(`alarm snapshot version ${String(s.version)} is not supported`)
    if (s.sceneId !== this.scene.id) throw new Error(`alarm snapshot is for scene ${s.sceneId}, not ${this.scene.id}`)
    const L = new Lifecycle(this.idx, this.config)
    L.seq = s.seq
    L.t = s.t
    for (const a of clone(s.active).reverse()) {
      L.open.set(a.id, a)
      L.byPoint.set(pointKey(a.deviceId, a.condition), a)
    }
    L.history = clone(s.history).reverse()
    for (const sh of clone(s.shelves)) L.shelves.set(pointKey(sh.deviceId, sh.condition), sh)
    for (const h of clone(s.devices)) L.health.set(h.deviceId, h)
    for (const c of s.credit) L.credit.set(c.enterpriseId, cloneCredit(c as CreditRecord))
    for (const [k, n] of Object.entries(s.lastN)) L.lastN.set(k, n)
    this.life = L
    this.expiring.clear()
    const det = new Detector(this.idx, this.config)
    if (s.signals) det.loadSignals(s.signals)
    else {
      // No signal state: counters from lastN, levels from the open alarms; debounce runs start afresh.
      for (const [k, n] of L.lastN) {
        const [deviceId, cond] = [k.slice(0, k.lastIndexOf('|')), k.slice(k.lastIndexOf('|') + 1)]
        const i = this.idx.index.get(deviceId)
        if (i !== undefined) det.onRaised(i, CONDITION_INDEX[cond as keyof typeof CONDITION_INDEX], n, 0, 0)
      }
      for (const a of L.open.values()) {
        const i = this.idx.index.get(a.deviceId)
        if (i !== undefined && a.active)
          det.onRaised(i, CONDITION_INDEX[a.condition], 0, levelNumber(a.level), a.peak ?? NaN)
      }
      if (s.dynamic.step >= 0) det.setDynamic(s.dynamic.step, s.dynamic.since ?? NaN, s.dynamic.ambient ?? NaN)
    }
    det.credit = L.creditCopy()
    this.det = det
  }

  writeDeviceStatus(status: Uint8Array): void {
    for (const h of this.life.health.values()) {
      const i = this.idx.index.get(h.deviceId)
      if (i !== undefined && i < status.length)
        status[i] = h.offline || this.det.level(i, C_OFFLINE) ? DeviceStatus.offline : DeviceStatus.fault
    }
  }

  openAlarm(alarmId: string): AlarmRecord | undefined {
    const a = this.life.open.get(alarmId)
    return a ? clone(a) : undefined
  }
}

/** Envelope provenance for a body: which device or rule it is about, and the person who acted. */
export function alarmProvenance(b: AlarmBody): { t: number; source: string; operator: string | null } {
  switch (b.type) {
    case 'alarm.acknowledged':
    case 'alarm.shelved':
      return { t: b.at, source: b.by, operator: b.by }
    case 'alarm.unshelved':
      return { t: b.at, source: b.by ?? 'alarms', operator: b.by }
    case 'alarm.updated':
    case 'alarm.cleared':
      return { t: b.at, source: deviceOf(b.alarmId), operator: null }
    case 'credit.changed':
      return { t: b.at, source: 'alarms.credit', operator: null }
    case 'thresholds.changed':
      return { t: b.at, source: 'alarms.dynamic', operator: null }
    default:
      return { t: b.at, source: b.deviceId, operator: null }
  }
}

/** Device id of an alarm id `${deviceId}:${condition}:${n}` (device ids may contain ':'). */
export function deviceOf(alarmId: string): string {
  const last = alarmId.lastIndexOf(':')
  const prev = alarmId.lastIndexOf(':', last - 1)
  return alarmId.slice(0, prev)
}
