/**
 * The fold: alarm lifecycle, flood groups, shelves, device health and the credit record, built
 * only from logged events. Live server, replay and drill all run this same code.
 *
 * State model (ISA-18.2, simplified; docs/alarms.md has the diagram):
 *   raised            → UNACK (active, unacknowledged)
 *   UNACK  --ack-->     ACKED          UNACK --clear--> RTNUN (returned, unacknowledged)
 *   ACKED  --clear-->   closed         RTNUN --ack-->   closed
 *   RTNUN  --raised again (same device+condition)--> old one closed as superseded, new UNACK
 * Shelving is orthogonal: it hides a device+condition until expiry; alarms raised there meanwhile
 * are born shelved. Grouping is orthogonal too: a child is recorded in full but `suppressed`.
 */
import type { AlarmRulesConfig } from './config'
import { cloneCredit, newCreditRecord, observeAnomaly } from './credit'
import { maxSeverity, SEVERITY_RANK } from './severity'
import type { AlarmSceneIndex } from './sceneIndex'
import type {
  AlarmBody,
  AlarmCondition,
  AlarmRaised,
  AlarmRecord,
  AlarmTransition,
  CreditRecord,
  DeviceFaultKind,
  DeviceHealth,
  ShelfRecord,
} from './types'

export interface LogMeta {
  seq: number
  t: number
  operator: string | null
}

const FAULT_CONDITIONS: ReadonlySet<AlarmCondition> = new Set(['range', 'stuck', 'offline'])

export const pointKey = (deviceId: string, condition: AlarmCondition) => `${deviceId}|${condition}`

export class Lifecycle {
  seq = 0
  t: number | null = null
  /** Open alarms in raise order (Map keeps insertion order: oldest first). */
  open = new Map<string, AlarmRecord>()
  /** Open alarm per device+condition. */
  byPoint = new Map<string, AlarmRecord>()
  /** Closed alarms, oldest first, bounded. */
  history: AlarmRecord[] = []
  shelves = new Map<string, ShelfRecord>()
  health = new Map<string, DeviceHealth>()
  credit = new Map<string, CreditRecord>()
  lastN = new Map<string, number>()

  constructor(
    private readonly idx: AlarmSceneIndex,
    private readonly cfg: AlarmRulesConfig,
  ) {
    for (const e of idx.enterpriseIds) this.credit.set(e, newCreditRecord(e))
  }

