/**
 * The hot path: judge readings against each device's rules. Everything per device lives in typed
 * arrays indexed by device (and device × condition), so a normal reading costs a handful of
 * comparisons and allocates nothing; objects are created only when a condition changes state.
 *
 * This is *signal* state (debounce runs, rate anchors, stuck timers, committed levels), derived
 * from readings. The lifecycle (ack, shelve, groups, history) is the fold in lifecycle.ts. The
 * committed levels are also re-synced from the log by apply(), so a keyframe + later events give
 * the right "is it active" view even without the readings in between.
 */
import type { AlarmRulesConfig } from './config'
import { rulesFor } from './config'
import { observeAnomaly, newCreditRecord } from './credit'
import { lowerGrade } from './severity'
import type { AlarmSceneIndex } from './sceneIndex'
import { base64Length, decodeTypedInto, encodeTyped } from './codec'
import type { AlarmBody, AlarmCondition, AlarmLevel, CreditRecord, DeviceFaultKind, Severity } from './types'

export const C_HIGH = 0
export const C_LOW = 1
export const C_RATE = 2
export const C_RANGE = 3
export const C_STUCK = 4
export const C_OFFLINE = 5
export const NC = 6
export const CONDITIONS: readonly AlarmCondition[] = ['high', 'low', 'rate', 'range', 'stuck', 'offline']
export const CONDITION_INDEX: Readonly<Record<AlarmCondition, number>> = {
  high: 0,
  low: 1,
  rate: 2,
  range: 3,
  stuck: 4,
  offline: 5,
}

const SEV: readonly Severity[] = ['red', 'orange', 'yellow', 'blue']
// Severity slots per device: 0 highHigh, 1 high, 2 low, 3 lowLow, 4 rate, 5 fault.
const NS = 6
const LEVEL_NAMES: readonly (readonly AlarmLevel[])[] = [
  ['high', 'high', 'highHigh'],
  ['low', 'low', 'lowLow'],
  ['rate', 'rate'],
  ['range', 'range'],
  ['stuck', 'stuck'],
  ['offline', 'offline'],
]

export function levelNumber(level: AlarmLevel): number {
  return level === 'highHigh' || level === 'lowLow' ? 2 : 1
}

export class Detector {
  readonly n: number
  private readonly ids: readonly string[]
  private readonly ent: readonly (string | null)[]
  // Rules, per device. NaN disables a limit: every comparison with NaN is false.
  private readonly hi: Float64Array
  private readonly hh: Float64Array
  private readonly lo: Float64Array
  private readonly ll: Float64Array
  private readonly fac: Float64Array
  private readonly dynMask: Uint8Array
  private readonly db: Float64Array
  private readonly onN: Int32Array
  private readonly onMs: Float64Array
  private readonly offN: Int32Array
  private readonly offMs: Float64Array
  private readonly rateLim: Float64Array
  private readonly rateHalf: Float64Array
  private readonly rateClear: Float64Array
  private readonly stuckMs: Float64Array
  private readonly stuckEps: Float64Array
  private readonly stuckFloor: Float64Array
  /** A detector pinned at full scale is saturated by gas, not stuck: readings there reset the timer too. */
  private readonly stuckCeil: Float64Array
  private readonly rMin: Float64Array
  private readonly rMax: Float64Array
  private readonly rangeN: Int32Array
  private readonly offlineMs: Float64Array
  private readonly peakStep: Float64Array
  private readonly sev: Uint8Array
  // Signal state (serialised in snapshots).
  private readonly lvl: Int8Array
  private readonly pDir: Int8Array
  private readonly pLvl: Int8Array
  private readonly pCnt: Int32Array
  private readonly pSince: Float64Array
  private readonly cnt: Uint32Array
  private readonly peak: Float64Array
  private readonly lastPeak: Float64Array
  private readonly lastV: Float64Array
  private readonly lastSeen: Float64Array
  private readonly tA: Float64Array
  private readonly vA: Float64Array
  private readonly tB: Float64Array
  private readonly vB: Float64Array
  private readonly sV: Float64Array
  private readonly sT: Float64Array
  private dynStep = -1
  private dynAmbient = NaN
  private dynSince = NaN
  /** Time of the first tick/evaluate: devices that never report go offline counted from here. */
  private firstT = NaN
  /** Producer-side copy of each enterprise's credit streak, to decide credit.changed. */
  credit = new Map<string, CreditRecord>()

