/**
 * The underground part of a mine scene, and the people who carry UWB tags (mines and parks).
 *
 * Coordinates follow the rest of the scene: WGS84 [lng, lat] in plan, plus a third number for
 * height. That height is metres relative to the scene datum (`origin.alt_m`), the same meaning
 * `devices[].height_m` and `uwbAnchors[].height_m` have, so underground points are negative
 * (−380 = 380 m below the datum) and `toLocal(origin, [lng, lat]).e/n` with this value as `u`
 * gives local east/north/up directly. Absolute elevation above sea level = origin.alt_m + value.
 *
 * Documented for site authors in docs/people.md ("Mine scene format").
 */
import { z } from 'zod'

// Own copies of the small shared pieces: sceneSchema.ts imports this file, and importing it back
// would be a cycle in which these are still undefined when this module runs.
const I18nText = z.object({ zh: z.string().min(1), en: z.string().min(1) })

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and _ . : - only')
const positive = z.number().positive()

/** [lng, lat, height_m] with height relative to the scene datum (negative underground). */
export const LngLatHeightSchema = z.tuple([
  z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180'),
  z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90'),
  z.number().min(-3000).max(3000),
])

export const ROADWAY_KINDS = ['shaft', 'adit', 'main', 'panel', 'crosscut', 'face', 'refuge_access'] as const
export type RoadwayKind = (typeof ROADWAY_KINDS)[number]

export const RoadwaySchema = z.object({
  id,
  name: I18nText,
  kind: z.enum(ROADWAY_KINDS),
  /**
   * Centre line, at least two points. Roadways join where their vertices coincide (within 1 cm),
   * which is how the routing graph and the UWB tracker's roadway constraint see junctions.
   */
  centreLine: z.array(LngLatHeightSchema).min(2, 'a roadway centre line needs at least 2 points'),
  /** Clear cross-section (for shafts and circle sections: width = diameter). */
  width_m: positive.max(30),
  height_m: positive.max(30),
  shape: z.enum(['arch', 'rect', 'circle']).default('arch'),
  /**
   * Air flow along the centre line: direction +1 = from the first point towards the last, −1 the
   * reverse; nominal mean air speed (m/s). Absent for roadways without through-ventilation
   * (dead ends ventilated by a duct, sealed roadways).
   */
  ventilation: z
    .object({
      direction: z.union([z.literal(1), z.literal(-1)]),
      airSpeed_mps: z.number().nonnegative().max(20),
      role: z.enum(['intake', 'return', 'auxiliary']).default('intake'),
    })
    .optional(),
  /**
   * Static geological hazard of this roadway, 0 (benign) … 1 (fault zone, goaf edge, soft roof,
   * water inrush risk): the geology input of the red/yellow/blue risk map.
   */
  geologyRisk: z.number().min(0).max(1).default(0),
  /** Sealed (密闭) roadways are drawn but nobody should be inside. */
  sealed: z.boolean().default(false),
})

export const WorkingFaceSchema = z.object({
  id,
  name: I18nText,
  /** Longwall (综采) face or a development heading (掘进工作面). */
  kind: z.enum(['longwall', 'heading']),
  /** The roadway whose centre line is the face line (longwall) or the heading being driven. */
  roadwayId: id,
  /** Gateroads serving the face (haulage/intake first, then return). */
  gateRoadwayIds: z.array(id).default([]),
  /** Zone that encloses the face (kind working_face), for counts and overstay. */
  zoneId: id.optional(),
  seam: z.string().optional(),
  /** Mining height (longwall) or section height (heading), m. */
  miningHeight_m: positive.max(20).optional(),
  /** Daily advance, m/day. */
  advance_m_per_day: z.number().nonnegative().max(50).optional(),
})

export const RefugeChamberSchema = z.object({
  id,
  name: I18nText,
  position: LngLatHeightSchema,
  /** People it can shelter for its rated duration (≥ 96 h for a permanent chamber). */
  capacity: z.number().int().positive(),
  kind: z.enum(['permanent', 'temporary']).default('permanent'),
  /** The roadway it opens onto (usually a refuge_access stub). */
  roadwayId: id,
  /** Zone around it: a rest area for the man-down alarm and the place counted at a muster. */
  zoneId: id.optional(),
})

