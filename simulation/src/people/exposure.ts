/**
 * Exposure: what each tracked person has breathed. Every tick the live concentration field is
 * sampled at each person's position; per person we keep the time-integrated dose (mg·min/m³),
 * the peak, the current value and the time spent above each level of concern (AEGL-1/2/3).
 * `triage` turns that into a list for the medical team, most exposed first.
 *
 * The field is a plain callback `(e, n, u?) → mg/m³` in scene-local metres, so this module does
 * not depend on the dispersion engine's internals; `gridSampler` adapts one of its gridded fields.
 *
 * Integration is the trapezoid rule between consecutive samples of a person (exact when c varies
 * linearly in time), and the time above a level splits an interval at the linearly interpolated
 * crossing. A gap longer than `maxGap_s` (no fix: the person is lost) is not integrated — we do not
 * invent what they breathed.
 */
import type { PersonPosition } from './types'

/** Levels of concern, mg/m³: the 60-minute AEGL values (null where the substance has none). */
export interface LevelsOfConcern {
  aegl1: number | null
  aegl2: number | null
  aegl3: number | null
}

export type ConcentrationAt = (e: number, n: number, u?: number) => number

export type TriageCategory = 'immediate' | 'delayed' | 'minor' | 'none'

export interface PersonExposure {
  personId: string
  /** ∫ c dt, mg·min/m³. */
  dose_mg_min_m3: number
  peak_mgM3: number
  /** When the peak was sampled (ms), or null if never above 0. */
  peakAt: number | null
  current_mgM3: number
  /** Seconds above AEGL-1, AEGL-2, AEGL-3 (0 where the level is null). */
  timeAbove_s: [number, number, number]
  firstExposedAt: number | null
  lastT: number
  category: TriageCategory
}

export interface ExposureCategoryRaised {
  type: 'person.exposure'
  personId: string
  category: TriageCategory
  dose_mg_min_m3: number
  peak_mgM3: number
  current_mgM3: number
}

export interface ExposureOptions {
  levels: LevelsOfConcern
  /** Time above a level that puts a person in its category (s). */
  minTimeAbove_s?: number
  maxGap_s?: number
}

export interface TriageEntry extends PersonExposure {
  rank: number
}

const CATEGORY_RANK: Record<TriageCategory, number> = { immediate: 3, delayed: 2, minor: 1, none: 0 }
const TIER_CATEGORY: TriageCategory[] = ['none', 'minor', 'delayed', 'immediate']

/**
 * The triage rule (a screening aid for the medical team, not a diagnosis). Tier k (AEGL-k) is
 * reached when the person spent at least `minTimeAbove_s` (default 10 s — a few breaths, and more
 * than one noisy sample at 10 Hz) above AEGL-k, or when the dose reaches AEGL-k × 60 min (the dose
 * of the full hour the AEGL is defined for, Haber's rule). Highest tier reached: 3 → immediate
 * (life-threatening level), 2 → delayed (irreversible / escape-impairing effects), 1 → minor
 * (discomfort, reversible), none.
 */
export function categorize(
  x: Pick<PersonExposure, 'dose_mg_min_m3' | 'timeAbove_s'>,
  levels: LevelsOfConcern,
  minTimeAbove_s = 10,
): TriageCategory {
  const lv = [levels.aegl1, levels.aegl2, levels.aegl3]
  for (let k = 2; k >= 0; k--) {
    const L = lv[k]
    if (L === null || !(L > 0)) continue
    if (x.timeAbove_s[k] >= minTimeAbove_s || x.dose_mg_min_m3 >= L * 60) return TIER_CATEGORY[k + 1]
  }
  return 'none'
}

/** Most exposed first: category, then dose, then peak, then id (stable across runs). */
export function triage(people: readonly PersonExposure[]): TriageEntry[] {
  const sorted = [...people].sort(
    (a, b) =>
      CATEGORY_RANK[b.category] - CATEGORY_RANK[a.category] ||
      b.dose_mg_min_m3 - a.dose_mg_min_m3 ||
      b.peak_mgM3 - a.peak_mgM3 ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  )
  return sorted.map((p, i) => ({ ...p, timeAbove_s: [...p.timeAbove_s] as [number, number, number], rank: i + 1 }))
}

export class ExposureTracker {
  readonly levels: LevelsOfConcern
  readonly minTimeAbove_s: number
  readonly maxGap_ms: number
  private people = new Map<string, PersonExposure>()

  constructor(opts: ExposureOptions) {
    this.levels = opts.levels
    this.minTimeAbove_s = opts.minTimeAbove_s ?? 10
    this.maxGap_ms = (opts.maxGap_s ?? 5) * 1000
  }