  /** Fold one event. Unknown types are ignored: every module's events share one log. */
  apply(m: LogMeta, b: AlarmBody): void {
    this.seq = m.seq
    this.t = m.t
    switch (b.type) {
      case 'alarm.raised':
        return this.raised(m, b)
      case 'alarm.updated': {
        const a = this.open.get(b.alarmId)
        if (!a) return
        a.level = b.level
        a.severity = b.severity
        a.peakSeverity = maxSeverity(a.peakSeverity, b.severity)
        a.value = b.value
        a.limit = b.limit
        a.peak = b.peak
        this.note(a, { seq: m.seq, at: b.at, what: 'updated', by: null, note: `${b.level} ${b.severity}` })
        this.regroupSeverity(a)
        return
      }
      case 'alarm.acknowledged': {
        const a = this.open.get(b.alarmId)
        if (!a || a.acknowledged) return
        // Acknowledging a group's line acknowledges what it stands for.
        const children = [...a.children]
        this.ack(a, m.seq, b.at, b.by)
        for (const c of children) {
          const child = this.open.get(c)
          if (child && !child.acknowledged) this.ack(child, m.seq, b.at, b.by)
        }
        return
      }
      case 'alarm.cleared': {
        const a = this.open.get(b.alarmId)
        if (!a) return
        a.active = false
        a.clearedAt = b.at
        a.value = b.value
        a.peak = b.peak
        this.note(a, { seq: m.seq, at: b.at, what: 'cleared', by: null })
        if (a.acknowledged) this.close(a, m.seq, b.at, 'cleared')
        else a.state = 'rtn_unack'
        return
      }
      case 'alarm.shelved': {
        const key = pointKey(b.deviceId, b.condition)
        const shelf: ShelfRecord = {
          alarmId: b.alarmId,
          deviceId: b.deviceId,
          condition: b.condition,
          by: b.by,
          reason: b.reason,
          at: b.at,
          until: b.until,
        }
        this.shelves.set(key, shelf)
        const a = this.byPoint.get(key)
        if (a) {
          a.shelved = { by: b.by, reason: b.reason, at: b.at, until: b.until }
          this.note(a, { seq: m.seq, at: b.at, what: 'shelved', by: b.by, note: b.reason })
        }
        return
      }
      case 'alarm.unshelved': {
        const key = pointKey(b.deviceId, b.condition)
        this.shelves.delete(key)
        const a = this.byPoint.get(key)
        if (a && a.shelved) {
          a.shelved = null
          this.note(a, { seq: m.seq, at: b.at, what: 'unshelved', by: b.by, note: b.cause })
        }
        return
      }
      case 'device.fault':
      case 'device.offline': {
        const kind: DeviceFaultKind | 'offline' = b.type === 'device.offline' ? 'offline' : b.fault
        const h = this.health.get(b.deviceId) ?? { deviceId: b.deviceId, offline: false, faults: [], since: b.at }
        if (kind === 'offline') h.offline = true
        else if (!h.faults.includes(kind)) h.faults.push(kind)
        this.health.set(b.deviceId, h)
        const i = this.idx.index.get(b.deviceId)
        const e = i === undefined ? null : this.idx.enterpriseOf[i]
        const rec = e === null ? undefined : this.credit.get(e)
        if (rec) observeAnomaly(rec, b.at, b.deviceId, kind, this.cfg.credit)
        return
      }
      case 'device.fault_cleared':
      case 'device.online': {
        const h = this.health.get(b.deviceId)
        if (!h) return
        if (b.type === 'device.online') h.offline = false
        else h.faults = h.faults.filter((f) => f !== b.fault)
        if (!h.offline && h.faults.length === 0) this.health.delete(b.deviceId)
        return
      }
      case 'credit.changed': {
        const rec = this.credit.get(b.enterpriseId)
        if (!rec) return
        rec.grade = b.to
        rec.changes.push({ at: b.at, from: b.from, to: b.to, reason: b.reason })
        return
      }
      default:
        return
    }
  }

  private raised(m: LogMeta, b: AlarmRaised): void {
    const key = pointKey(b.deviceId, b.condition)
    this.lastN.set(key, Math.max(this.lastN.get(key) ?? 0, b.n))
    const prev = this.byPoint.get(key)
    if (prev) this.close(prev, m.seq, b.at, 'superseded')
    const i = this.idx.index.get(b.deviceId) ?? -1
    const dev = i >= 0 ? this.idx.devices[i] : undefined
    const shelf = this.shelves.get(key)
    const a: AlarmRecord = {
      id: b.alarmId,
      deviceId: b.deviceId,
      deviceType: dev?.type ?? 'unknown',
      enterpriseId: i >= 0 ? this.idx.enterpriseOf[i] : null,
      zoneId: i >= 0 ? this.idx.zoneOf[i] : null,
      condition: b.condition,
      category: FAULT_CONDITIONS.has(b.condition) ? 'fault' : 'process',
      level: b.level,
      severity: b.severity,
      peakSeverity: b.severity,
      state: 'unack',
      active: true,
      acknowledged: false,
      raisedAt: b.at,
      raisedSeq: m.seq,
      value: b.value,
      limit: b.limit,
      peak: b.value,
      ackedAt: null,
      ackedBy: null,
      clearedAt: null,
      closedAt: null,
      closedCause: null,
      shelved:
        shelf && shelf.until > b.at ? { by: shelf.by, reason: shelf.reason, at: shelf.at, until: shelf.until } : null,
      parentId: null,
      suppressed: false,
      children: [],
      groupSeverity: b.severity,
      transitions: [{ seq: m.seq, at: b.at, what: 'raised', by: null }],
    }
    const parent = this.cfg.flood.enabled && i >= 0 ? this.findParent(a, i) : undefined
    this.open.set(a.id, a)
    this.byPoint.set(key, a)
    if (parent) {
      a.parentId = parent.id
      a.suppressed = true
      parent.children.push(a.id)
      this.regroupSeverity(a)
    }
  }