export const MineSchema = z.object({
  /** Coal seam(s) worked, e.g. "4#". */
  seams: z
    .array(z.object({ name: z.string().min(1), thickness_m: positive.max(50), depth_m: positive.max(3000) }))
    .default([]),
  roadways: z.array(RoadwaySchema).min(1, 'a mine needs at least one roadway'),
  workingFaces: z.array(WorkingFaceSchema).default([]),
  refugeChambers: z.array(RefugeChamberSchema).default([]),
})

export const PERSON_ROLES = [
  'shift_leader',
  'team_leader',
  'shearer_operator',
  'support_worker',
  'conveyor_operator',
  'roadheader_operator',
  'bolter',
  'gas_inspector',
  'safety_inspector',
  'electrician',
  'mechanic',
  'transport_driver',
  'hooker',
  'ventilation_worker',
  'pump_operator',
  'surveyor',
  'process_operator',
  'maintenance',
  'lab_technician',
  'security',
  'engineer',
  'contractor',
  'visitor',
] as const
export type PersonRole = (typeof PERSON_ROLES)[number]

/** Labels for the client (selection card, lists). */
export const PERSON_ROLE_LABELS: Record<PersonRole, { zh: string; en: string }> = {
  shift_leader: { zh: '带班领导', en: 'Shift leader' },
  team_leader: { zh: '班组长', en: 'Team leader' },
  shearer_operator: { zh: '采煤机司机', en: 'Shearer operator' },
  support_worker: { zh: '支架工', en: 'Support worker' },
  conveyor_operator: { zh: '输送机司机', en: 'Conveyor operator' },
  roadheader_operator: { zh: '掘进机司机', en: 'Roadheader operator' },
  bolter: { zh: '锚杆支护工', en: 'Roof bolter' },
  gas_inspector: { zh: '瓦斯检查工', en: 'Gas inspector' },
  safety_inspector: { zh: '安全检查工', en: 'Safety inspector' },
  electrician: { zh: '电工', en: 'Electrician' },
  mechanic: { zh: '机电维修工', en: 'Mechanic' },
  transport_driver: { zh: '辅助运输司机', en: 'Transport driver' },
  hooker: { zh: '把钩工', en: 'Onsetter' },
  ventilation_worker: { zh: '通风工', en: 'Ventilation worker' },
  pump_operator: { zh: '水泵司机', en: 'Pump operator' },
  surveyor: { zh: '测量工', en: 'Surveyor' },
  process_operator: { zh: '装置操作工', en: 'Process operator' },
  maintenance: { zh: '设备维修工', en: 'Maintenance technician' },
  lab_technician: { zh: '化验员', en: 'Lab technician' },
  security: { zh: '安保人员', en: 'Security guard' },
  engineer: { zh: '工程师', en: 'Engineer' },
  contractor: { zh: '承包商人员', en: 'Contractor' },
  visitor: { zh: '访客', en: 'Visitor' },
}

export const PersonSchema = z.object({
  id,
  name: I18nText,
  role: z.enum(PERSON_ROLES),
  /** UWB tag worn by the person: the `tag` of range epochs and fixes. Unique in a scene. */
  tagId: z.string().min(1).max(64),
  enterpriseId: id.optional(),
  /** Crew or shift team, free text (e.g. "综采一队"). */
  team: z.string().optional(),
  /** The zone the person normally works in (the simulator starts them there). */
  workZoneId: id.optional(),
})

export type LngLatHeight = z.infer<typeof LngLatHeightSchema>
export type Roadway = z.infer<typeof RoadwaySchema>
export type WorkingFace = z.infer<typeof WorkingFaceSchema>
export type RefugeChamber = z.infer<typeof RefugeChamberSchema>
export type Mine = z.infer<typeof MineSchema>
export type Person = z.infer<typeof PersonSchema>
