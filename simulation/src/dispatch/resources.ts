/**
 * The resource registry: who can be sent, per tier of the three-tier response (企业-园区-政府).
 * Data, not code: `scenes/<site>/resources.json` validated by `ResourcesFileSchema`. A resource's
 * live status is not in the file; it starts at `status` and changes only through events whose
 * transitions `checkTransition` accepts, so the log can never hold an impossible history.
 */
import { z } from 'zod'
import { toLocal, type LngLat } from '../geo/frames'
import { I18nText, LngLatSchema, type Scene } from '../scene/sceneSchema'

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and _ . : - only')

export const TIERS = ['enterprise', 'park', 'government'] as const
export type Tier = (typeof TIERS)[number]

export const RESOURCE_TYPES = [
  'emergency_team',
  'engine',
  'foam_tender',
  'hazmat',
  'rescue',
  'aerial',
  'ambulance',
  'medical_team',
  'police',
  'env_monitoring',
  'command',
] as const
export type ResourceType = (typeof RESOURCE_TYPES)[number]

export const RESOURCE_STATUSES = [
  'available',
  'dispatched',
  'en_route',
  'on_scene',
  'returning',
  'out_of_service',
] as const
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number]

export const ResourceSchema = z.object({
  id,
  tier: z.enum(TIERS),
  /** Owning organisation: an enterprise id of the scene, or a park/government body's id. */
  owner: id,
  ownerName: I18nText.optional(),
  name: I18nText,
  type: z.enum(RESOURCE_TYPES),
  /**
   * What it can do, matched against an incident's needs ({ engine: 2, hazmat: 1 }). The type
   * always counts as a capability; list extra roles a unit can fill (a foam tender is an 'engine').
   */
  capabilities: z.array(z.string().min(1)).default([]),
  crew: z.number().int().nonnegative(),
  /** Where it waits: a scene place id (fire station, gate, muster point, building, sensitive target) or a position. */
  base: z.union([z.object({ place: id }), z.object({ position: LngLatSchema })]),
  status: z.enum(RESOURCE_STATUSES).default('available'),
  /** Free text for the commander: equipment, water/foam capacity, call sign. */
  notes: z.string().optional(),
})
export type Resource = z.infer<typeof ResourceSchema>

export const ResourcesFileSchema = z
  .object({
    version: z.literal(1),
    sceneId: id,
    resources: z.array(ResourceSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>()
    f.resources.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['resources', i, 'id'], message: `duplicate id ${r.id}` })
      seen.add(r.id)
    })
  })
export type ResourcesFile = z.infer<typeof ResourcesFileSchema>

/** Validate a resources file; errors name the path. Pass the scene to check base places exist. */
export function parseResources(
  raw: unknown,
  scene?: Scene,
): { ok: true; value: ResourcesFile } | { ok: false; errors: string[] } {
  const r = ResourcesFileSchema.safeParse(raw)
  if (!r.success)
    return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) }
  if (scene) {
    const errors: string[] = []
    if (r.data.sceneId !== scene.id) errors.push(`sceneId: ${r.data.sceneId} is not the scene ${scene.id}`)
    r.data.resources.forEach((res, i) => {
      if ('place' in res.base && !placePosition(scene, res.base.place))
        errors.push(`resources.${i}.base.place: no place ${res.base.place} in the scene`)
    })
    if (errors.length) return { ok: false, errors }
  }
  return { ok: true, value: r.data }
}

/** Position of a scene place by id: gates, fire stations, muster points, sensitive targets, buildings (centroid). */
export function placePosition(scene: Scene, placeId: string): LngLat | null {
  for (const list of [scene.fireStations, scene.gates, scene.musterPoints, scene.sensitiveTargets])
    for (const p of list as readonly { id: string; position: LngLat }[]) if (p.id === placeId) return p.position
  const b = scene.buildings.find((x) => x.id === placeId)
  if (b) {
    let lng = 0,
      lat = 0
    for (const p of b.footprint) {
      lng += p[0]
      lat += p[1]
    }
    return [lng / b.footprint.length, lat / b.footprint.length]
  }
  return null
}

/** A resource's base in lon/lat and scene-local metres. */
export function resourceBase(
  scene: Scene,
  r: Resource,
): { lngLat: LngLat; e: number; n: number; place: string | null } {
  const lngLat = 'place' in r.base ? placePosition(scene, r.base.place) : r.base.position
  if (!lngLat) throw new Error(`resource ${r.id}: base place ${'place' in r.base ? r.base.place : ''} not in the scene`)
  const l = toLocal(scene.origin, lngLat)
  return { lngLat, e: l.e, n: l.n, place: 'place' in r.base ? r.base.place : null }
}

export function hasCapability(r: { type: string; capabilities: readonly string[] }, role: string): boolean {
  return r.type === role || r.capabilities.includes(role)
}

/**
 * The status machine. Re-tasking (to 'dispatched' from en route, on scene or returning) is allowed:
 * commanders redirect units between incidents. 'available' is reached only by returning home or
 * by cancelling a dispatch before the unit has moved, or from out of service after repair.
 */
export const TRANSITIONS: Readonly<Record<ResourceStatus, readonly ResourceStatus[]>> = {
  available: ['dispatched', 'out_of_service'],
  dispatched: ['en_route', 'available', 'out_of_service'],
  en_route: ['on_scene', 'returning', 'dispatched', 'out_of_service'],
  on_scene: ['returning', 'dispatched', 'out_of_service'],
  returning: ['available', 'dispatched', 'out_of_service'],
  out_of_service: ['available'],
}

/** null when `from → to` is legal, otherwise the reason in words. */
export function checkTransition(from: ResourceStatus, to: ResourceStatus): string | null {
  if (!RESOURCE_STATUSES.includes(to)) return `unknown status '${to}'`
  if (!RESOURCE_STATUSES.includes(from)) return `unknown status '${from}'`
  if (from === to) return `already ${to}`
  if (TRANSITIONS[from].includes(to)) return null
  return `illegal transition ${from} → ${to} (from ${from} only ${TRANSITIONS[from].join(', ')})`
}

/** Who may edit a resource: its own tier; an enterprise only its own units. */
export function checkEditRight(
  actor: { tier: Tier; org: string },
  r: Pick<Resource, 'tier' | 'owner' | 'id'>,
): string | null {
  if (actor.tier !== r.tier) return `${r.id} belongs to the ${r.tier} tier; a ${actor.tier} user cannot edit it`
  if (r.tier === 'enterprise' && actor.org !== r.owner) return `${r.id} belongs to ${r.owner}, not ${actor.org}`
  return null
}

/** Fields the owning tier may change on a resource (status goes through the status machine). */
export const ResourcePatchSchema = ResourceSchema.pick({
  name: true,
  capabilities: true,
  crew: true,
  base: true,
  notes: true,
}).partial()
export type ResourcePatch = z.infer<typeof ResourcePatchSchema>