  /** The oldest open root of the same category and enterprise, raised within the window, near or in the same zone. */
  private findParent(a: AlarmRecord, i: number): AlarmRecord | undefined {
    const win = this.cfg.flood.window_s * 1000
    const r2 = this.cfg.flood.radius_m ** 2
    const e = this.idx.en
    for (const p of this.open.values()) {
      if (p.parentId !== null || p.category !== a.category || p.enterpriseId !== a.enterpriseId) continue
      if (a.raisedAt - p.raisedAt > win || p.deviceId === a.deviceId) continue
      if (a.zoneId !== null && a.zoneId === p.zoneId) return p
      const j = this.idx.index.get(p.deviceId)
      if (j === undefined) continue
      const dx = e[2 * i] - e[2 * j]
      const dy = e[2 * i + 1] - e[2 * j + 1]
      if (dx * dx + dy * dy <= r2) return p
    }
    return undefined
  }

  private ack(a: AlarmRecord, seq: number, at: number, by: string): void {
    a.acknowledged = true
    a.ackedAt = at
    a.ackedBy = by
    this.note(a, { seq, at, what: 'acknowledged', by })
    if (a.active) a.state = 'acked'
    else this.close(a, seq, at, 'acknowledged')
  }

  private close(a: AlarmRecord, seq: number, at: number, cause: 'acknowledged' | 'cleared' | 'superseded'): void {
    a.state = 'closed'
    a.closedAt = at
    a.closedCause = cause
    this.note(a, { seq, at, what: 'closed', by: null, note: cause })
    this.open.delete(a.id)
    const key = pointKey(a.deviceId, a.condition)
    if (this.byPoint.get(key) === a) this.byPoint.delete(key)
    if (a.parentId !== null) {
      const p = this.open.get(a.parentId)
      if (p) {
        p.children = p.children.filter((c) => c !== a.id)
        this.regroupSeverity(p)
      }
    } else if (a.children.length > 0) this.promote(a, seq, at)
    a.children = []
    this.history.push(a)
    const lim = this.cfg.history.limit
    if (this.history.length > lim) this.history.splice(0, this.history.length - lim)
  }

  /** A closing root hands its open children to the oldest of them, so the group keeps one line. */
  private promote(root: AlarmRecord, seq: number, at: number): void {
    const kids = root.children.map((c) => this.open.get(c)).filter((c): c is AlarmRecord => c !== undefined)
    if (kids.length === 0) return
    const [head, ...rest] = kids
    head.parentId = null
    head.suppressed = false
    head.children = rest.map((k) => k.id)
    this.note(head, { seq, at, what: 'regrouped', by: null, note: `root ${root.id} closed` })
    for (const k of rest) k.parentId = head.id
    this.regroupSeverity(head)
  }

  private regroupSeverity(a: AlarmRecord): void {
    const root = a.parentId !== null ? this.open.get(a.parentId) : a
    if (!root) return
    let s = root.severity
    for (const c of root.children) {
      const k = this.open.get(c)
      if (k && SEVERITY_RANK[k.severity] > SEVERITY_RANK[s]) s = k.severity
    }
    root.groupSeverity = s
  }

  private note(a: AlarmRecord, tr: AlarmTransition): void {
    a.transitions.push(tr)
    const lim = this.cfg.history.transitionsPerAlarm
    // Keep the first (raised) transition: who/when of the start matters most to a regulator.
    if (a.transitions.length > lim) a.transitions.splice(1, a.transitions.length - lim)
  }

  creditCopy(): Map<string, CreditRecord> {
    return new Map([...this.credit].map(([k, v]) => [k, cloneCredit(v)]))
  }
}