  constructor(
    private readonly idx: AlarmSceneIndex,
    private readonly cfg: AlarmRulesConfig,
  ) {
    const n = (this.n = idx.devices.length)
    this.ids = idx.ids
    this.ent = idx.enterpriseOf
    const f64 = (fill = NaN) => new Float64Array(n).fill(fill)
    this.hi = f64()
    this.hh = f64()
    this.lo = f64()
    this.ll = f64()
    this.fac = f64(1)
    this.dynMask = new Uint8Array(n)
    this.db = f64(0)
    this.onN = new Int32Array(n)
    this.onMs = f64(0)
    this.offN = new Int32Array(n)
    this.offMs = f64(0)
    this.rateLim = f64()
    this.rateHalf = f64()
    this.rateClear = f64()
    this.stuckMs = f64()
    this.stuckEps = f64(0)
    this.stuckFloor = f64(-Infinity)
    this.stuckCeil = f64(Infinity)
    this.rMin = f64()
    this.rMax = f64()
    this.rangeN = new Int32Array(n)
    this.offlineMs = f64()
    this.peakStep = f64(Infinity)
    this.sev = new Uint8Array(n * NS)
    const dynTypes = new Set<string>(cfg.dynamic.enabled ? cfg.dynamic.deviceTypes : [])
    idx.devices.forEach((d, i) => {
      const r = rulesFor(cfg, d.id, d.type)
      const span = d.range.max - d.range.min
      const th = d.thresholds ?? {}
      if (th.high !== undefined) this.hi[i] = th.high
      if (th.highHigh !== undefined) this.hh[i] = th.highHigh
      if (th.low !== undefined) this.lo[i] = th.low
      if (th.lowLow !== undefined) this.ll[i] = th.lowLow
      this.dynMask[i] = dynTypes.has(d.type) ? 1 : 0
      this.db[i] = (r.deadbandPct / 100) * span
      this.onN[i] = r.onDelay.readings
      this.onMs[i] = r.onDelay.ms
      this.offN[i] = r.offDelay.readings
      this.offMs[i] = r.offDelay.ms
      if (r.rateOfRise) {
        this.rateLim[i] = ((r.rateOfRise.perMinutePct / 100) * span) / 60_000
        this.rateHalf[i] = (r.rateOfRise.window_s * 1000) / 2
        this.rateClear[i] = r.rateOfRise.clearRatio
      }
      if (r.stuck) {
        this.stuckMs[i] = r.stuck.window_s * 1000
        this.stuckEps[i] = (r.stuck.epsilonPct / 100) * span
        if (r.stuck.ignoreAtRangeMin) {
          this.stuckFloor[i] = d.range.min + this.stuckEps[i]
          this.stuckCeil[i] = d.range.max - this.stuckEps[i]
        }
      }
      const tol = (r.rangeTolerancePct / 100) * span
      this.rMin[i] = d.range.min - tol
      this.rMax[i] = d.range.max + tol
      this.rangeN[i] = r.rangeReadings
      if (r.offline_s !== null) this.offlineMs[i] = r.offline_s * 1000
      if (r.peakStepPct > 0) this.peakStep[i] = (r.peakStepPct / 100) * span
      const s = r.severity
      const slots = [s.highHigh, s.high, s.low, s.lowLow, s.rate, s.fault]
      for (let k = 0; k < NS; k++) this.sev[i * NS + k] = SEV.indexOf(slots[k])
    })
    const m = n * NC
    this.lvl = new Int8Array(m)
    this.pDir = new Int8Array(m)
    this.pLvl = new Int8Array(m)
    this.pCnt = new Int32Array(m)
    this.pSince = new Float64Array(m)
    this.cnt = new Uint32Array(m)
    this.peak = new Float64Array(m)
    this.lastPeak = new Float64Array(m)
    this.lastV = f64()
    this.lastSeen = f64()
    this.tA = f64()
    this.vA = f64()
    this.tB = f64()
    this.vB = f64()
    this.sV = f64()
    this.sT = f64()
    for (const e of idx.enterpriseIds) this.credit.set(e, newCreditRecord(e))
  }

