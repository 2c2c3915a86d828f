/**
 * Alarm rules: per-device-type defaults, per-device overrides, and the scene-wide rules
 * (dynamic thresholds, flood grouping, shelving, credit, history). The limits themselves come
 * from the scene (device.thresholds); these rules say how readings are judged against them.
 *
 * Callers pass a deep-partial `AlarmRulesInput`; `resolveAlarmRules` merges it over the defaults
 * and validates the result with zod, so a typo in a site's config fails loudly at start-up.
 * Defaults and their reasons are in docs/alarms.md.
 */
import { z } from 'zod'
import { DEVICE_TYPES, type DeviceType } from '../scene/sceneSchema'

const severity = z.enum(['red', 'orange', 'yellow', 'blue'])
const delay = z.object({
  /** Consecutive readings the new state must hold (1 = the first reading decides). */
  readings: z.number().int().min(1).max(100_000),
  /** …and for at least this long, ms (0 = no duration requirement). tick() completes it. */
  ms: z.number().min(0),
})

export const TypeRulesSchema = z.object({
  onDelay: delay,
  offDelay: delay,
  /** Clearing hysteresis, % of the instrument span: clear only below high − deadband. */
  deadbandPct: z.number().min(0).max(50),
  rateOfRise: z
    .object({
      /** Rise per minute, % of span, that raises the alarm. */
      perMinutePct: z.number().positive(),
      /** The rise is measured over the last window/2 … window seconds. */
      window_s: z.number().positive(),
      /** Clears once the rate falls to this fraction of the limit (hysteresis). */
      clearRatio: z.number().min(0).max(1),
    })
    .nullable(),
  stuck: z
    .object({
      /** No change beyond epsilon for this long → stuck. */
      window_s: z.number().positive(),
      epsilonPct: z.number().min(0),
      /** A gas detector sitting at 0 in clean air is not stuck: readings at range.min reset the timer. */
      ignoreAtRangeMin: z.boolean(),
    })
    .nullable(),
  /** Readings beyond range ± this (% of span) are out of physical range. */
  rangeTolerancePct: z.number().min(0),
  /** Consecutive out-of-range (resp. back-in-range) readings before the fault is raised (cleared). */
  rangeReadings: z.number().int().min(1),
  /** Silent this long → offline; null disables. */
  offline_s: z.number().positive().nullable(),
  /** A new peak this far (% of span) above the last reported one emits alarm.updated; 0 disables. */
  peakStepPct: z.number().min(0),
  severity: z.object({
    highHigh: severity,
    high: severity,
    low: severity,
    lowLow: severity,
    rate: severity,
    fault: severity,
  }),
})
export type TypeRules = z.infer<typeof TypeRulesSchema>

export const AlarmRulesConfigSchema = z.object({
  types: z.object(
    Object.fromEntries(DEVICE_TYPES.map((t) => [t, TypeRulesSchema])) as Record<DeviceType, typeof TypeRulesSchema>,
  ),
  /** Per-device overrides by device id, merged over the type's rules. */
  devices: z.record(z.string(), TypeRulesSchema.partial()),
  dynamic: z.object({
    enabled: z.boolean(),
    /** Ambient temperature device; null = the scene's metStation.airTemperatureDevice. */
    ambientDevice: z.string().nullable(),
    deviceTypes: z.array(z.enum(DEVICE_TYPES)),
    /** Ascending; the highest step whose temperature is reached applies. */
    steps: z.array(z.object({ ambientAtLeast_C: z.number(), lowerPct: z.number().min(0).max(90) })),
    /** Leave a step only when ambient is this far below its temperature (no flapping). */
    hysteresis_C: z.number().min(0),
  }),
  flood: z.object({
    enabled: z.boolean(),
    /** A new alarm joins a group whose root was raised at most this long before. */
    window_s: z.number().positive(),
    /** Related = same enterprise and (same zone or within this distance). */
    radius_m: z.number().min(0),
  }),
  shelving: z.object({
    maxDuration_s: z.number().positive(),
    minReasonLength: z.number().int().min(1),
    /** Red alarms are safety-critical (ISA-18.2 forbids shelving those without a MOC). */
    allowRed: z.boolean(),
  }),
  credit: z.object({
    anomaliesToDowngrade: z.number().int().min(1),
    /** Anomalies of one enterprise within this long of an episode's start are one episode. */
    episodeMerge_s: z.number().min(0),
    /** A gap this long with no anomaly is a clean audit period: the streak restarts. */
    cleanPeriod_s: z.number().positive(),
    /** Anomalies kept per enterprise for display. */
    keep: z.number().int().min(0),
  }),
  history: z.object({ limit: z.number().int().min(0), transitionsPerAlarm: z.number().int().min(2) }),
})
export type AlarmRulesConfig = z.infer<typeof AlarmRulesConfigSchema>

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T
/** What callers pass: any subset of the config, merged over the defaults. */
export type AlarmRulesInput = DeepPartial<AlarmRulesConfig>

