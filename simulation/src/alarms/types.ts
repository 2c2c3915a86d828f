/**
 * Alarm event bodies and the plain-JSON view of the alarm state. Bodies are what the log stores
 * and screens receive; every body carries `at` (the simulated time the transition happened, the
 * envelope's `t`) because one evaluate() batch may hold readings from several instants.
 *
 * Two families, on purpose:
 *  - `alarm.*` is the operator-facing lifecycle (ISA-18.2-like, see docs/alarms.md);
 *  - `device.*` is the data-quality record (device status in frames, the credit record).
 * A stuck/out-of-range/silent device produces one of each: the fault is a fact about the data,
 * the blue alarm is something an operator must see and acknowledge.
 */
export type Severity = 'red' | 'orange' | 'yellow' | 'blue'

/** What is judged on a device; at most one open alarm per device and condition. */
export type AlarmCondition = 'high' | 'low' | 'rate' | 'range' | 'stuck' | 'offline'

/** The level inside a condition: `high` escalates high → highHigh, `low` low → lowLow. */
export type AlarmLevel = 'highHigh' | 'high' | 'low' | 'lowLow' | 'rate' | 'range' | 'stuck' | 'offline'

/** Process alarms (the plant) and fault alarms (the instrument) never group with each other. */
export type AlarmCategory = 'process' | 'fault'

export type DeviceFaultKind = 'stuck' | 'range'

export type CreditGrade = 'A' | 'B' | 'C' | 'D'

export interface AlarmRaised {
  type: 'alarm.raised'
  /** `${deviceId}:${condition}:${n}`, n counting raises of that device+condition from 1. */
  alarmId: string
  n: number
  at: number
  deviceId: string
  condition: AlarmCondition
  level: AlarmLevel
  severity: Severity
  /** The reading that raised it; null for a device that went offline without ever reporting. */
  value: number | null
  /** The effective limit crossed (after dynamic lowering); null for stuck/offline. */
  limit: number | null
}

/** Severity change (escalation/de-escalation) or a new peak a configured step above the last. */
export interface AlarmUpdated {
  type: 'alarm.updated'
  alarmId: string
  at: number
  level: AlarmLevel
  severity: Severity
  value: number
  limit: number | null
  peak: number
}

export interface AlarmAcknowledged {
  type: 'alarm.acknowledged'
  alarmId: string
  at: number
  by: string
}

/** The condition returned to normal (after hysteresis and off-delay). */
export interface AlarmCleared {
  type: 'alarm.cleared'
  alarmId: string
  at: number
  value: number
  peak: number | null
}

export interface AlarmShelved {
  type: 'alarm.shelved'
  alarmId: string
  deviceId: string
  condition: AlarmCondition
  at: number
  by: string
  reason: string
  /** Shelf expiry, simulated ms. */
  until: number
}

export interface AlarmUnshelved {
  type: 'alarm.unshelved'
  alarmId: string
  deviceId: string
  condition: AlarmCondition
  at: number
  /** null when the shelf expired on its own. */
  by: string | null
  cause: 'expired' | 'manual'
}

export interface DeviceFault {
  type: 'device.fault'
  deviceId: string
  at: number
  fault: DeviceFaultKind
  value: number
}

export interface DeviceFaultCleared {
  type: 'device.fault_cleared'
  deviceId: string
  at: number
  fault: DeviceFaultKind
  value: number
}

export interface DeviceOffline {
  type: 'device.offline'
  deviceId: string
  at: number
  /** Time of the last usable reading, null if it never sent one. */
  lastSeen: number | null
}

export interface DeviceOnline {
  type: 'device.online'
  deviceId: string
  at: number
  value: number
}

export interface CreditChanged {
  type: 'credit.changed'
  enterpriseId: string
  at: number
  from: CreditGrade
  to: CreditGrade
  /** Why, in words a regulator can quote (English; the screen translates the grade itself). */
  reason: string
  /** Device ids of the anomaly episodes that counted. */
  devices: string[]
}

/** The dynamic-threshold regime changed (ambient temperature crossed a step). */
export interface ThresholdsChanged {
  type: 'thresholds.changed'
  at: number
  ambient: number
  /** Index into config.dynamic.steps, -1 for the scene's own limits. */
  step: number
  /** Multiplier applied to the upper limits of the affected device types (1 = unchanged). */
  factor: number
  deviceTypes: string[]
}