  /** Judge one batch; pushes the bodies of new events onto `out`. */
  evaluate(
    t: number,
    devIdx: ArrayLike<number>,
    values: ArrayLike<number>,
    times: ArrayLike<number> | undefined,
    out: AlarmBody[],
  ): void {
    const n = this.n
    if (this.firstT !== this.firstT) this.firstT = times && times.length ? times[0] : t
    const len = Math.min(devIdx.length, values.length)
    for (let j = 0; j < len; j++) {
      const i = devIdx[j]
      const v = values[j]
      const at = times ? times[j] : t
      // NaN is "no usable reading"; older-than-last readings are refused (ingest rejects them too).
      if (!(i >= 0 && i < n) || v !== v || at < this.lastSeen[i]) continue
      this.lastSeen[i] = at
      const b = i * NC
      if (this.lvl[b + C_OFFLINE] !== 0) this.commit(i, C_OFFLINE, 0, at, v, out)
      if (i === this.idx.ambientIdx) this.ambient(v, at, out)
      if (this.stuckMs[i] === this.stuckMs[i]) this.judgeStuck(i, v, at, out)
      const bad = v < this.rMin[i] || v > this.rMax[i]
      if (bad || this.lvl[b + C_RANGE] !== 0 || this.pDir[b + C_RANGE] !== 0)
        this.step(i, C_RANGE, bad ? 1 : 0, at, v, out)
      // Bad data holds the process conditions: neither raise nor clear on a value we do not trust.
      if (bad || this.lvl[b + C_RANGE] !== 0) {
        this.lastV[i] = v
        continue
      }
      this.judgeHigh(i, b, v, at, out)
      this.judgeLow(i, b, v, at, out)
      if (this.rateLim[i] === this.rateLim[i]) this.judgeRate(i, b, v, at, out)
      this.lastV[i] = v
    }
  }

  private judgeHigh(i: number, b: number, v: number, at: number, out: AlarmBody[]): void {
    const f = this.fac[i]
    const l2 = this.hh[i] * f
    const l1 = this.hi[i] * f
    const cur = this.lvl[b]
    const db = this.db[i]
    const target = v > l2 || (cur === 2 && v > l2 - db) ? 2 : v > l1 || (cur !== 0 && v > l1 - db) ? 1 : 0
    if (target !== cur || this.pDir[b] !== 0) this.step(i, C_HIGH, target, at, v, out)
    if (this.lvl[b] !== 0) {
      if (v > this.peak[b]) this.peak[b] = v
      // While an escalation is pending, its update will carry the peak: no extra event.
      if (v >= this.lastPeak[b] + this.peakStep[i] && this.pDir[b] <= 0) this.peakUpdate(i, C_HIGH, at, v, out)
    }
  }

  private judgeLow(i: number, b: number, v: number, at: number, out: AlarmBody[]): void {
    const k = b + C_LOW
    const cur = this.lvl[k]
    const db = this.db[i]
    const target =
      v < this.ll[i] || (cur === 2 && v < this.ll[i] + db)
        ? 2
        : v < this.lo[i] || (cur !== 0 && v < this.lo[i] + db)
          ? 1
          : 0
    if (target !== cur || this.pDir[k] !== 0) this.step(i, C_LOW, target, at, v, out)
    if (this.lvl[k] !== 0) {
      if (v < this.peak[k]) this.peak[k] = v
      if (v <= this.lastPeak[k] - this.peakStep[i] && this.pDir[k] <= 0) this.peakUpdate(i, C_LOW, at, v, out)
    }
  }

  /** Rise over the last window/2 … window, from two anchors that leapfrog every half window. */
  private judgeRate(i: number, b: number, v: number, at: number, out: AlarmBody[]): void {
    const half = this.rateHalf[i]
    if (this.tA[i] !== this.tA[i]) {
      this.tA[i] = this.tB[i] = at
      this.vA[i] = this.vB[i] = v
      return
    }
    if (at - this.tB[i] >= half) {
      this.tA[i] = this.tB[i]
      this.vA[i] = this.vB[i]
      this.tB[i] = at
      this.vB[i] = v
    }
    const dt = at - this.tA[i]
    if (dt < half) return
    const rate = (v - this.vA[i]) / dt
    const k = b + C_RATE
    const cur = this.lvl[k]
    const lim = this.rateLim[i]
    const target = rate >= lim || (cur !== 0 && rate > lim * this.rateClear[i]) ? 1 : 0
    if (target !== cur || this.pDir[k] !== 0) this.step(i, C_RATE, target, at, rate * 60_000, out)
    if (this.lvl[k] !== 0 && rate * 60_000 > this.peak[k]) this.peak[k] = rate * 60_000
  }

