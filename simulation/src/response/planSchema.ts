/**
 * Response plans as data: one file per scene, `scenes/<site>/plans.json`, validated like the scene
 * (shape by zod, references by `validatePlans` against the scene). Site safety officers edit the
 * plans; the machine (machine.ts) only interprets them, so changing who is told, by which channel
 * and with which deadline never needs a release.
 *
 * Documented for plan authors in docs/response.md; keep the two in step.
 */
import { z } from 'zod'
import { I18nText, type Scene } from '../scene/sceneSchema'
import { formatPath } from '../scene/parseScene'
import { pointInRing } from '../scene/resolveScene'
import { ringToLocal, toLocal } from '../geo/frames'

export const PLAN_VERSION = 1

export const TIERS = ['enterprise', 'park', 'government'] as const
export type Tier = (typeof TIERS)[number]
export const tierRank = (t: Tier): number => TIERS.indexOf(t)
export const tierAbove = (t: Tier): Tier | null => TIERS[tierRank(t) + 1] ?? null
export const maxTier = (a: Tier, b: Tier): Tier => (tierRank(a) >= tierRank(b) ? a : b)

export const INCIDENT_TYPES = ['gas_leak_toxic', 'gas_leak_flammable', 'fire_explosion', 'equipment_anomaly'] as const
export type IncidentType = (typeof INCIDENT_TYPES)[number]

/** The customer's handbook levels: 1 explosion precursor, 2 gas over limit, 3 equipment anomaly. */
export const LEVELS = [1, 2, 3] as const
export type IncidentLevel = (typeof LEVELS)[number]

/** National emergency response grades (国家突发事件应急响应级别), Ⅰ the most severe. */
export const GRADES = ['I', 'II', 'III', 'IV'] as const
export type Grade = (typeof GRADES)[number]
export const GRADE_NUMERALS: Record<Grade, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' }
export type Colour = 'red' | 'orange' | 'yellow' | 'blue'

export const ACTIONS = [
  'close_isolation_valves',
  'open_valves',
  'shutdown_unit',
  'start_unit',
  'start_water_curtain',
  'stop_water_curtain',
] as const
export type ActionKind = (typeof ACTIONS)[number]

export const CHANNELS = ['in_app', 'webhook', 'sms', 'phone'] as const
export type Channel = (typeof CHANNELS)[number]

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and _ . : - only')
const tier = z.enum(TIERS)
const ms = z.number().int().nonnegative()
const level = z.union([z.literal(1), z.literal(2), z.literal(3)])

export const RoleSchema = z.object({
  id,
  tier,
  name: I18nText,
  /** A commander may acknowledge and complete any task of their tier (covering for an absent role). */
  commander: z.boolean().default(false),
})

/**
 * Who receives a notification. `role` and `tier` reach people on the tier's screens (and the
 * tier's webhook); `fire_brigade` reaches fire stations of the scene: a named one, or those of a
 * tier (`enterprise` = the plant's own brigade, a station inside the incident enterprise's fence).
 */
export const RecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: id }),
  z.object({ kind: z.literal('tier'), tier }),
  z.object({ kind: z.literal('fire_brigade'), tier: tier.optional(), stationId: id.optional() }),
])
export type Recipient = z.infer<typeof RecipientSchema>

/**
 * Which equipment an automatic action acts on, resolved when it runs:
 *  - `source`: the incident's source equipment (valves isolating it, or the unit itself);
 *  - `source_substance_units`: running units of the source enterprise that handle the leaked substance;
 *  - `enterprise_units`: every running unit of the source enterprise (total plant shutdown);
 *  - explicit `ids` (validated against the scene).
 */
export const TargetSchema = z.union([
  z.enum(['source', 'source_substance_units', 'enterprise_units']),
  z.object({ ids: z.array(id).min(1) }),
])
export type Target = z.infer<typeof TargetSchema>

const stepBase = {
  id,
  title: I18nText,
  /** Delay after the tier is activated before the step starts; 0 = at once (it becomes a timer otherwise). */
  afterMs: ms.default(0),
}

export const ActionStepSchema = z.object({
  ...stepBase,
  kind: z.literal('action'),
  action: z.enum(ACTIONS),
  target: TargetSchema,
})

