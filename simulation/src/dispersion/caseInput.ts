/**
 * The case format of the batch CLI (`npm run -s plume -- FILE|-`) and of the in-twin API: a zod
 * schema with every default written down here (docs/dispersion.md repeats them).
 * Receptors are metres east/north of the source; wind direction is where the wind blows FROM,
 * degrees clockwise from north.
 */
import { z } from 'zod'

const num = z.number().finite()
const height = num.min(0).default(0)

const continuous = z.object({
  kind: z.literal('continuous'),
  rate_kg_s: num.positive(),
  height_m: height,
  /** null = never stops (steady plume) */
  duration_s: num.positive().nullable().default(null),
  /** temperature of the released gas; null = air temperature */
  temperature_c: num.nullable().default(null),
  /** horizontal size of the source (e.g. a pool), m → initial σy = r/2.15 */
  radius_m: num.min(0).default(0),
})

const instantaneous = z.object({
  kind: z.literal('instantaneous'),
  mass_kg: num.positive(),
  height_m: height,
  temperature_c: num.nullable().default(null),
})

const timeVarying = z.object({
  kind: z.literal('time_varying'),
  times_s: z.array(num.min(0)).min(1),
  rates_kg_s: z.array(num.min(0)).min(1),
  /** end of the last segment, s; null = last rate goes on for ever */
  end_s: num.positive().nullable().default(null),
  height_m: height,
  temperature_c: num.nullable().default(null),
})

const gasHole = z.object({
  kind: z.literal('gas_hole'),
  /** absolute upstream pressure, Pa */
  pressure_pa: num.positive(),
  temperature_c: num.nullable().default(null),
  hole_diameter_m: num.positive(),
  discharge_coefficient: num.positive().max(1).default(0.61),
  /** null = inventory held at pressure (pipe fed from a large system) */
  vessel_volume_m3: num.positive().nullable().default(null),
  max_duration_s: num.positive().default(3600),
  height_m: height,
})

const ground = z.enum(['soil', 'concrete']).default('soil')

const tankLiquid = z.object({
  kind: z.literal('tank_liquid'),
  tank_diameter_m: num.positive(),
  /** liquid level above the hole, m */
  liquid_height_m: num.positive(),
  hole_diameter_m: num.positive(),
  discharge_coefficient: num.positive().max(1).default(0.61),
  /** absolute head-space pressure, Pa; null = max(ambient, vapour pressure at the liquid temperature) */
  head_pressure_pa: num.positive().nullable().default(null),
  /** liquid temperature; null = air temperature */
  temperature_c: num.nullable().default(null),
  ground,
  dike_area_m2: num.positive().nullable().default(null),
  max_duration_s: num.positive().default(3600),
  height_m: height,
})

const pool = z.object({
  kind: z.literal('pool'),
  mass_kg: num.positive(),
  temperature_c: num.nullable().default(null),
  ground,
  dike_area_m2: num.positive().nullable().default(null),
  max_duration_s: num.positive().default(3600),
})

export const sourceSchema = z.discriminatedUnion('kind', [
  continuous,
  instantaneous,
  timeVarying,
  gasHole,
  tankLiquid,
  pool,
])

const stabilityLetter = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
)

export const weatherSchema = z.object({
  wind_speed_m_s: num.min(0),
  wind_height_m: num.positive().default(10),
  wind_from_deg: num,
  /** Pasquill class, or null to derive it (Obukhov length → Turner day/night → σθ → D) */
  stability: stabilityLetter.nullable().default(null),
  obukhov_length_m: num.nullable().default(null),
  /** surface roughness length, m; null = 0.1 (open country with crops) */
  roughness_m: num.positive().nullable().default(null),
  /** σθ over the averaging time, degrees; when given it sets σy (Draxler) */
  sigma_theta_deg: num.positive().nullable().default(null),
  /** null = no lid */
  mixing_height_m: num.positive().nullable().default(null),
  air_temp_c: num.default(25),
  pressure_pa: num.positive().default(101325),
  is_day: z.boolean().nullable().default(null),
  /** fraction 0..1 */
  cloud_cover: num.min(0).max(1).nullable().default(null),
  solar_radiation_w_m2: num.min(0).nullable().default(null),
  insolation: z.enum(['strong', 'moderate', 'slight']).nullable().default(null),
  /** null = urban when roughness ≥ 0.5 m */
  terrain: z.enum(['rural', 'urban']).nullable().default(null),
  /** auto = Monin–Obukhov similarity when L is given, else the class power law */
  wind_profile: z.enum(['auto', 'similarity', 'power', 'none']).default('auto'),
})

export const caseSchema = z.object({
  /** name, formula, Chinese name or CAS; null = a passive tracer with no default levels */
  substance: z.string().min(1).nullable().default(null),
  source: sourceSchema,
  weather: weatherSchema,
  averaging_time_s: num.positive().default(600),
  receptors: z.array(z.object({ east_m: num, north_m: num, height_m: num.min(0).default(1.5) })).default([]),
  /** null = the substance's AEGL-1/2/3 (60 min) */
  levels_of_concern_mg_m3: z.array(num.positive()).nullable().default(null),
  /** null = Briggs rural, or Briggs urban for urban terrain */
  sigma_set: z.enum(['briggs-rural', 'briggs-urban', 'pasquill-gifford']).nullable().default(null),
  /** receptor height of the threat-zone contours, m */
  zone_height_m: num.min(0).default(0),
  /** source location for GeoJSON output */
  origin: z
    .object({ lon: num.min(-180).max(180), lat: num.min(-90).max(90) })
    .nullable()
    .default(null),
  /** half-width of the wind-direction uncertainty band, degrees; null = 2σθ (measured or typical of the class) */
  wind_uncertainty_deg: num.min(0).max(180).nullable().default(null),
  /** 'auto' applies the Richardson-number switch; 'off' forces passive; 'force' forces Britter–McQuaid */
  dense_gas: z.enum(['auto', 'off', 'force']).default('auto'),
  /** concentration-versus-time and dose at each receptor */
  time_series: z
    .object({ dt_s: num.positive().default(10), end_s: num.positive().nullable().default(null) })
    .nullable()
    .default(null),
})

export type CaseInput = z.input<typeof caseSchema>
export type Case = z.output<typeof caseSchema>
export type SourceInput = z.output<typeof sourceSchema>
export type WeatherInput = z.output<typeof weatherSchema>

/** Turn a zod error into "path.to.field: message" lines naming the offending field. */
export function formatIssues(err: z.ZodError): string {
  return err.issues
    .map((i) => {
      const path = i.path.length
        ? i.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
            .join('.')
            .replace(/\.\[/g, '[')
        : '(case)'
      return `${path}: ${i.message}`
    })
    .join('; ')
}

export type ParseResult = { ok: true; value: Case } | { ok: false; error: string }

/** Validate one case; the error names the field. */
export function parseCase(raw: unknown): ParseResult {
  const r = caseSchema.safeParse(raw)
  if (!r.success) return { ok: false, error: formatIssues(r.error) }
  const c = r.data
  if (c.source.kind === 'time_varying' && c.source.times_s.length !== c.source.rates_kg_s.length)
    return { ok: false, error: 'source.rates_kg_s: must have the same length as source.times_s' }
  return { ok: true, value: c }
}