  private judgeStuck(i: number, v: number, at: number, out: AlarmBody[]): void {
    const k = i * NC + C_STUCK
    if (
      this.sT[i] !== this.sT[i] ||
      Math.abs(v - this.sV[i]) > this.stuckEps[i] ||
      v <= this.stuckFloor[i] ||
      v >= this.stuckCeil[i]
    ) {
      this.sV[i] = v
      this.sT[i] = at
      if (this.lvl[k] !== 0) this.commit(i, C_STUCK, 0, at, v, out)
    } else if (this.lvl[k] === 0 && at - this.sT[i] >= this.stuckMs[i]) this.commit(i, C_STUCK, 1, at, v, out)
  }

  /** Debounce: a run of readings in one direction commits after N readings and D ms. */
  private step(i: number, c: number, target: number, at: number, v: number, out: AlarmBody[]): void {
    const k = i * NC + c
    const cur = this.lvl[k]
    if (target === cur) {
      this.pDir[k] = 0
      return
    }
    const dir = target > cur ? 1 : -1
    if (this.pDir[k] !== dir) {
      this.pDir[k] = dir
      this.pCnt[k] = 1
      this.pSince[k] = at
      this.pLvl[k] = target
    } else {
      this.pCnt[k]++
      // A rising run commits the lowest level it held throughout, a falling run the highest.
      if (dir > 0 ? target < this.pLvl[k] : target > this.pLvl[k]) this.pLvl[k] = target
    }
    if (this.due(i, c, k, at)) this.commit(i, c, this.pLvl[k], at, v, out)
  }

  private due(i: number, c: number, k: number, at: number): boolean {
    if (c === C_RANGE) return this.pCnt[k] >= this.rangeN[i]
    return this.pDir[k] > 0
      ? this.pCnt[k] >= this.onN[i] && at - this.pSince[k] >= this.onMs[i]
      : this.pCnt[k] >= this.offN[i] && at - this.pSince[k] >= this.offMs[i]
  }

  private commit(i: number, c: number, level: number, at: number, v: number, out: AlarmBody[]): void {
    const k = i * NC + c
    const old = this.lvl[k]
    this.lvl[k] = level
    this.pDir[k] = 0
    const deviceId = this.ids[i]
    if (old === 0) {
      if (c === C_RANGE || c === C_STUCK) {
        out.push({ type: 'device.fault', deviceId, at, fault: CONDITIONS[c] as DeviceFaultKind, value: v })
        this.anomaly(i, at, CONDITIONS[c] as DeviceFaultKind, out)
      } else if (c === C_OFFLINE) {
        const seen = this.lastSeen[i]
        out.push({ type: 'device.offline', deviceId, at, lastSeen: seen === seen ? seen : null })
        this.anomaly(i, at, 'offline', out)
      }
      const n = ++this.cnt[k]
      this.peak[k] = v
      this.lastPeak[k] = v
      const condition = CONDITIONS[c]
      out.push({
        type: 'alarm.raised',
        alarmId: `${deviceId}:${condition}:${n}`,
        n,
        at,
        deviceId,
        condition,
        level: LEVEL_NAMES[c][level],
        severity: this.severity(i, c, level),
        value: nn(v),
        limit: this.limit(i, c, level),
      })
    } else if (level === 0) {
      if (c === C_RANGE || c === C_STUCK)
        out.push({ type: 'device.fault_cleared', deviceId, at, fault: CONDITIONS[c] as DeviceFaultKind, value: v })
      else if (c === C_OFFLINE) out.push({ type: 'device.online', deviceId, at, value: v })
      out.push({ type: 'alarm.cleared', alarmId: this.alarmId(i, c), at, value: v, peak: nn(this.peak[k]) })
    } else {
      if (c === C_HIGH ? v > this.lastPeak[k] : c === C_LOW && v < this.lastPeak[k]) this.lastPeak[k] = v
      out.push({
        type: 'alarm.updated',
        alarmId: this.alarmId(i, c),
        at,
        level: LEVEL_NAMES[c][level],
        severity: this.severity(i, c, level),
        value: v,
        limit: this.limit(i, c, level),
        peak: this.peak[k],
      })
    }
  }

