/**
 * One release in one weather, resolved from a case: substance, stability, wind profile, source
 * history, σ set, dense-gas switch. It evaluates the plume as a centre-line amplitude A(x, z) and a
 * crosswind spread σy(x), C(x, y, z) = A·exp(−y²/2σy²) — the shape every model here shares, which is
 * what lets field.ts and zones.ts hoist everything x-dependent out of their inner loops.
 */
import type { Case, SourceInput } from './caseInput'
import { britterMcQuaid, denseCentreline, denseHalfWidth, type DensePlume } from './denseGas'
import { plumeAmplitude, type PlumeParams, type PlumeSlice } from './gaussianPlume'
import {
  CLASS_SIGMA_THETA_DEG,
  POWER_LAW_P,
  averagingTimeSigmaFactor,
  classToIndex,
  indexToLabel,
  stabilityFromObukhov,
  stabilityFromTurner,
  windAt,
  type WindProfile,
} from './meteorology'
import type { SigmaSet } from './sigmas'
import {
  directContinuous,
  directInstantaneous,
  gasHoleRelease,
  peakRate,
  poolEvaporation,
  tankDrainRelease,
  timeSeries,
  compress,
  type ReleaseHistory,
} from './sources'
import {
  findSubstance,
  gasDensity,
  defaultLevelsOfConcern,
  vapourPressure,
  type LevelOfConcern,
} from './substances/properties'
import type { SubstanceRecord } from './substances/table'
import { isSteady, peakAveragedRate } from './transient'

export const DEFAULT_ROUGHNESS_M = 0.1
export const MIN_WIND_MS = 0.5
const AIR_MOLAR_MASS = 28.964

export interface Scenario {
  substance: SubstanceRecord | null
  release: ReleaseHistory
  plume: PlumeParams
  /** unit vector the wind blows towards (east, north) */
  downE: number
  downN: number
  windFromDeg: number
  u10: number
  stabilityIndex: number
  stabilityLabel: string
  stabilitySource: string
  obukhovM: number | null
  roughnessM: number
  averagingS: number
  steady: boolean
  peakRateKgS: number
  dense: DensePlume | null
  /** ground-level passive plume that continues a dense plume */
  densePlume: PlumeParams | null
  /** virtual-source distance of the passive continuation of a dense plume, m */
  denseVirtualX: number
  /** pure-vapour concentration cap, mg/m³ */
  capMgM3: number
  levels: LevelOfConcern[]
  model: string
  warnings: string[]
  notes: string[]
  sigmaThetaDeg: number
}

function toK(c: number): number {
  return c + 273.15
}

export class CaseError extends Error {}

function buildRelease(
  src: SourceInput,
  s: SubstanceRecord | null,
  tAirK: number,
  u10: number,
  pAmb: number,
): ReleaseHistory {
  const need = (what: string) => {
    if (!s) throw new CaseError(`substance: a known substance is required for a ${what} source`)
    return s
  }
  switch (src.kind) {
    case 'continuous': {
      const h = directContinuous(
        src.rate_kg_s,
        src.duration_s ?? Infinity,
        src.temperature_c !== null ? toK(src.temperature_c) : tAirK,
      )
      return { ...h, sourceRadiusM: src.radius_m }
    }
    case 'instantaneous':
      return directInstantaneous(src.mass_kg, src.temperature_c !== null ? toK(src.temperature_c) : tAirK)
    case 'time_varying': {
      for (let i = 1; i < src.times_s.length; i++)
        if (src.times_s[i] <= src.times_s[i - 1]) throw new CaseError('source.times_s: must be strictly increasing')
      const end = src.end_s ?? Infinity
      if (end <= src.times_s[src.times_s.length - 1])
        throw new CaseError('source.end_s: must be after the last of source.times_s')
      return timeSeries(src.times_s, src.rates_kg_s, end, src.temperature_c !== null ? toK(src.temperature_c) : tAirK)
    }
    case 'gas_hole':
      return gasHoleRelease(need('gas_hole'), {
        pressurePa: src.pressure_pa,
        temperatureK: src.temperature_c !== null ? toK(src.temperature_c) : tAirK,
        holeDiameterM: src.hole_diameter_m,
        cd: src.discharge_coefficient,
        vesselVolumeM3: src.vessel_volume_m3,
        maxDurationS: src.max_duration_s,
        pAmbPa: pAmb,
      })
    case 'tank_liquid':
      return tankDrainRelease(need('tank_liquid'), {
        tankDiameterM: src.tank_diameter_m,
        liquidHeightM: src.liquid_height_m,
        holeDiameterM: src.hole_diameter_m,
        cd: src.discharge_coefficient,
        headPressurePa: src.head_pressure_pa,
        liquidTemperatureK: src.temperature_c !== null ? toK(src.temperature_c) : tAirK,
        airTemperatureK: tAirK,
        u10,
        ground: src.ground,
        maxPoolAreaM2: src.dike_area_m2,
        maxDurationS: src.max_duration_s,
        pAmbPa: pAmb,
      })
    case 'pool': {
      const sub = need('pool')
      const tl = src.temperature_c !== null ? toK(src.temperature_c) : tAirK
      const p = poolEvaporation(sub, {
        spillMassKg: src.mass_kg,
        liquidTemperatureK: Math.min(tl, sub.boilingPointK),
        airTemperatureK: tAirK,
        u10,
        ground: src.ground,
        maxAreaM2: src.dike_area_m2,
        maxDurationS: src.max_duration_s,
      })
      const times = new Float64Array(p.rates.length + 1)
      for (let i = 0; i < times.length; i++) times[i] = i
      const boiling = sub.boilingPointK < tAirK
      return compress({
        times,
        rates: p.rates,
        instantMassKg: 0,
        temperatureK: Math.min(tl, sub.boilingPointK, tAirK),
        sourceRadiusM: p.maxRadiusM,
        sourceMoleFraction: boiling ? 1 : Math.min(1, vapourPressure(sub, Math.min(tl, sub.boilingPointK)) / pAmb),
        notes: p.notes,
        warnings: p.warnings,
      })
    }
  }
}

