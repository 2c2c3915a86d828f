/**
 * Drill scenario files (scenes/<site>/drills/*.json): a scripted leak, weather, device faults,
 * people's movements and — for headless runs — the participants' actions, all at offsets in
 * seconds from the drill start. Validated like scenes; errors name the field.
 */
import { z } from 'zod'

const at_s = z
  .number()
  .min(0)
  .max(7 * 24 * 3600)
const text = z.object({ zh: z.string().min(1), en: z.string().min(1) })
const stability = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
)

export const DRILL_SCENARIO_VERSION = 1

export const DrillScenarioSchema = z
  .object({
    version: z.literal(DRILL_SCENARIO_VERSION),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids use letters, digits and _ . - only'),
    scene: z.string().min(1),
    name: text,
    description: text.optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    /** Simulated start time (ISO 8601, UTC). */
    start: z.iso.datetime({ offset: true }),
    duration_s: z
      .number()
      .positive()
      .max(24 * 3600),
    weather: z
      .array(
        z
          .object({
            at_s,
            wind_speed_m_s: z.number().min(0).max(60),
            wind_from_deg: z.number().min(0).max(360),
            air_temp_c: z.number().min(-50).max(60),
            stability: stability.optional(),
          })
          .strict(),
      )
      .default([]),
    leaks: z
      .array(
        z
          .object({
            at_s,
            id: z.string().min(1).max(64).optional(),
            sourceId: z.string().min(1).optional(),
            e: z.number().optional(),
            n: z.number().optional(),
            substance: z.string().min(1).optional(),
            rate_kg_s: z.number().positive().max(10_000),
            height_m: z.number().min(0).max(200).optional(),
            stop_at_s: at_s.optional(),
          })
          .strict()
          .refine((l) => l.sourceId !== undefined || (l.e !== undefined && l.n !== undefined), {
            message: 'a leak needs sourceId, or e and n',
          }),
      )
      .default([]),
    faults: z
      .array(
        z
          .object({
            at_s,
            device: z.string().min(1),
            kind: z.enum(['offline', 'stuck', 'spike']),
            duration_s: z.number().positive().max(86_400),
            value: z.number().optional(),
          })
          .strict(),
      )
      .default([]),
    /** Scripted participant actions (headless runs stand in for the people in the room). */
    actions: z
      .array(
        z
          .object({
            at_s,
            by: z.string().min(1).max(64),
            action: z.enum([
              'acknowledge_alarms',
              'stop_leak',
              'acknowledge_step',
              'complete_step',
              'dispatch_recommended',
            ]),
            /** For alarms: minimum severity to acknowledge ('red' acknowledges only red …). */
            severity: z.enum(['red', 'orange', 'yellow', 'blue']).optional(),
            step: z.string().optional(),
            /** The participant's role in the response plan (for step actions), e.g. "ent.commander". */
            role: z.string().optional(),
            /** Incident for step actions; default: the first open incident. */
            incident: z.string().optional(),
            leak: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()

export type DrillScenario = z.infer<typeof DrillScenarioSchema>

export function parseDrillScenario(
  raw: unknown,
): { ok: true; scenario: DrillScenario } | { ok: false; errors: string[] } {
  const r = DrillScenarioSchema.safeParse(raw)
  if (r.success) return { ok: true, scenario: r.data }
  return {
    ok: false,
    errors: r.error.issues.map(
      (i) =>
        `${
          i.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(root)'
        }: ${i.message}`,
    ),
  }
}

/** Cross-checks against the scene: every named tank, unit and device exists. */
export function checkScenarioAgainstScene(
  s: DrillScenario,
  scene: { id: string; tanks: { id: string }[]; units: { id: string }[]; devices: { id: string }[] },
): string[] {
  const errors: string[] = []
  if (s.scene !== scene.id) errors.push(`scene: scenario is for "${s.scene}", not "${scene.id}"`)
  const equipment = new Set([...scene.tanks.map((t) => t.id), ...scene.units.map((u) => u.id)])
  const devices = new Set(scene.devices.map((d) => d.id))
  s.leaks.forEach((l, i) => {
    if (l.sourceId && !equipment.has(l.sourceId))
      errors.push(`leaks[${i}].sourceId: no tank or unit "${l.sourceId}" in ${scene.id}`)
    if (l.stop_at_s !== undefined && l.stop_at_s <= l.at_s) errors.push(`leaks[${i}].stop_at_s: must be after at_s`)
  })
  s.faults.forEach((f, i) => {
    if (!devices.has(f.device)) errors.push(`faults[${i}].device: no device "${f.device}" in ${scene.id}`)
  })
  for (const k of ['weather', 'leaks', 'faults', 'actions'] as const)
    (s[k] as { at_s: number }[]).forEach((x, i) => {
      if (x.at_s > s.duration_s)
        errors.push(`${k}[${i}].at_s: ${x.at_s} is after the end of the drill (${s.duration_s} s)`)
    })
  return errors
}