const sev = (highHigh: string, high: string, rate = 'yellow') =>
  ({ highHigh, high, low: high, lowLow: highHigh, rate, fault: 'blue' }) as TypeRules['severity']

const base: TypeRules = {
  onDelay: { readings: 3, ms: 0 },
  offDelay: { readings: 10, ms: 0 },
  deadbandPct: 2,
  rateOfRise: null,
  stuck: { window_s: 120, epsilonPct: 0.001, ignoreAtRangeMin: false },
  rangeTolerancePct: 1,
  rangeReadings: 3,
  offline_s: 30,
  peakStepPct: 10,
  severity: sev('orange', 'yellow'),
}

const gas: TypeRules = {
  ...base,
  rateOfRise: { perMinutePct: 5, window_s: 60, clearRatio: 0.5 },
  stuck: { window_s: 60, epsilonPct: 0.001, ignoreAtRangeMin: true },
  severity: sev('red', 'orange'),
}

export const DEFAULT_TYPE_RULES: Readonly<Record<DeviceType, TypeRules>> = {
  gas_combustible: gas,
  gas_toxic: gas,
  pressure: { ...base, rateOfRise: { perMinutePct: 10, window_s: 60, clearRatio: 0.5 } },
  temperature: { ...base, rateOfRise: { perMinutePct: 5, window_s: 120, clearRatio: 0.5 } },
  wind_speed: { ...base, stuck: { window_s: 300, epsilonPct: 0.001, ignoreAtRangeMin: true }, offline_s: 60 },
  wind_direction: { ...base, stuck: { window_s: 300, epsilonPct: 0.001, ignoreAtRangeMin: false }, offline_s: 60 },
  air_temperature: { ...base, stuck: { window_s: 600, epsilonPct: 0.0005, ignoreAtRangeMin: false }, offline_s: 60 },
  roof_displacement: {
    ...base,
    rateOfRise: { perMinutePct: 2, window_s: 120, clearRatio: 0.5 },
    stuck: { window_s: 600, epsilonPct: 0.0005, ignoreAtRangeMin: false },
  },
  air_speed: { ...base, stuck: { window_s: 300, epsilonPct: 0.001, ignoreAtRangeMin: true } },
}

export const DEFAULT_ALARM_RULES: AlarmRulesConfig = {
  types: DEFAULT_TYPE_RULES as Record<DeviceType, TypeRules>,
  devices: {},
  dynamic: {
    enabled: true,
    ambientDevice: null,
    deviceTypes: ['gas_combustible', 'gas_toxic'],
    // 35 °C is the CMA "high temperature" day (高温), 40 °C its red heat warning.
    steps: [
      { ambientAtLeast_C: 35, lowerPct: 10 },
      { ambientAtLeast_C: 40, lowerPct: 20 },
    ],
    hysteresis_C: 1,
  },
  flood: { enabled: true, window_s: 60, radius_m: 50 },
  shelving: { maxDuration_s: 8 * 3600, minReasonLength: 2, allowRed: false },
  credit: { anomaliesToDowngrade: 3, episodeMerge_s: 600, cleanPeriod_s: 86_400, keep: 50 },
  history: { limit: 1000, transitionsPerAlarm: 50 },
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** Deep merge where arrays and null replace, undefined keeps the default. */
function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base
  if (!isPlainObject(over) || !isPlainObject(base)) return over
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v)
  return out
}

export function resolveAlarmRules(input: AlarmRulesInput = {}): AlarmRulesConfig {
  const merged = merge(DEFAULT_ALARM_RULES, input)
  const r = AlarmRulesConfigSchema.safeParse(merged)
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`alarm rules: ${msg}`)
  }
  return r.data
}

/** The rules one device is judged by: its type's, with its own overrides merged over them. */
export function rulesFor(cfg: AlarmRulesConfig, deviceId: string, type: DeviceType): TypeRules {
  const own = cfg.devices[deviceId]
  return own ? (merge(cfg.types[type], own) as TypeRules) : cfg.types[type]
}
