/**
 * Lookups and derived properties of the substance table: name/alias/CAS resolution, vapour
 * pressure, gas density, ppm ↔ mg/m³, and the default levels of concern.
 */
import { SUBSTANCES, type SubstanceRecord } from './table'

/** Universal gas constant, J/(mol K) (CODATA 2018). */
export const R_GAS = 8.314462618
/** Molar volume of an ideal gas at 25 °C and 101.325 kPa, L/mol — the basis AEGL/ERPG tables use for mg/m³. */
export const MOLAR_VOLUME_25C_L = 24.465
export const P_ATM = 101325

const _index = new Map<string, SubstanceRecord>()
for (const s of SUBSTANCES) {
  for (const key of [s.id, s.name, s.nameZh, s.cas, ...s.aliases]) _index.set(normaliseName(key), s)
}

function normaliseName(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
}

/** Resolve a substance by id, English or Chinese name, formula alias ("NH3", "Cl2") or CAS number. */
export function findSubstance(nameOrCas: string): SubstanceRecord | undefined {
  return _index.get(normaliseName(nameOrCas))
}

export function listSubstances(): readonly SubstanceRecord[] {
  return SUBSTANCES
}

/**
 * Saturated vapour pressure, Pa.
 * @param tK temperature, K
 */
export function vapourPressure(s: SubstanceRecord, tK: number): number {
  if (s.antoine) {
    const { A, B, C } = s.antoine
    const mmHg = 10 ** (A - B / (tK - 273.15 + C))
    return mmHg * 133.322368
  }
  // Clausius–Clapeyron with constant ΔHv anchored at the normal boiling point: adequate within
  // a few tens of kelvin of Tb, which is where pool and flash calculations need it.
  return P_ATM * Math.exp((s.heatOfVaporisation / R_GAS) * (1 / s.boilingPointK - 1 / tK))
}

/** Ideal-gas density of the pure vapour, kg/m³. */
export function gasDensity(molarMass: number, tK: number, pressurePa = P_ATM): number {
  return (pressurePa * molarMass) / 1000 / (R_GAS * tK)
}

/** Enthalpy of vaporisation per kg, J/kg. */
export function latentHeatPerKg(s: SubstanceRecord): number {
  return s.heatOfVaporisation / (s.molarMass / 1000)
}

/** ppm (by volume) → mg/m³ at 25 °C, 1 atm (the convention of the AEGL and ERPG tables). */
export function ppmToMgM3(ppm: number, molarMass: number): number {
  return (ppm * molarMass) / MOLAR_VOLUME_25C_L
}

export function mgM3ToPpm(mg: number, molarMass: number): number {
  return (mg * MOLAR_VOLUME_25C_L) / molarMass
}

export type AeglDuration = 10 | 30 | 60
const DURATION_INDEX: Record<AeglDuration, 0 | 1 | 2> = { 10: 0, 30: 1, 60: 2 }

/** AEGL-n for a duration, mg/m³, or null when the table has no value. */
export function aeglMgM3(s: SubstanceRecord, tier: 1 | 2 | 3, duration: AeglDuration = 60): number | null {
  const row = tier === 1 ? s.aegl1 : tier === 2 ? s.aegl2 : s.aegl3
  const ppm = row?.[DURATION_INDEX[duration]] ?? null
  return ppm === null ? null : ppmToMgM3(ppm, s.molarMass)
}

export interface LevelOfConcern {
  mgM3: number
  label: string
}

/**
 * Default levels of concern, ascending: the 60-min AEGL-1/2/3 where set (ALOHA's default); for
 * substances with no AEGLs but flammability limits (methane, hydrogen) 10 % and 60 % of the LEL,
 * ALOHA's flammable-area defaults.
 */
export function defaultLevelsOfConcern(s: SubstanceRecord): LevelOfConcern[] {
  const out: LevelOfConcern[] = []
  for (const tier of [1, 2, 3] as const) {
    const v = aeglMgM3(s, tier, 60)
    if (v !== null) out.push({ mgM3: v, label: `AEGL-${tier} (60 min)` })
  }
  if (out.length === 0 && s.lelPct !== null) {
    const lelMg = ppmToMgM3(s.lelPct * 1e4, s.molarMass)
    out.push({ mgM3: 0.1 * lelMg, label: '10% LEL' }, { mgM3: 0.6 * lelMg, label: '60% LEL' })
  }
  return out
}