export const NotifyStepSchema = z.object({
  ...stepBase,
  kind: z.literal('notify'),
  to: z.array(RecipientSchema).min(1),
  channels: z.array(z.enum(CHANNELS)).min(1),
  message: I18nText,
})

export const TaskStepSchema = z
  .object({
    ...stepBase,
    kind: z.literal('task'),
    /** The role that must acknowledge and complete it (or a commander of the same tier). */
    role: id,
    /** Acknowledge ("I have it") before this many ms after the step starts. */
    ackWithinMs: ms.positive().optional(),
    /** Complete before this many ms after the step starts (e.g. Level 2: plan started within 30 min). */
    completeWithinMs: ms.positive().optional(),
    /** Reminders to the role, in ms before the first outstanding deadline. */
    remindBeforeMs: z.array(ms.positive()).default([]),
    /** What a missed deadline does: raise the incident to the next tier, remind again, or only record it. */
    onMissed: z.enum(['escalate', 'remind', 'record']).default('escalate'),
  })
  .refine(
    (s) => s.ackWithinMs === undefined || s.completeWithinMs === undefined || s.ackWithinMs <= s.completeWithinMs,
    {
      message: 'ackWithinMs must not be later than completeWithinMs',
    },
  )

export const StepSchema = z.union([ActionStepSchema, NotifyStepSchema, TaskStepSchema])
export type ActionStep = z.infer<typeof ActionStepSchema>
export type NotifyStep = z.infer<typeof NotifyStepSchema>
export type TaskStep = z.infer<typeof TaskStepSchema>
export type Step = z.infer<typeof StepSchema>

export const PlanSchema = z.object({
  id,
  incidentType: z.enum(INCIDENT_TYPES),
  level,
  name: I18nText,
  /** Steps per tier, started when that tier becomes active. */
  tiers: z.object({
    enterprise: z.array(StepSchema).default([]),
    park: z.array(StepSchema).default([]),
    government: z.array(StepSchema).default([]),
  }),
})
export type Plan = z.infer<typeof PlanSchema>

/** An alarm that opens an incident by itself (the customer's "major risk triggers the flow automatically"). */
export const TriggerSchema = z.object({
  id,
  deviceTypes: z.array(z.string().min(1)).min(1),
  severities: z.array(z.enum(['red', 'orange', 'yellow', 'blue'])).min(1),
  /** Alarm conditions that count; the default leaves out instrument faults (range, stuck, offline). */
  conditions: z.array(z.enum(['high', 'low', 'rate', 'range', 'stuck', 'offline'])).default(['high', 'low', 'rate']),
  incidentType: z.enum(INCIDENT_TYPES),
  level,
})
export type Trigger = z.infer<typeof TriggerSchema>

/** Escalation conditions other than a missed deadline (that one lives on each task: `onMissed`). */
export const EscalationWhenSchema = z.discriminatedUnion('kind', [
  /** The zone of a level of concern (from plume.zones_updated) reaches beyond the fence / boundary, or a sensitive target. */
  z.object({
    kind: z.literal('plume'),
    zone: z.enum(['aegl2', 'aegl3']),
    reaches: z.enum(['outside_fence', 'outside_boundary', 'sensitive_target']),
  }),
  /** The incident is at this handbook level or more severe (1 is the most severe). */
  z.object({ kind: z.literal('level'), atMost: level }),
])
export type EscalationWhen = z.infer<typeof EscalationWhenSchema>

export const EscalationRuleSchema = z.object({ id, when: EscalationWhenSchema, activate: tier })
export type EscalationRule = z.infer<typeof EscalationRuleSchema>

export const LevelInfoSchema = z.object({
  grade: z.enum(GRADES),
  colour: z.enum(['red', 'orange', 'yellow', 'blue']),
  name: I18nText,
})

export const PlanSetSchema = z.object({
  version: z.literal(PLAN_VERSION),
  sceneId: id,
  /** Handbook level → national response grade and colour. */
  levels: z.object({ '1': LevelInfoSchema, '2': LevelInfoSchema, '3': LevelInfoSchema }),
  roles: z.array(RoleSchema).min(1),
  triggers: z.array(TriggerSchema).default([]),
  escalation: z.array(EscalationRuleSchema).default([]),
  plans: z.array(PlanSchema).min(1),
})
export type PlanSet = z.infer<typeof PlanSetSchema>
export type Role = z.infer<typeof RoleSchema>

