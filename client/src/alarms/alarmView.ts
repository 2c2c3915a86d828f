/**
 * The alarm view model: what the wall shows, derived from one folded AlarmSnapshot and the scene.
 * Pure and cheap (O(open alarms)); rebuilt after each batch of log events, never per frame.
 */
import { SEVERITIES } from '@sim/alarms'
import type {
  AlarmCondition,
  AlarmLevel,
  AlarmRecord,
  AlarmSnapshot,
  AlarmState,
  CreditGrade,
  Severity,
  ShelfInfo,
} from '@sim/alarms'
import { DEVICE_UNITS, type Scene } from '@sim/scene/sceneSchema'

export interface I18nName {
  zh: string
  en: string
}

export interface AlarmLine {
  id: string
  deviceId: string
  deviceName: I18nName | null
  deviceType: string
  enterpriseId: string | null
  enterpriseName: I18nName | null
  /** The line's colour: the group's worst severity for a flood root, its own otherwise. */
  severity: Severity
  condition: AlarmCondition
  level: AlarmLevel
  value: number | null
  limit: number | null
  unit: string
  raisedAt: number
  state: AlarmState
  acknowledged: boolean
  active: boolean
  shelved: ShelfInfo | null
  /** Flood-group members (suppressed children), oldest first; empty for ordinary lines. */
  children: AlarmLine[]
}

export interface CreditRow {
  enterpriseId: string
  name: I18nName
  grade: CreditGrade
  /** Anomaly episodes counted towards the next downgrade. */
  streak: number
  lastChange: { at: number; from: CreditGrade; to: CreditGrade; reason: string } | null
}

export interface AlarmView {
  seq: number
  /** Open, unshelved root lines, newest first. */
  lines: AlarmLine[]
  /** Shelved lines (roots and loose children), newest first. */
  shelved: AlarmLine[]
  /** Open unshelved lines by colour, acknowledged or not. */
  bySeverity: Record<Severity, number>
  /** Unacknowledged, unshelved, unsuppressed lines (the engine's count). */
  unacked: number
  /** Ids of open, unacknowledged, unshelved red alarms (children included), sorted. */
  redUnacked: string[]
  devicesTotal: number
  devicesOffline: number
  devicesFaulty: number
  credit: CreditRow[]
  /** The folded snapshot itself, for per-device history. */
  snapshot: AlarmSnapshot
}

interface SceneLookup {
  devices: Map<string, { name: I18nName | null; type: string; enterpriseId: string | null }>
  enterprises: Map<string, I18nName>
}

const lookups = new WeakMap<Scene, SceneLookup>()

function lookupOf(scene: Scene): SceneLookup {
  let l = lookups.get(scene)
  if (!l) {
    l = {
      devices: new Map(
        scene.devices.map((d) => [d.id, { name: d.name ?? null, type: d.type, enterpriseId: d.enterpriseId }]),
      ),
      enterprises: new Map(scene.enterprises.map((e) => [e.id, e.name])),
    }
    lookups.set(scene, l)
  }
  return l
}

function toLine(a: AlarmRecord, l: SceneLookup, children: AlarmLine[]): AlarmLine {
  const dev = l.devices.get(a.deviceId)
  const type = dev?.type ?? a.deviceType
  const enterpriseId = a.enterpriseId ?? dev?.enterpriseId ?? null
  return {
    id: a.id,
    deviceId: a.deviceId,
    deviceName: dev?.name ?? null,
    deviceType: type,
    enterpriseId,
    enterpriseName: enterpriseId ? (l.enterprises.get(enterpriseId) ?? null) : null,
    severity: a.parentId === null ? a.groupSeverity : a.severity,
    condition: a.condition,
    level: a.level,
    // Once cleared, the reading that cleared it says little; the peak is what the room needs.
    value: a.active ? a.value : (a.peak ?? a.value),
    limit: a.limit,
    // Rate alarms carry their value and limit in units per minute.
    unit: `${(DEVICE_UNITS as Record<string, string>)[type] ?? ''}${a.condition === 'rate' ? '/min' : ''}`,
    raisedAt: a.raisedAt,
    state: a.state,
    acknowledged: a.acknowledged,
    active: a.active,
    shelved: a.shelved,
    children,
  }
}

const newestFirst = (a: AlarmLine, b: AlarmLine) => b.raisedAt - a.raisedAt || (a.id < b.id ? 1 : -1)

export function buildAlarmView(snapshot: AlarmSnapshot, scene: Scene): AlarmView {
  const l = lookupOf(scene)
  const open = snapshot.active.filter((a) => a.state !== 'closed')
  const childrenOf = new Map<string, AlarmRecord[]>()
  for (const a of open)
    if (a.parentId !== null) {
      const list = childrenOf.get(a.parentId) ?? []
      list.push(a)
      childrenOf.set(a.parentId, list)
    }
  const isRoot = (a: AlarmRecord) => a.parentId === null || !open.some((p) => p.id === a.parentId)
  const lines: AlarmLine[] = []
  const shelved: AlarmLine[] = []
  for (const a of open) {
    if (!isRoot(a) && !a.shelved) continue
    const kids = isRoot(a) ? (childrenOf.get(a.id) ?? []).sort((x, y) => x.raisedAt - y.raisedAt) : []
    const line = toLine(
      a,
      l,
      kids.map((k) => toLine(k, l, [])),
    )
    ;(a.shelved ? shelved : lines).push(line)
  }
  lines.sort(newestFirst)
  shelved.sort(newestFirst)

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const line of lines) bySeverity[line.severity]++
  const redUnacked = open
    .filter((a) => a.severity === 'red' && !a.acknowledged && !a.shelved)
    .map((a) => a.id)
    .sort()

  const creditById = new Map(snapshot.credit.map((c) => [c.enterpriseId, c]))
  const credit: CreditRow[] = scene.enterprises.map((e) => {
    const c = creditById.get(e.id)
    return {
      enterpriseId: e.id,
      name: e.name,
      grade: c?.grade ?? 'A',
      streak: c?.streak ?? 0,
      lastChange: c && c.changes.length ? c.changes[c.changes.length - 1] : null,
    }
  })

  return {
    seq: snapshot.seq,
    lines,
    shelved,
    bySeverity,
    unacked: snapshot.counts.unacked,
    redUnacked,
    devicesTotal: scene.devices.length,
    devicesOffline: snapshot.devices.filter((d) => d.offline).length,
    devicesFaulty: snapshot.devices.filter((d) => !d.offline && d.faults.length > 0).length,
    credit,
    snapshot,
  }
}

/** Every alarm of one device, open and closed, newest first (for the sensor detail). */
export function deviceAlarmHistory(snapshot: AlarmSnapshot, deviceId: string, limit = 20): AlarmRecord[] {
  const all = snapshot.active.concat(snapshot.history).filter((a) => a.deviceId === deviceId)
  return all.sort((a, b) => b.raisedAt - a.raisedAt).slice(0, limit)
}

/**
 * What acknowledging a line sends: the line itself when it is unacknowledged (the server then
 * acknowledges its open children too), otherwise the children that joined the group after it was
 * acknowledged. Empty when nothing on the line waits for an operator.
 */
export function lineAckIds(line: AlarmLine): string[] {
  if (!line.acknowledged) return [line.id]
  return line.children.filter((c) => !c.acknowledged).map((c) => c.id)
}

/** Ids the "acknowledge all visible" button acts on. */
export function visibleUnacked(view: AlarmView): string[] {
  return view.lines.flatMap(lineAckIds)
}