  private peakUpdate(i: number, c: number, at: number, v: number, out: AlarmBody[]): void {
    const k = i * NC + c
    this.lastPeak[k] = v
    const level = this.lvl[k]
    out.push({
      type: 'alarm.updated',
      alarmId: this.alarmId(i, c),
      at,
      level: LEVEL_NAMES[c][level],
      severity: this.severity(i, c, level),
      value: v,
      limit: this.limit(i, c, level),
      peak: this.peak[k],
    })
  }

  private alarmId(i: number, c: number): string {
    return `${this.ids[i]}:${CONDITIONS[c]}:${this.cnt[i * NC + c]}`
  }

  private severity(i: number, c: number, level: number): Severity {
    const slot = c === C_HIGH ? (level === 2 ? 0 : 1) : c === C_LOW ? (level === 2 ? 3 : 2) : c === C_RATE ? 4 : 5
    return SEV[this.sev[i * NS + slot]]
  }

  private limit(i: number, c: number, level: number): number | null {
    const x =
      c === C_HIGH
        ? (level === 2 ? this.hh[i] : this.hi[i]) * this.fac[i]
        : c === C_LOW
          ? level === 2
            ? this.ll[i]
            : this.lo[i]
          : c === C_RATE
            ? this.rateLim[i] * 60_000
            : NaN
    return x === x ? x : null
  }

  private anomaly(i: number, at: number, kind: DeviceFaultKind | 'offline', out: AlarmBody[]): void {
    const e = this.ent[i]
    const rec = e === null ? undefined : this.credit.get(e)
    if (!rec || e === null) return
    const devices = observeAnomaly(rec, at, this.ids[i], kind, { ...this.cfg.credit, keep: 0 })
    if (!devices) return
    const to = lowerGrade(rec.grade)
    const reason = `${this.cfg.credit.anomaliesToDowngrade} consecutive data anomaly episodes`
    out.push({ type: 'credit.changed', enterpriseId: e, at, from: rec.grade, to, reason, devices })
    rec.grade = to
  }

  /** Dynamic thresholds: pick the step for this ambient temperature, leaving a step with hysteresis. */
  private ambient(v: number, at: number, out: AlarmBody[]): void {
    this.dynAmbient = v
    const d = this.cfg.dynamic
    if (!d.enabled || d.steps.length === 0) return
    const cur = this.dynStep
    let next = cur
    let up = -1
    for (let s = d.steps.length - 1; s >= 0; s--)
      if (v >= d.steps[s].ambientAtLeast_C) {
        up = s
        break
      }
    if (up > cur) next = up
    else if (cur >= 0 && v < d.steps[cur].ambientAtLeast_C - d.hysteresis_C) {
      next = -1
      for (let s = cur - 1; s >= 0; s--)
        if (v >= d.steps[s].ambientAtLeast_C - d.hysteresis_C) {
          next = s
          break
        }
    }
    if (next === cur) return
    const factor = this.setDynamic(next, at)
    out.push({ type: 'thresholds.changed', at, ambient: v, step: next, factor, deviceTypes: [...d.deviceTypes] })
  }

  setDynamic(step: number, at: number, ambient?: number): number {
    const d = this.cfg.dynamic
    const factor = step < 0 || step >= d.steps.length ? 1 : 1 - d.steps[step].lowerPct / 100
    if (step !== this.dynStep) for (let i = 0; i < this.n; i++) if (this.dynMask[i]) this.fac[i] = factor
    this.dynStep = step
    this.dynSince = at
    if (ambient !== undefined) this.dynAmbient = ambient
    return factor
  }

  /** Passage of time: silent devices go offline; duration debounces complete on held values. */
  tick(t: number, out: AlarmBody[]): void {
    if (this.firstT !== this.firstT) this.firstT = t
    for (let i = 0; i < this.n; i++) {
      const b = i * NC
      const off = this.offlineMs[i]
      if (off === off && this.lvl[b + C_OFFLINE] === 0) {
        const seen = this.lastSeen[i]
        if (t - (seen === seen ? seen : this.firstT) >= off) this.commit(i, C_OFFLINE, 1, t, this.lastV[i], out)
      }
      for (let c = C_HIGH; c <= C_LOW; c++)
        if (this.pDir[b + c] !== 0 && this.due(i, c, b + c, t))
          this.commit(i, c, this.pLvl[b + c], t, this.lastV[i], out)
    }
  }