export type ParsePlansResult = { ok: true; plans: PlanSet } | { ok: false; errors: string[] }

/**
 * Shape, then internal references, then (with a scene) references into the scene. Every problem
 * comes back with its path, like scenes.
 */
export function parsePlans(raw: unknown, scene?: Scene): ParsePlansResult {
  const version = (raw as { version?: unknown } | null)?.version
  if (typeof version === 'number' && version > PLAN_VERSION)
    return {
      ok: false,
      errors: [`version: plans format ${version} is newer than this build understands (${PLAN_VERSION})`],
    }
  const r = PlanSetSchema.safeParse(raw)
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) }
  const errors = validatePlans(r.data, scene)
  return errors.length ? { ok: false, errors } : { ok: true, plans: r.data }
}

export function parsePlansOrThrow(raw: unknown, where: string, scene?: Scene): PlanSet {
  const r = parsePlans(raw, scene)
  if (!r.ok) throw new Error(`${where}: invalid response plans:\n  ${r.errors.join('\n  ')}`)
  return r.plans
}

/** The plan for an incident type and level, or undefined. */
export function findPlan(plans: PlanSet, type: IncidentType, lvl: IncidentLevel): Plan | undefined {
  return plans.plans.find((p) => p.incidentType === type && p.level === lvl)
}

/** Cross-checks a schema cannot do: roles, step ids, tiers, and (with a scene) equipment and stations. */
export function validatePlans(p: PlanSet, scene?: Scene): string[] {
  const errors: string[] = []
  const roles = new Map<string, Role>()
  p.roles.forEach((r, i) => {
    if (roles.has(r.id)) errors.push(`roles[${i}].id: duplicate role "${r.id}"`)
    roles.set(r.id, r)
  })
  for (const tr of TIERS) {
    if (!p.roles.some((r) => r.tier === tr)) errors.push(`roles: no role for the ${tr} tier`)
  }
  const keys = new Set<string>()
  const planIds = new Set<string>()
  const sceneIds = scene ? sceneIdSet(scene) : null
  p.plans.forEach((plan, pi) => {
    const at = `plans[${pi}]`
    if (planIds.has(plan.id)) errors.push(`${at}.id: duplicate plan id "${plan.id}"`)
    planIds.add(plan.id)
    const key = `${plan.incidentType}/${plan.level}`
    if (keys.has(key)) errors.push(`${at}: a second plan for ${plan.incidentType} level ${plan.level}`)
    keys.add(key)
    const stepIds = new Set<string>()
    for (const tr of TIERS) {
      plan.tiers[tr].forEach((s, si) => {
        const sp = `${at}.tiers.${tr}[${si}]`
        if (stepIds.has(s.id)) errors.push(`${sp}.id: duplicate step id "${s.id}" in plan ${plan.id}`)
        stepIds.add(s.id)
        if (s.kind === 'task') {
          const role = roles.get(s.role)
          if (!role) errors.push(`${sp}.role: unknown role "${s.role}"`)
          else if (role.tier !== tr)
            errors.push(`${sp}.role: role "${s.role}" belongs to the ${role.tier} tier, not ${tr}`)
          if (s.ackWithinMs === undefined && s.completeWithinMs === undefined && s.remindBeforeMs.length)
            errors.push(`${sp}.remindBeforeMs: reminders need a deadline`)
          if (s.onMissed === 'escalate' && tr === 'government' && (s.ackWithinMs || s.completeWithinMs))
            errors.push(`${sp}.onMissed: the government tier has no tier above it; use "remind" or "record"`)
        }
        if (s.kind === 'notify') {
          s.to.forEach((r, ri) => {
            if (r.kind === 'role' && !roles.has(r.role)) errors.push(`${sp}.to[${ri}].role: unknown role "${r.role}"`)
            if (r.kind === 'fire_brigade' && !r.tier && !r.stationId)
              errors.push(`${sp}.to[${ri}]: a fire_brigade recipient needs a tier or a stationId`)
            if (r.kind === 'fire_brigade' && scene) {
              if (r.stationId && !scene.fireStations.some((f) => f.id === r.stationId))
                errors.push(`${sp}.to[${ri}].stationId: no fire station "${r.stationId}" in scene ${scene.id}`)
              if (r.tier && r.tier !== 'enterprise' && !scene.fireStations.some((f) => f.tier === r.tier))
                errors.push(`${sp}.to[${ri}].tier: scene ${scene.id} has no ${r.tier}-tier fire station`)
            }
          })
        }
        if (s.kind === 'action' && typeof s.target === 'object' && sceneIds) {
          s.target.ids.forEach((tid, ti) => {
            if (!sceneIds.has(tid)) errors.push(`${sp}.target.ids[${ti}]: no equipment "${tid}" in scene ${scene!.id}`)
          })
        }
      })
    }
  })
  p.triggers.forEach((t, i) => {
    if (!keys.has(`${t.incidentType}/${t.level}`))
      errors.push(`triggers[${i}]: no plan for ${t.incidentType} level ${t.level}`)
    if (scene)
      t.deviceTypes.forEach((dt, di) => {
        if (!scene.devices.some((d) => d.type === dt))
          errors.push(`triggers[${i}].deviceTypes[${di}]: no "${dt}" device in scene ${scene.id}`)
      })
  })
  if (!p.escalation.some((e) => e.when.kind === 'level' && e.when.atMost === 1 && e.activate === 'government'))
    errors.push(
      'escalation: the handbook requires level 1 to reach the government tier at once (a rule { kind: "level", atMost: 1 } → government)',
    )
  if (scene) {
    if (p.sceneId !== scene.id) errors.push(`sceneId: plans are for "${p.sceneId}", the scene is "${scene.id}"`)
    // The machine closes "the isolation valves around the leak source": equipment without one cannot be isolated.
    const isolated = new Set(scene.valves.filter((v) => v.kind !== 'relief').flatMap((v) => v.isolates))
    const usesValves = p.plans.some((pl) =>
      TIERS.some((tr) => pl.tiers[tr].some((s) => s.kind === 'action' && s.action === 'close_isolation_valves')),
    )
    if (usesValves)
      for (const eq of [...scene.tanks, ...scene.units])
        if (!isolated.has(eq.id))
          errors.push(
            `scene ${scene.id}: ${eq.id} has no isolation or ESD valve, so close_isolation_valves cannot act on it`,
          )
    const needsOwnBrigade = p.plans.some((pl) =>
      TIERS.some((tr) =>
        pl.tiers[tr].some(
          (s) => s.kind === 'notify' && s.to.some((r) => r.kind === 'fire_brigade' && r.tier === 'enterprise'),
        ),
      ),
    )
    // An enterprise-tier brigade recipient falls back to the park's station when the plant has none.
    if (needsOwnBrigade && !scene.fireStations.some((f) => f.tier === 'park'))
      errors.push(`scene ${scene.id}: fire_brigade tier "enterprise" needs a park-tier station to fall back to`)
  }
  return errors
}

