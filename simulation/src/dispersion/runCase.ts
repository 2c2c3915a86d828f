/**
 * One case in, one result out — the body of the batch CLI and of any server endpoint.
 * The first four keys are the CLI contract (docs/dispersion.md); `details` is informative.
 */
import { parseCase, type Case } from './caseInput'
import { receptorTimeSeries, type TimeSeries } from './dose'
import { CaseError, concentrationAt, resolveScenario, toPlumeFrame, type Scenario } from './scenario'
import { totalMass } from './sources'
import { polygonToGeoJson, uncertaintyBand, zoneFromScenario, localToLonLat } from './zones'

export interface ThreatZoneOut {
  level_mg_m3: number
  max_distance_m: number
  polygon_local_m: [number, number][]
  polygon_lonlat?: [number, number][]
  label?: string
}

export interface CaseResult {
  concentrations_mg_m3: number[]
  threat_zones: ThreatZoneOut[]
  model: string
  warnings: string[]
  details: {
    substance: string | null
    stability_class: string
    stability_from: string
    wind_speed_10m_m_s: number
    release_rate_kg_s: number | null
    release_mass_kg: number | null
    release_duration_s: number | null
    dense_gas: { criterion: number; alpha: number; x_end_m: number } | null
    uncertainty_band_local_m: [number, number][]
    uncertainty_half_angle_deg: number
    geojson?: unknown
    time_series?: (TimeSeries & { receptor: number })[]
    notes: string[]
  }
}

export type CaseOutcome = CaseResult | { error: string }

function sig(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return x
  return Number(x.toPrecision(digits))
}

/** Run a validated case. */
export function runParsedCase(c: Case): CaseResult {
  const s = resolveScenario(c)
  const warnings = [...s.warnings]
  const concentrations = c.receptors.map((r) => sig(concentrationAt(s, r.east_m, r.north_m, r.height_m)))
  receptorWarnings(s, c, warnings)

  const zones: ThreatZoneOut[] = []
  let bandSource: [number, number][] = []
  let maxZone = 0
  for (const lv of s.levels) {
    const z = zoneFromScenario(s, lv.mgM3, c.zone_height_m)
    const out: ThreatZoneOut = {
      level_mg_m3: sig(lv.mgM3),
      max_distance_m: sig(z.maxDistanceM, 5),
      polygon_local_m: z.polygon,
    }
    if (c.origin) out.polygon_lonlat = z.polygon.map(([e, n]) => localToLonLat(c.origin!, e, n))
    if (lv.label !== 'given') out.label = lv.label
    zones.push(out)
    if (z.maxDistanceM > maxZone) {
      maxZone = z.maxDistanceM
      bandSource = z.polygon
    }
  }
  if (maxZone > 10_000)
    warnings.push(
      `threat zone reaches ${(maxZone / 1000).toFixed(1)} km — beyond 10 km the σ curves and a uniform wind field are not reliable`,
    )
  if (maxZone > 0 && maxZone < 100 && s.plume.sigmaSet !== 'pasquill-gifford')
    warnings.push('threat zone shorter than 100 m — the Briggs σ formulae are fitted from 100 m; computed anyway')

  const half = c.wind_uncertainty_deg ?? Math.min(90, 2 * s.sigmaThetaDeg * (s.u10 < 2 ? 2 : 1))
  const band = uncertaintyBand(bandSource, half)

  const h = s.release
  const dur = h.rates.length ? h.times[h.rates.length] - h.times[0] : 0
  const result: CaseResult = {
    concentrations_mg_m3: concentrations,
    threat_zones: zones,
    model: s.model,
    warnings: [...new Set(warnings)],
    details: {
      substance: s.substance?.id ?? null,
      stability_class: s.stabilityLabel,
      stability_from: s.stabilitySource,
      wind_speed_10m_m_s: sig(s.u10),
      release_rate_kg_s: h.instantMassKg > 0 ? null : sig(s.peakRateKgS),
      release_mass_kg: Number.isFinite(dur) ? sig(totalMass(h)) : null,
      release_duration_s: Number.isFinite(dur) ? sig(dur) : null,
      dense_gas: s.dense
        ? { criterion: sig(s.dense.richardson), alpha: sig(s.dense.alpha), x_end_m: sig(s.dense.xEnd) }
        : null,
      uncertainty_band_local_m: band,
      uncertainty_half_angle_deg: sig(half, 3),
      notes: s.notes,
    },
  }
  if (c.origin) {
    result.details.geojson = {
      type: 'FeatureCollection',
      features: zones
        .filter((z) => z.polygon_local_m.length > 0)
        .map((z) =>
          polygonToGeoJson(c.origin!, z.polygon_local_m, {
            level_mg_m3: z.level_mg_m3,
            max_distance_m: z.max_distance_m,
          }),
        ),
    }
  }
  if (c.time_series) {
    result.details.time_series = c.receptors.map((r, i) => ({
      receptor: i,
      ...receptorTimeSeries(s, r.east_m, r.north_m, r.height_m, c.time_series!.dt_s, c.time_series!.end_s),
    }))
  }
  return result
}

function receptorWarnings(s: Scenario, c: Case, warnings: string[]): void {
  let near = false
  let far = false
  let upwind = false
  for (const r of c.receptors) {
    const { x } = toPlumeFrame(s, r.east_m, r.north_m)
    if (x <= 0) upwind = true
    else if (x < 100) near = true
    else if (x > 10_000) far = true
  }
  if (near && s.plume.sigmaSet !== 'pasquill-gifford')
    warnings.push('receptors closer than 100 m: the Briggs σ formulae are fitted from 100 m to 10 km; computed anyway')
  if (near && s.plume.sigmaSet === 'pasquill-gifford')
    warnings.push('receptors closer than 100 m: the Pasquill–Gifford curves start at 100 m; computed anyway')
  if (far) warnings.push('receptors beyond 10 km: outside the range of the σ curves; computed anyway')
  if (upwind) warnings.push('some receptors are upwind of the source: a Gaussian plume gives 0 there')
}

/** Validate and run one raw case; errors come back as `{ error }` naming the field. */
export function runCase(raw: unknown): CaseOutcome {
  const p = parseCase(raw)
  if (!p.ok) return { error: p.error }
  try {
    return runParsedCase(p.value)
  } catch (e) {
    if (e instanceof CaseError) return { error: e.message }
    throw e
  }
}
