/**
 * The incident panel's view model, pure: from a folded incident, the scene's plans and the
 * viewer's session, the flowchart (a lane per tier, the plan's steps in order, each with how it
 * looks, its next deadline and whether this viewer may act on it), the tiers active and the
 * customer's figures. Rebuilt when the response state changes (a few times a minute); the clock-
 * driven parts (countdowns, a deadline passing) are painted from `deadline.dueAt` by the panel.
 */
import {
  figuresOf,
  GRADE_NUMERALS,
  PILOT_TARGETS,
  TIERS,
  tierRank,
  type Colour,
  type IncidentRecord,
  type PlanSet,
  type StepRecord,
  type Tier,
} from '@sim/response'
import type { ViewerSession } from '../state/responseSlice'

export type Lang = 'zh' | 'en'

/** done: completed; active: waiting for someone; acknowledged: taken, not finished; overdue: a deadline missed; waiting: tier not active yet. */
export type StepLook = 'done' | 'active' | 'acknowledged' | 'overdue' | 'waiting' | 'stood_down'

/** Why this viewer cannot press a step's buttons (an i18n key under `incident.reason`). */
export type ActReason = 'replay' | 'noRole' | 'notYourRole' | 'done' | 'stoodDown' | 'notStarted' | 'closed' | null

export interface StepView {
  id: string
  tier: Tier
  kind: 'action' | 'notify' | 'task'
  title: string
  /** Responsible role's name (tasks). */
  roleName: string | null
  look: StepLook
  /** The deadline counting down now (the acknowledgement first, then completion), if any. */
  deadline: { which: 'acknowledge' | 'complete'; dueAt: number } | null
  /** When it was completed (or acknowledged, for an acknowledged task). */
  doneAt: number | null
  canAck: boolean
  canComplete: boolean
  reason: ActReason
  /** The responsible role, for the "not your role" reason. */
  role: string | null
}

export interface LaneView {
  tier: Tier
  active: boolean
  activatedAt: number | null
  steps: StepView[]
}

export type FigureKey = 'valves' | 'fireBrigade' | 'parkTier' | 'govNotified'

export interface FigureView {
  key: FigureKey
  /** ms from the first alarm, or null if it has not happened. */
  ms: number | null
  /** The pilot's target, for the two figures the customer measured. */
  targetMs: number | null
  /** Within the target (true), late (false), or not judged (null). */
  ok: boolean | null
}

export interface IncidentView {
  id: string
  title: string
  level: number
  grade: string
  colour: Colour
  levelName: string
  tier: Tier
  drill: boolean
  closed: boolean
  /** Time the figures count from (first alarm, else opening). */
  start: number
  sourceId: string | null
  substance: string | null
  lanes: LaneView[]
  figures: FigureView[]
}

const pick = (t: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? t.en : t.zh)

function pendingDeadline(st: StepRecord): StepView['deadline'] {
  if (st.ack?.status === 'pending') return { which: 'acknowledge', dueAt: st.ack.dueAt }
  if (st.complete?.status === 'pending') return { which: 'complete', dueAt: st.complete.dueAt }
  return null
}

function lookOf(st: StepRecord, now: number | null): StepLook {
  if (st.status === 'completed') return 'done'
  if (st.status === 'stood_down') return 'stood_down'
  const d = pendingDeadline(st)
  if (st.overdue || (d && now !== null && now >= d.dueAt)) return 'overdue'
  return st.status === 'acknowledged' ? 'acknowledged' : 'active'
}

/** Mirrors the server's rule (commands.ts): the responsible role, or a commander of that tier. */
export function mayActOn(
  plans: PlanSet | null,
  planRole: string | null,
  step: { tier: Tier; role: string | null },
): boolean {
  const role = plans?.roles.find((r) => r.id === planRole)
  if (!role) return false
  return step.role === null
    ? role.tier === step.tier
    : role.id === step.role || (role.commander && role.tier === step.tier)
}

export interface BuildOptions {
  plans: PlanSet | null
  session: ViewerSession
  lang: Lang
  /** Simulated "now" (server clock or replay position), ms. */
  now: number | null
  readOnly: boolean
}