function sceneIdSet(scene: Scene): Set<string> {
  return new Set([...scene.tanks, ...scene.units, ...scene.valves, ...scene.pipeRacks].map((x) => x.id))
}

/** Fire stations a recipient resolves to for an incident in `enterpriseId` (sorted by id for determinism). */
export function resolveFireStations(
  scene: Scene,
  r: Extract<Recipient, { kind: 'fire_brigade' }>,
  enterpriseId: string | null,
): { id: string; tier: Tier }[] {
  if (r.stationId) {
    const f = scene.fireStations.find((s) => s.id === r.stationId)
    return f ? [{ id: f.id, tier: f.tier }] : []
  }
  if (r.tier === 'enterprise') {
    const ent = scene.enterprises.find((e) => e.id === enterpriseId)
    if (ent) {
      const ring = ringToLocal(scene.origin, ent.fence)
      const own = scene.fireStations.filter((f) => {
        if (f.tier !== 'enterprise') return false
        const p = toLocal(scene.origin, f.position)
        return pointInRing(ring, p.e, p.n)
      })
      if (own.length) return own.map((f) => ({ id: f.id, tier: f.tier })).sort((a, b) => (a.id < b.id ? -1 : 1))
    }
    // No plant brigade: the park's station is the first responder (documented in docs/response.md).
    return scene.fireStations.filter((f) => f.tier === 'park').map((f) => ({ id: f.id, tier: f.tier }))
  }
  return scene.fireStations
    .filter((f) => f.tier === r.tier)
    .map((f) => ({ id: f.id, tier: f.tier }))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
}
