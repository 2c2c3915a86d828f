/**
 * The customer's credit rule: "three consecutive data anomalies of an enterprise lower its
 * credit grade". Taken literally, one power blip that takes 20 detectors offline would drop an
 * enterprise from A to D in a second, so we count anomaly *episodes*:
 *
 *  - an anomaly is a device.fault (stuck, out of range) or device.offline on one of the
 *    enterprise's devices;
 *  - anomalies within `episodeMerge_s` of the start of the current episode belong to it;
 *  - episodes are consecutive while no clean audit period (`cleanPeriod_s`, a day by default)
 *    passes without any anomaly; a clean period resets the streak to 0;
 *  - the `anomaliesToDowngrade`-th consecutive episode lowers the grade one step (A→B→C→D) and
 *    starts a new streak. Grades are never raised automatically: that is a regulator's decision.
 *
 * The same function runs on the producer side (to emit credit.changed) and in the fold (to show
 * the streak), so both see the same episodes.
 */
import type { AlarmRulesConfig } from './config'
import type { CreditRecord, DeviceFaultKind } from './types'

export function newCreditRecord(enterpriseId: string): CreditRecord {
  return {
    enterpriseId,
    grade: 'A',
    streak: 0,
    streakDevices: [],
    episodeStart: null,
    lastAnomalyAt: null,
    anomalies: [],
    changes: [],
  }
}

/**
 * Record one anomaly. Returns the devices of the completed streak when this anomaly must lower
 * the grade, otherwise null.
 */
export function observeAnomaly(
  rec: CreditRecord,
  at: number,
  deviceId: string,
  kind: DeviceFaultKind | 'offline',
  cfg: AlarmRulesConfig['credit'],
): string[] | null {
  if (cfg.keep > 0) {
    rec.anomalies.push({ at, deviceId, kind })
    if (rec.anomalies.length > cfg.keep) rec.anomalies.splice(0, rec.anomalies.length - cfg.keep)
  }
  const clean = rec.lastAnomalyAt !== null && at - rec.lastAnomalyAt >= cfg.cleanPeriod_s * 1000
  rec.lastAnomalyAt = at
  if (clean) {
    rec.streak = 0
    rec.streakDevices = []
    rec.episodeStart = null
  }
  if (rec.episodeStart !== null && at - rec.episodeStart < cfg.episodeMerge_s * 1000) return null
  rec.episodeStart = at
  rec.streak++
  rec.streakDevices.push(deviceId)
  if (rec.streak < cfg.anomaliesToDowngrade) return null
  const devices = rec.streakDevices
  rec.streak = 0
  rec.streakDevices = []
  return rec.grade !== 'D' ? devices : null
}

export function cloneCredit(rec: CreditRecord): CreditRecord {
  return {
    ...rec,
    streakDevices: [...rec.streakDevices],
    anomalies: rec.anomalies.map((a) => ({ ...a })),
    changes: rec.changes.map((c) => ({ ...c })),
  }
}