/** Resolve a validated case. Throws CaseError (message names the field) on inconsistent input. */
export function resolveScenario(c: Case): Scenario {
  const warnings: string[] = []
  const notes: string[] = []
  const w = c.weather
  let substance: SubstanceRecord | null = null
  if (c.substance !== null) {
    substance = findSubstance(c.substance) ?? null
    if (!substance) throw new CaseError(`substance: unknown substance "${c.substance}"`)
  }
  const z0 = w.roughness_m ?? DEFAULT_ROUGHNESS_M
  const urban = w.terrain ? w.terrain === 'urban' : z0 >= 0.5
  const sigmaSet: SigmaSet = c.sigma_set ?? (urban ? 'briggs-urban' : 'briggs-rural')
  const L = w.obukhov_length_m

  // Stability: explicit class > Obukhov length (Golder) > Turner key > σθ > neutral.
  const uMeas = w.wind_speed_m_s
  const u10Power = uMeas * Math.pow(10 / w.wind_height_m, 0.15) // neutral rural profile, only for the Turner key's 10-m speed
  let index: number
  let stabilitySource: string
  if (w.stability) {
    index = classToIndex(w.stability)
    stabilitySource = 'given'
  } else if (L !== null) {
    index = classToIndex(stabilityFromObukhov(L, z0))
    stabilitySource = `Obukhov length ${L} m, z0 ${z0} m (Golder 1972)`
  } else if (w.is_day !== null) {
    index = stabilityFromTurner({
      windSpeed10: u10Power,
      isDay: w.is_day,
      solarRadiationWm2: w.solar_radiation_w_m2,
      insolation: w.insolation,
      cloudCover: w.cloud_cover,
    })
    stabilitySource = 'Turner key (wind, day/night, insolation/cloud)'
  } else if (w.sigma_theta_deg !== null) {
    // EPA (2000) σθ method, daytime ranges: class boundaries 22.5/17.5/12.5/7.5/3.8 degrees.
    const st = w.sigma_theta_deg
    index = st >= 22.5 ? 0 : st >= 17.5 ? 1 : st >= 12.5 ? 2 : st >= 7.5 ? 3 : st >= 3.8 ? 4 : 5
    stabilitySource = 'σθ ranges (EPA 2000)'
  } else {
    index = 3
    stabilitySource = 'default (no stability information: neutral D assumed)'
    warnings.push('weather: no stability, Obukhov length, day/night or σθ given — neutral class D assumed')
  }
  const roundIdx = Math.round(index)

  let kind: WindProfile['kind']
  if (w.wind_profile === 'auto') kind = L !== null ? 'similarity' : 'power'
  else kind = w.wind_profile
  if (kind === 'similarity' && L === null) {
    throw new CaseError('weather.obukhov_length_m: required for wind_profile "similarity"')
  }
  const profile: WindProfile = {
    uRef: Math.max(uMeas, 1e-3),
    zRef: w.wind_height_m,
    kind,
    z0,
    obukhov: L ?? Infinity,
    p: (urban ? POWER_LAW_P.urban : POWER_LAW_P.rural)[roundIdx],
  }
  const u10 = windAt(profile, 10)
  if (uMeas < 1)
    warnings.push(
      `weather.wind_speed_m_s: ${uMeas} m/s is below 1 m/s — Gaussian models are unreliable in light winds; transport speed floored at ${MIN_WIND_MS} m/s`,
    )

  const tAirK = toK(w.air_temp_c)
  const release = buildRelease(c.source, substance, tAirK, u10, w.pressure_pa)
  notes.push(...release.notes)
  warnings.push(...release.warnings)
  const steady = isSteady(release)
  const peak = release.instantMassKg > 0 ? 0 : peakRate(release)
  const height = 'height_m' in c.source ? c.source.height_m : 0

  // Averaging time: σy curves are 10-min values; correct with the 0.2 power law over the shorter of
  // the averaging time and the release duration (an exposure cannot be averaged beyond the cloud).
  const dur = release.instantMassKg > 0 ? 0 : release.times[release.times.length - 1] - release.times[0]
  const tEff = Math.max(180, Math.min(c.averaging_time_s, dur))
  if (c.averaging_time_s < 180 || c.averaging_time_s > 3600)
    warnings.push(`averaging_time_s: ${c.averaging_time_s} s is outside 3–60 min where the 0.2 power law holds`)
  const sigmaThetaRad = w.sigma_theta_deg !== null ? (w.sigma_theta_deg * Math.PI) / 180 : null

  const plume: PlumeParams = {
    heightM: height,
    sigmaSet,
    stabilityIndex: index,
    wind: profile,
    mixingHeightM: w.mixing_height_m,
    sigmaYFactor: averagingTimeSigmaFactor(tEff),
    sigmaThetaRad,
    sigmaY0: release.sourceRadiusM / 2.15,
    sigmaZ0: 0,
    minWindMs: MIN_WIND_MS,
  }
  if (w.mixing_height_m !== null && height > w.mixing_height_m)
    warnings.push('source.height_m: above the mixing height — no concentration reaches the ground in this model')

  // Dense-gas switch.
  let dense: DensePlume | null = null
  let densePlume: PlumeParams | null = null
  let denseVirtualX = 0
  const rhoA = gasDensity(AIR_MOLAR_MASS, tAirK, w.pressure_pa)
  if (c.dense_gas !== 'off' && substance && peak > 0 && release.instantMassKg === 0) {
    const rho0 = gasDensity(substance.molarMass, release.temperatureK, w.pressure_pa)
    const bm = britterMcQuaid({
      qKgS: peak,
      rho0,
      rhoA,
      t0K: release.temperatureK,
      tAirK,
      u10,
      moleFraction: release.sourceMoleFraction,
    })
    notes.push(
      `dense-gas criterion (g0'q0/U³D)^1/3 = ${bm.richardson.toFixed(3)} (threshold 0.15), density ratio ${(rho0 / rhoA).toFixed(2)}`,
    )
    if (c.dense_gas === 'force' || (bm.isDense && rho0 > rhoA)) {
      dense = bm
      warnings.push(...bm.warnings)
      if (height > 2)
        warnings.push(
          'source.height_m: Britter–McQuaid assumes a ground-level release; elevated source treated as ground level',
        )
      if (roundIdx !== 3)
        warnings.push(
          `dense gas: Britter–McQuaid correlations come from near-neutral trials; stability ${indexToLabel(index)} not represented`,
        )
      if (!steady)
        warnings.push(
          'dense gas: correlations are for continuous releases; time-varying rate applied by scaling with the arriving rate',
        )
      // Passive continuation beyond C/C0 = 0.002 from a virtual source matched at x_end.
      const target = denseCentreline(bm, bm.xEnd)
      // The dense layer is at the ground: its passive continuation is a ground-level source.
      densePlume = { ...plume, heightM: 0 }
      const passive = (x: number) => plumeAmplitude(densePlume!, peak, x, 0, _sl)
      // passive(x) decreases with x: bracket the root of passive(x) = target, then bisect in log x.
      let lo = 0.01
      let hi = bm.xEnd
      while (passive(hi) > target && hi < 1e6) hi *= 2
      for (let k = 0; k < 60 && hi / lo > 1.0001; k++) {
        const mid = Math.sqrt(lo * hi)
        if (passive(mid) > target) lo = mid
        else hi = mid
      }
      denseVirtualX = Math.sqrt(lo * hi)
    }
  } else if (c.dense_gas !== 'off' && substance && release.instantMassKg > 0) {
    const rho0 = gasDensity(substance.molarMass, release.temperatureK, w.pressure_pa)
    if (rho0 > 1.2 * rhoA)
      warnings.push(
        'dense gas: instantaneous heavier-than-air cloud treated as a passive puff (Britter–McQuaid puff model not implemented)',
      )
  }

  const levels: LevelOfConcern[] =
    c.levels_of_concern_mg_m3 !== null
      ? c.levels_of_concern_mg_m3.map((v) => ({ mgM3: v, label: 'given' }))
      : substance
        ? defaultLevelsOfConcern(substance)
        : []
  if (c.levels_of_concern_mg_m3 === null && levels.length === 0)
    warnings.push('levels_of_concern_mg_m3: none given and the substance has no default levels — no threat zones')

  const from = (((w.wind_from_deg % 360) + 360) % 360) * (Math.PI / 180)
  const capMgM3 = substance ? gasDensity(substance.molarMass, tAirK, w.pressure_pa) * 1e6 : Infinity
  const label = indexToLabel(index)
  const model = dense
    ? `britter-mcquaid dense-gas plume → gaussian plume (${sigmaSet}, class ${label})`
    : steady
      ? `gaussian plume (${sigmaSet}, class ${label})`
      : `gaussian plume, retarded-time ${release.instantMassKg > 0 ? 'puff' : 'finite/time-varying release'} (${sigmaSet}, class ${label})`
  if (sigmaThetaRad !== null) notes.push('σy from measured σθ (Draxler 1976); σz from the class curves')
  return {
    substance,
    release,
    plume,
    downE: -Math.sin(from),
    downN: -Math.cos(from),
    windFromDeg: w.wind_from_deg,
    u10,
    stabilityIndex: index,
    stabilityLabel: label,
    stabilitySource,
    obukhovM: L,
    roughnessM: z0,
    averagingS: c.averaging_time_s,
    steady,
    peakRateKgS: peak,
    dense,
    densePlume,
    denseVirtualX,
    capMgM3,
    levels,
    model,
    warnings,
    notes,
    sigmaThetaDeg: w.sigma_theta_deg ?? CLASS_SIGMA_THETA_DEG[roundIdx],
  }
}