  /** One tick: sample `c` at every position at time `t` (ms). Returns category rises. */
  update(t: number, positions: readonly PersonPosition[], c: ConcentrationAt): ExposureCategoryRaised[] {
    const events: ExposureCategoryRaised[] = []
    const lv = [this.levels.aegl1, this.levels.aegl2, this.levels.aegl3]
    for (const pos of positions) {
      let c1 = c(pos.e, pos.n, pos.u)
      if (!(c1 > 0)) c1 = 0 // NaN or negative from a field edge counts as clean air
      let x = this.people.get(pos.id)
      if (!x) {
        x = {
          personId: pos.id,
          dose_mg_min_m3: 0,
          peak_mgM3: 0,
          peakAt: null,
          current_mgM3: c1,
          timeAbove_s: [0, 0, 0],
          firstExposedAt: null,
          lastT: t,
          category: 'none',
        }
        this.people.set(pos.id, x)
      } else {
        const dt = t - x.lastT
        if (dt > 0 && dt <= this.maxGap_ms) {
          const c0 = x.current_mgM3
          x.dose_mg_min_m3 += ((c0 + c1) / 2) * (dt / 60000)
          for (let k = 0; k < 3; k++) {
            const L = lv[k]
            if (L === null) continue
            x.timeAbove_s[k] += (timeAbove(c0, c1, L) * dt) / 1000
          }
        }
        if (dt > 0) {
          x.lastT = t
          x.current_mgM3 = c1
        }
      }
      if (c1 > x.peak_mgM3) {
        x.peak_mgM3 = c1
        x.peakAt = t
      }
      if (c1 > 0 && x.firstExposedAt === null) x.firstExposedAt = t
      const cat = categorize(x, this.levels, this.minTimeAbove_s)
      if (CATEGORY_RANK[cat] > CATEGORY_RANK[x.category]) {
        x.category = cat
        events.push({
          type: 'person.exposure',
          personId: x.personId,
          category: cat,
          dose_mg_min_m3: round4(x.dose_mg_min_m3),
          peak_mgM3: round4(x.peak_mgM3),
          current_mgM3: round4(c1),
        })
      }
    }
    return events
  }

  get(personId: string): PersonExposure | undefined {
    return this.people.get(personId)
  }

  all(): PersonExposure[] {
    return [...this.people.values()]
  }

  /** The triage list now (everyone tracked, most exposed first). */
  triage(): TriageEntry[] {
    return triage(this.all())
  }

  /** Carries a person's record over (e.g. from a tracker with other levels); re-categorised. */
  restore(x: PersonExposure): void {
    const copy: PersonExposure = { ...x, timeAbove_s: [...x.timeAbove_s] as [number, number, number] }
    copy.category = categorize(copy, this.levels, this.minTimeAbove_s)
    this.people.set(x.personId, copy)
  }

  reset(): void {
    this.people.clear()
  }
}

/** Fraction of an interval, with c linear from c0 to c1, spent strictly above L. */
function timeAbove(c0: number, c1: number, L: number): number {
  const a0 = c0 > L
  const a1 = c1 > L
  if (a0 && a1) return 1
  if (!a0 && !a1) return 0
  const hi = a0 ? c0 : c1
  const lo = a0 ? c1 : c0
  return (hi - L) / (hi - lo)
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4
}

/**
 * Bilinear sampler of a gridded field (e.g. the dispersion engine's ground field: cell (i, j)
 * centred at originE + (i+½)·cellM …, row-major j·nx + i, in metres east/north of the source).
 * `sourceE/sourceN` place the grid in scene-local metres. Outside the grid: 0.
 */
export function gridSampler(
  field: ArrayLike<number>,
  grid: { originE: number; originN: number; cellM: number; nx: number; ny: number },
  sourceE = 0,
  sourceN = 0,
): ConcentrationAt {
  const { originE, originN, cellM, nx, ny } = grid
  return (e, n) => {
    const fx = (e - sourceE - originE) / cellM - 0.5
    const fy = (n - sourceN - originN) / cellM - 0.5
    if (!(fx > -0.5 && fy > -0.5 && fx < nx - 0.5 && fy < ny - 0.5)) return 0
    const i0 = Math.max(0, Math.min(nx - 1, Math.floor(fx)))
    const j0 = Math.max(0, Math.min(ny - 1, Math.floor(fy)))
    const i1 = Math.min(nx - 1, i0 + 1)
    const j1 = Math.min(ny - 1, j0 + 1)
    const tx = Math.max(0, Math.min(1, fx - i0))
    const ty = Math.max(0, Math.min(1, fy - j0))
    const a = field[j0 * nx + i0] * (1 - tx) + field[j0 * nx + i1] * tx
    const b = field[j1 * nx + i0] * (1 - tx) + field[j1 * nx + i1] * tx
    return a * (1 - ty) + b * ty
  }
}