  // ---- sync from the log (apply) ----

  onRaised(i: number, c: number, n: number, level: number, value: number): void {
    const k = i * NC + c
    if (n > this.cnt[k]) this.cnt[k] = n
    this.lvl[k] = level
    this.peak[k] = this.lastPeak[k] = value
  }

  onLevel(i: number, c: number, level: number): void {
    this.lvl[i * NC + c] = level
  }

  count(i: number, c: number): number {
    return this.cnt[i * NC + c]
  }

  dynamicSince(): number {
    return this.dynSince
  }

  level(i: number, c: number): number {
    return this.lvl[i * NC + c]
  }

  dynamicState(): { step: number; factor: number; ambient: number | null; since: number | null } {
    const d = this.cfg.dynamic
    const factor = this.dynStep < 0 ? 1 : 1 - d.steps[this.dynStep].lowerPct / 100
    return {
      step: this.dynStep,
      factor,
      ambient: this.dynAmbient === this.dynAmbient ? this.dynAmbient : null,
      since: this.dynSince === this.dynSince ? this.dynSince : null,
    }
  }

  // ---- snapshot ----

  /** Per device × condition: mostly zero, so saved sparsely (only entries that ever held state). */
  private pointArrays() {
    const { lvl, pDir, pLvl, pCnt, pSince, cnt, peak, lastPeak } = this
    return { lvl, pDir, pLvl, pCnt, pSince, cnt, peak, lastPeak }
  }

  /** Per device: dense. */
  private deviceArrays() {
    const { lastV, lastSeen, tA, vA, tB, vB, sV, sT } = this
    return { lastV, lastSeen, tA, vA, tB, vB, sV, sT }
  }

  saveSignals(): Record<string, string> {
    const s: Record<string, string> = {}
    const ks: number[] = []
    for (let k = 0; k < this.lvl.length; k++)
      if (this.cnt[k] !== 0 || this.pDir[k] !== 0 || this.lvl[k] !== 0) ks.push(k)
    const at = Int32Array.from(ks)
    s.points = encodeTyped(at)
    for (const [name, a] of Object.entries(this.pointArrays())) {
      const g = new (a.constructor as new (n: number) => typeof a)(ks.length)
      for (let j = 0; j < ks.length; j++) g[j] = a[ks[j]]
      s[name] = encodeTyped(g)
    }
    for (const [name, a] of Object.entries(this.deviceArrays())) s[name] = encodeTyped(a)
    s.meta = JSON.stringify({
      firstT: nn(this.firstT),
      dynStep: this.dynStep,
      dynAmbient: nn(this.dynAmbient),
      dynSince: nn(this.dynSince),
    })
    return s
  }

  loadSignals(s: Record<string, string>): void {
    const need = (name: string) => {
      if (typeof s[name] !== 'string') throw new Error(`alarm snapshot: signal state "${name}" missing`)
      return s[name]
    }
    const pts = need('points')
    const ks = new Int32Array(base64Length(pts) / 4)
    decodeTypedInto(pts, ks, 'points')
    for (const [name, a] of Object.entries(this.pointArrays())) {
      const g = new (a.constructor as new (n: number) => typeof a)(ks.length)
      decodeTypedInto(need(name), g, name)
      a.fill(0)
      for (let j = 0; j < ks.length; j++) {
        if (ks[j] < 0 || ks[j] >= a.length) throw new Error('alarm snapshot: signal state does not fit this scene')
        a[ks[j]] = g[j]
      }
    }
    for (const [name, a] of Object.entries(this.deviceArrays())) decodeTypedInto(need(name), a, name)
    const m = JSON.parse(s.meta ?? '{}') as Record<string, number | null>
    this.firstT = m.firstT ?? NaN
    this.setDynamic(typeof m.dynStep === 'number' ? m.dynStep : -1, m.dynSince ?? NaN, m.dynAmbient ?? NaN)
    this.dynSince = m.dynSince ?? NaN
  }
}

/** JSON has no NaN: an unset value is null in bodies and snapshots. */
const nn = (x: number) => (x === x ? x : null)