const _sl: PlumeSlice = { sy: 0, sz: 0, u: 0 }

/** Output of `amplitude`: σy at x and the plume kernel per unit rate (for time series). */
export interface AmpOut {
  sy: number
  u: number
  /** concentration per kg/s of arriving rate at the centre line, mg/m³ per kg/s */
  kernel: number
}

/**
 * The plume kernel at x: centre-line concentration per kg/s of arriving rate (mg/m³ per kg/s) in
 * `out.kernel`, σy and ū — without the time-limited arriving rate.
 */
export function kernelAt(s: Scenario, x: number, z: number, out: AmpOut): AmpOut {
  const d = s.dense
  if (d) {
    if (x <= d.xEnd) {
      plumeAmplitude(s.plume, 1, x, z, _sl)
      out.kernel = denseCentreline(d, x) / s.peakRateKgS
      out.sy = Math.max(_sl.sy, 0.8 * denseHalfWidth(d, x))
    } else {
      const xv = x - d.xEnd + s.denseVirtualX
      out.kernel = plumeAmplitude(s.densePlume ?? s.plume, 1, xv, z, _sl)
      out.sy = Math.max(_sl.sy, 0.8 * denseHalfWidth(d, d.xEnd))
    }
  } else {
    out.kernel = plumeAmplitude(s.plume, 1, x, z, _sl)
    out.sy = _sl.sy
  }
  out.u = _sl.u
  return out
}

