/**
 * The scene file: everything the twin knows about a site that does not change by the second.
 * Positions are WGS84 [lng, lat] as a surveyor or a GIS tool writes them; heights are metres
 * above local ground. `resolveScene` turns them into local metres once, at load.
 *
 * Documented for site authors in docs/scene-format.md; keep the two in step.
 */
import { z } from 'zod'
import { MineSchema, PersonSchema } from './mineSchema'

export const SCENE_VERSION = 1

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and _ . : - only')
export const I18nText = z.object({ zh: z.string().min(1), en: z.string().min(1) })
export const LngLatSchema = z.tuple([
  z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180'),
  z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90'),
])
const ring = z.array(LngLatSchema).min(3, 'a polygon needs at least 3 corners')
const positive = z.number().positive()
const nonNeg = z.number().nonnegative()

export const EnterpriseSchema = z.object({
  id,
  name: I18nText,
  sector: z.string().optional(),
  /** Fence line of the plant area: the tenant boundary for response escalation. */
  fence: ring,
})

export const BuildingSchema = z.object({
  id,
  enterpriseId: id.nullable(),
  name: I18nText,
  use: z.enum([
    'control_room',
    'office',
    'workshop',
    'warehouse',
    'lab',
    'substation',
    'canteen',
    'fire_station',
    'gatehouse',
    'other',
  ]),
  footprint: ring,
  height_m: positive,
  /** People normally inside during a day shift (for evacuation). */
  occupancy: z.number().int().nonnegative().default(0),
})

export const TankSchema = z.object({
  id,
  enterpriseId: id,
  name: I18nText,
  position: LngLatSchema,
  diameter_m: positive,
  height_m: positive,
  /** Substance id or formula understood by the dispersion engine, e.g. "Cl2", "NH3". */
  substance: z.string().min(1),
  storage: z.enum(['atmospheric', 'pressurized', 'refrigerated']),
  capacity_kg: positive,
  inventory_kg: nonNeg,
  temperature_c: z.number().min(-200).max(400),
  pressure_kpa_g: z.number().min(-100).max(50_000).default(0),
})

export const UnitSchema = z.object({
  id,
  enterpriseId: id,
  name: I18nText,
  kind: z.enum(['reactor', 'column', 'furnace', 'compressor', 'exchanger', 'separator', 'other']),
  footprint: ring,
  height_m: positive,
  substances: z.array(z.string().min(1)).default([]),
  state: z.enum(['running', 'standby', 'shutdown']).default('running'),
})

export const PipeRackSchema = z.object({
  id,
  enterpriseId: id.nullable(),
  path: z.array(LngLatSchema).min(2, 'a pipe rack needs at least 2 points'),
  height_m: positive,
  width_m: positive.default(4),
  carries: z.array(z.string()).default([]),
})

export const ValveSchema = z.object({
  id,
  enterpriseId: id,
  name: I18nText,
  position: LngLatSchema,
  kind: z.enum(['isolation', 'esd', 'relief']),
  /** Tanks or units this valve cuts off when closed. */
  isolates: z.array(id).min(1),
  pipeRackId: id.optional(),
  state: z.enum(['open', 'closed']).default('open'),
})

export const DEVICE_TYPES = [
  'gas_combustible',
  'gas_toxic',
  'pressure',
  'temperature',
  'wind_speed',
  'wind_direction',
  'air_temperature',
  'roof_displacement',
  'air_speed',
] as const
export type DeviceType = (typeof DEVICE_TYPES)[number]

/** The one unit each device type reports in; a reading in another unit is refused at ingest. */
export const DEVICE_UNITS = {
  gas_combustible: '%LEL',
  gas_toxic: 'ppm',
  pressure: 'kPa',
  temperature: 'degC',
  wind_speed: 'm/s',
  wind_direction: 'deg',
  air_temperature: 'degC',
  roof_displacement: 'mm',
  air_speed: 'm/s',
} as const satisfies Record<DeviceType, string>

/**
 * ISA-style alarm limits. Gas detectors use high (level 1) and highHigh (level 2) — GB/T 50493
 * puts combustible level 1 at ≤ 25 %LEL and level 2 at ≤ 50 %LEL. Process transmitters use a band.
 */
