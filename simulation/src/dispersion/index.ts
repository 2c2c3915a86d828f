/**
 * Public surface of the dispersion engine (see docs/dispersion.md).
 *
 * Batch / request-response:
 *   runCase(raw) → CaseResult | { error }           one CLI case (validates with zod)
 *   parseCase(raw), caseSchema                       the case format and its defaults
 *
 * In the twin (allocation-light, for live updates):
 *   resolveScenario(case) → Scenario                 once per leak/wind change
 *   computeGroundField(case | Scenario, grid, opts)  → Float32Array (mg/m³), reusing opts.out
 *   threatZonesFromField(field, grid, levels, …)     → rings per level (marching squares)
 *   zoneFromScenario(s, level, z)                    → analytic polygon + max downwind distance
 *   puffs: createPuffState / releasePuff / advancePuffs / puffField for changing wind
 *   receptorTimeSeries(s, e, n, z, dt)               → C(t) and dose at a point
 */
import { parseCase, type Case } from './caseInput'
import { scenarioField, type DownwindProfile, type GridSpec } from './field'
import { CaseError, resolveScenario, type Scenario } from './scenario'

export { caseSchema, parseCase, formatIssues, type Case, type CaseInput } from './caseInput'
export { runCase, runParsedCase, type CaseResult, type CaseOutcome, type ThreatZoneOut } from './runCase'
export {
  resolveScenario,
  concentrationAt,
  amplitude,
  kernelAt,
  toPlumeFrame,
  CaseError,
  type Scenario,
} from './scenario'
export { buildProfile, fillField, scenarioField, type GridSpec, type DownwindProfile } from './field'
export {
  contourField,
  threatZonesFromField,
  zoneFromScenario,
  uncertaintyBand,
  localToLonLat,
  polygonToGeoJson,
  pointInRing,
  ringArea,
  type FieldZone,
  type PlumeZone,
} from './zones'
export { receptorTimeSeries, type TimeSeries } from './dose'
export {
  createPuffState,
  releasePuff,
  advancePuffs,
  puffConcentration,
  puffField,
  prunePuffs,
  type PuffState,
  type PuffWind,
} from './puffs'
export { gaussianPlume, verticalFactor, plumeSlice, transportSpeed, type PlumeParams } from './gaussianPlume'
export { britterMcQuaid, denseCentreline, DENSE_RI_THRESHOLD } from './denseGas'
export * from './meteorology'
export * from './sigmas'
export * from './sources'
export {
  findSubstance,
  listSubstances,
  vapourPressure,
  ppmToMgM3,
  mgM3ToPpm,
  aeglMgM3,
  defaultLevelsOfConcern,
} from './substances/properties'
export { SUBSTANCES, SOURCES, type SubstanceRecord } from './substances/table'

/**
 * Ground-level concentration field (mg/m³) of a case or resolved scenario on a grid whose
 * coordinates are metres east/north of the source. Pass `out` (length nx·ny) and `profile` to reuse
 * buffers between updates.
 * @throws CaseError when a raw case is invalid (message names the field)
 */
export function computeGroundField(
  input: Case | Scenario | unknown,
  grid: GridSpec,
  opts: { z?: number; out?: Float32Array; profile?: DownwindProfile } = {},
): Float32Array {
  let s: Scenario
  if (isScenario(input)) s = input
  else {
    const p = parseCase(input)
    if (!p.ok) throw new CaseError(p.error)
    s = resolveScenario(p.value)
  }
  return scenarioField(s, grid, opts)
}

function isScenario(x: unknown): x is Scenario {
  return typeof x === 'object' && x !== null && 'plume' in x && 'release' in x
}