/** The arriving rate that multiplies the kernel for the maximum t_a-mean concentration at x, kg/s. */
export function arrivingRate(s: Scenario, x: number, k: AmpOut): number {
  return s.steady ? s.release.rates[0] : peakAveragedRate(s.release, x / k.u, k.sy / k.u, s.averagingS)
}

/**
 * Centre-line amplitude A(x, z) of the maximum t_a-mean concentration, mg/m³, and σy(x) in `out`.
 * @param x downwind distance, m (> 0)
 * @param z receptor height, m
 */
export function amplitude(s: Scenario, x: number, z: number, out: AmpOut): number {
  kernelAt(s, x, z, out)
  return Math.min(out.kernel * arrivingRate(s, x, out), s.capMgM3)
}

const _amp: AmpOut = { sy: 0, u: 0, kernel: 0 }

/** Receptor east/north (m from the source) → downwind x and crosswind y. */
export function toPlumeFrame(s: Scenario, east: number, north: number): { x: number; y: number } {
  return { x: east * s.downE + north * s.downN, y: -east * s.downN + north * s.downE }
}

/** Maximum t_a-mean concentration at a receptor, mg/m³. */
export function concentrationAt(s: Scenario, east: number, north: number, z: number): number {
  const x = east * s.downE + north * s.downN
  if (x <= 0) return 0
  const y = -east * s.downN + north * s.downE
  const a = amplitude(s, x, z, _amp)
  return a * Math.exp((-y * y) / (2 * _amp.sy * _amp.sy))
}