export type AlarmBody =
  | AlarmRaised
  | AlarmUpdated
  | AlarmAcknowledged
  | AlarmCleared
  | AlarmShelved
  | AlarmUnshelved
  | DeviceFault
  | DeviceFaultCleared
  | DeviceOffline
  | DeviceOnline
  | CreditChanged
  | ThresholdsChanged

export type AlarmBodyType = AlarmBody['type']

export const ALARM_BODY_TYPES: readonly AlarmBodyType[] = [
  'alarm.raised',
  'alarm.updated',
  'alarm.acknowledged',
  'alarm.cleared',
  'alarm.shelved',
  'alarm.unshelved',
  'device.fault',
  'device.fault_cleared',
  'device.offline',
  'device.online',
  'credit.changed',
  'thresholds.changed',
]

/** ISA-18.2 states we show: UNACK, ACKED, RTNUN; NORM alarms are closed and live in history. */
export type AlarmState = 'unack' | 'acked' | 'rtn_unack' | 'closed'

export interface AlarmTransition {
  seq: number
  at: number
  what: 'raised' | 'updated' | 'acknowledged' | 'cleared' | 'shelved' | 'unshelved' | 'closed' | 'regrouped'
  /** Operator id, or null when the engine did it. */
  by: string | null
  note?: string
}

export interface ShelfInfo {
  by: string
  reason: string
  at: number
  until: number
}

export interface AlarmRecord {
  id: string
  deviceId: string
  deviceType: string
  enterpriseId: string | null
  zoneId: string | null
  condition: AlarmCondition
  category: AlarmCategory
  level: AlarmLevel
  severity: Severity
  peakSeverity: Severity
  state: AlarmState
  /** The condition is present now (false once cleared). */
  active: boolean
  acknowledged: boolean
  raisedAt: number
  raisedSeq: number
  value: number | null
  limit: number | null
  peak: number | null
  ackedAt: number | null
  ackedBy: string | null
  clearedAt: number | null
  closedAt: number | null
  closedCause: 'acknowledged' | 'cleared' | 'superseded' | null
  shelved: ShelfInfo | null
  /** Flood grouping: the root alarm this one is grouped under (null for roots). */
  parentId: string | null
  /** True for grouped children: recorded, but the screen shows the parent's line. */
  suppressed: boolean
  /** Roots only: ids of open children, oldest first. */
  children: string[]
  /** Roots only: the highest severity among the root and its open children. */
  groupSeverity: Severity
  transitions: AlarmTransition[]
}

export interface AnomalyRecord {
  at: number
  deviceId: string
  kind: DeviceFaultKind | 'offline'
}

export interface CreditRecord {
  enterpriseId: string
  grade: CreditGrade
  /** Anomaly episodes counted towards the next downgrade. */
  streak: number
  streakDevices: string[]
  episodeStart: number | null
  lastAnomalyAt: number | null
  /** Newest last, bounded. */
  anomalies: AnomalyRecord[]
  changes: { at: number; from: CreditGrade; to: CreditGrade; reason: string }[]
}

export interface DeviceHealth {
  deviceId: string
  offline: boolean
  faults: DeviceFaultKind[]
  since: number
}

export interface ShelfRecord extends ShelfInfo {
  alarmId: string
  deviceId: string
  condition: AlarmCondition
}

export interface AlarmSnapshot {
  version: 1
  sceneId: string
  /** Last applied log seq (0 before any event). */
  seq: number
  t: number | null
  /** Open alarms (not yet closed), newest first; children included, flagged `suppressed`. */
  active: AlarmRecord[]
  /** Closed alarms, newest first, at most config.history.limit. */
  history: AlarmRecord[]
  shelves: ShelfRecord[]
  /** Only devices that are not OK. */
  devices: DeviceHealth[]
  credit: CreditRecord[]
  dynamic: { step: number; factor: number; ambient: number | null; since: number | null }
  /** Highest raise number per device+condition, so ids never repeat after history is trimmed. */
  lastN: Record<string, number>
  /** Unacknowledged, unsuppressed open alarms per severity (what the wall counts). */
  counts: Record<Severity, number> & { unacked: number; open: number }
  /** Opaque per-device signal state (debounce runs, rate anchors, stuck timers) for exact
   *  continuation from a keyframe; omitted with snapshot({ signals: false }) for screens. */
  signals?: Record<string, string>
}