function stepView(st: StepRecord, inc: IncidentRecord, o: BuildOptions): StepView {
  const roleName = st.role ? (o.plans?.roles.find((r) => r.id === st.role)?.name ?? null) : null
  const isTask = st.kind === 'task'
  const allowed = mayActOn(o.plans, o.session.planRole, st)
  let reason: ActReason = null
  if (o.readOnly) reason = 'replay'
  else if (inc.status !== 'open') reason = 'closed'
  else if (st.status === 'stood_down') reason = 'stoodDown'
  else if (st.status === 'completed') reason = 'done'
  else if (!o.session.planRole) reason = 'noRole'
  else if (!allowed) reason = 'notYourRole'
  const free = isTask && reason === null
  return {
    id: st.id,
    tier: st.tier,
    kind: st.kind,
    title: pick(st.title, o.lang),
    roleName: roleName ? pick(roleName, o.lang) : null,
    look: lookOf(st, o.now),
    deadline: pendingDeadline(st),
    doneAt: st.completedAt ?? st.ackAt,
    canAck: free && st.ackAt === null,
    canComplete: free,
    reason: isTask ? reason : null,
    role: st.role,
  }
}

function lanesOf(inc: IncidentRecord, o: BuildOptions): LaneView[] {
  const plan = o.plans?.plans.find((p) => p.id === inc.planId) ?? null
  return TIERS.map((tier) => {
    const active = tierRank(tier) <= tierRank(inc.tier)
    const up = [...inc.tierHistory].reverse().find((c) => c.tier === tier && c.direction !== 'down')
    const started = inc.stepOrder.map((id) => inc.steps[id]).filter((s) => s.tier === tier)
    const steps: StepView[] = []
    const seen = new Set<string>()
    // The plan's order first (not-yet-started steps as waiting boxes), then any others started.
    for (const ps of plan?.tiers[tier] ?? []) {
      const st = inc.steps[ps.id]
      seen.add(ps.id)
      if (st && st.tier === tier) steps.push(stepView(st, inc, o))
      else {
        const role = ps.kind === 'task' ? ps.role : null
        const roleName = role ? o.plans?.roles.find((r) => r.id === role)?.name : undefined
        steps.push({
          id: ps.id,
          tier,
          kind: ps.kind,
          title: pick(ps.title, o.lang),
          roleName: roleName ? pick(roleName, o.lang) : null,
          look: 'waiting',
          deadline: null,
          doneAt: null,
          canAck: false,
          canComplete: false,
          reason: ps.kind === 'task' ? (o.readOnly ? 'replay' : 'notStarted') : null,
          role,
        })
      }
    }
    for (const st of started) if (!seen.has(st.id)) steps.push(stepView(st, inc, o))
    return { tier, active, activatedAt: up?.at ?? null, steps }
  })
}

function figuresView(inc: IncidentRecord, now: number | null): FigureView[] {
  const f = figuresOf(inc, now)
  return [
    { key: 'valves', ms: f.toValvesClosed.ms, targetMs: PILOT_TARGETS.valvesClosedMs, ok: f.pilot.valvesWithin3min },
    {
      key: 'fireBrigade',
      ms: f.toFireBrigadeNotified.ms,
      targetMs: PILOT_TARGETS.fireBrigadeNotifiedMs,
      ok: f.pilot.fireBrigadeWithin5min,
    },
    { key: 'parkTier', ms: f.toParkTier.ms, targetMs: null, ok: null },
    { key: 'govNotified', ms: f.toGovernmentNotified.ms, targetMs: null, ok: null },
  ]
}

export function buildIncidentView(inc: IncidentRecord, o: BuildOptions): IncidentView {
  const levelInfo = o.plans?.levels[String(inc.level) as '1' | '2' | '3']
  return {
    id: inc.id,
    title: pick(inc.title, o.lang),
    level: inc.level,
    grade: GRADE_NUMERALS[inc.grade],
    colour: inc.colour,
    levelName: levelInfo ? pick(levelInfo.name, o.lang) : '',
    tier: inc.tier,
    drill: inc.drill,
    closed: inc.status !== 'open',
    start: inc.milestones.firstAlarmAt ?? inc.milestones.openedAt,
    sourceId: inc.sourceId,
    substance: inc.substance,
    lanes: lanesOf(inc, o),
    figures: figuresView(inc, o.now),
  }
}

/** The incidents the panel shows: the open ones, newest first. */
export function incidentsToShow(
  state: { incidentOrder: string[]; incidents: Record<string, IncidentRecord> } | null,
): IncidentRecord[] {
  if (!state) return []
  const all = state.incidentOrder.map((id) => state.incidents[id])
  return all.filter((i) => i.status === 'open').reverse()
}