export const ThresholdsSchema = z
  .object({
    lowLow: z.number().optional(),
    low: z.number().optional(),
    high: z.number().optional(),
    highHigh: z.number().optional(),
  })
  .superRefine((t, ctx) => {
    const order: (keyof typeof t)[] = ['lowLow', 'low', 'high', 'highHigh']
    let prev: { k: string; v: number } | undefined
    for (const k of order) {
      const v = t[k]
      if (v === undefined) continue
      if (prev && !(v > prev.v))
        ctx.addIssue({ code: 'custom', path: [k], message: `${k} (${v}) must be greater than ${prev.k} (${prev.v})` })
      prev = { k, v }
    }
  })

export const DeviceSchema = z.object({
  id,
  enterpriseId: id.nullable(),
  type: z.enum(DEVICE_TYPES),
  name: I18nText.optional(),
  position: LngLatSchema,
  height_m: z.number().min(-2000).max(500),
  /** Gas detectors: the target gas (id or formula). */
  substance: z.string().min(1).optional(),
  unit: z.string().min(1),
  range: z.object({ min: z.number(), max: z.number() }),
  thresholds: ThresholdsSchema.default({}),
  /** Equipment whose state this device reflects (tank, unit, pipe rack). */
  monitors: id.optional(),
  /** Nominal value in normal operation (simulator baseline, stuck-value checks). */
  nominal: z.number().optional(),
})

export const MetStationSchema = z.object({
  id,
  position: LngLatSchema,
  height_m: positive,
  windSpeedDevice: id,
  windDirectionDevice: id,
  airTemperatureDevice: id,
})

const roadFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.object({
    id,
    name: I18nText.optional(),
    class: z.enum(['arterial', 'local', 'access', 'external']),
    speed_kmh: positive.max(150),
    oneway: z.boolean().default(false),
  }),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(LngLatSchema).min(2) }),
})
/** Roads as a GeoJSON FeatureCollection of LineStrings; lines that share an end point connect. */
export const RoadsSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(roadFeature).min(1) })

export const PlaceSchema = z.object({ id, name: I18nText, position: LngLatSchema })

export const SensitiveTargetSchema = z.object({
  id,
  name: I18nText,
  kind: z.enum(['school', 'village', 'hospital', 'residential', 'nursing_home', 'water_intake', 'other']),
  position: LngLatSchema,
  footprint: ring.optional(),
  population: z.number().int().nonnegative(),
})

export const ZoneSchema = z.object({
  id,
  name: I18nText,
  kind: z.enum(['restricted', 'hazardous', 'working_face', 'production', 'office']),
  enterpriseId: id.nullable().default(null),
  polygon: ring,
  /** Seconds a person may stay before an overstay alarm (none if absent). */
  maxStay_s: positive.optional(),
})

export const UwbAnchorSchema = z.object({ id, position: LngLatSchema, height_m: z.number() })

export const SceneSchema = z.object({
  version: z.literal(SCENE_VERSION),
  id,
  kind: z.enum(['park', 'mine']),
  name: I18nText,
  origin: z.object({
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    alt_m: z.number().default(0),
  }),
  timezone: z.string().default('Asia/Shanghai'),
  boundary: ring,
  enterprises: z.array(EnterpriseSchema).default([]),
  buildings: z.array(BuildingSchema).default([]),
  tanks: z.array(TankSchema).default([]),
  units: z.array(UnitSchema).default([]),
  pipeRacks: z.array(PipeRackSchema).default([]),
  valves: z.array(ValveSchema).default([]),
  devices: z.array(DeviceSchema).min(1, 'a scene needs at least one device'),
  metStation: MetStationSchema,
  roads: RoadsSchema,
  gates: z.array(PlaceSchema).default([]),
  musterPoints: z.array(PlaceSchema.extend({ capacity: z.number().int().positive() })).default([]),
  fireStations: z.array(PlaceSchema.extend({ tier: z.enum(['enterprise', 'park', 'government']) })).default([]),
  sensitiveTargets: z.array(SensitiveTargetSchema).default([]),
  zones: z.array(ZoneSchema).default([]),
  uwbAnchors: z.array(UwbAnchorSchema).default([]),
  /** Underground roadways, working faces and refuge chambers (kind 'mine'); see mineSchema.ts. */
  mine: MineSchema.optional(),
  /** People who wear UWB tags (mines and parks). */
  personnel: z.array(PersonSchema).default([]),
})

export type Scene = z.infer<typeof SceneSchema>
export type Device = z.infer<typeof DeviceSchema>
export type Tank = z.infer<typeof TankSchema>
export type Enterprise = z.infer<typeof EnterpriseSchema>
export type Thresholds = z.infer<typeof ThresholdsSchema>
