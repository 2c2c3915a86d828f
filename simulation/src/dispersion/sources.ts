/**
 * Source models: how much gas enters the air, and when. Every model returns a ReleaseHistory —
 * a piecewise-constant emission rate (kg/s) on segments — or an instantaneous mass.
 *
 * - direct: a given rate (optionally finite duration) or a given mass at once;
 * - gas through a hole in a vessel/pipe: choked or unchoked orifice flow of an ideal gas
 *   (Crowl & Louvar, "Chemical Process Safety", 3rd ed., eqs. 4-50 and 4-58), with isothermal
 *   blow-down of a finite vessel;
 * - liquid draining from a vertical tank through a hole: Bernoulli orifice flow with the head
 *   falling over time (Crowl & Louvar eqs. 4-7, 4-17); superheated liquids flash (isenthalpic
 *   flash fraction, Crowl & Louvar eq. 4-90) and the aerosol is taken as airborne with the vapour
 *   ("twice the flash fraction" rule, CCPS 1999 §2.2.3); the rest feeds a pool;
 * - evaporating, spreading pool: gravity spreading dr/dt = √(2 g h) down to a minimum depth or a
 *   dike; evaporation by Mackay & Matsugu (1973) mass transfer for non-boiling liquids and by
 *   ground heat conduction q = k(Tg − Tb)/√(π α t) for boiling (refrigerated/liquefied) pools
 *   (Shaw & Briscoe 1978; CCPS 1999 §2.2.4).
 */
import type { SubstanceRecord } from './substances/table'
import { P_ATM, R_GAS, latentHeatPerKg, vapourPressure } from './substances/properties'

export const G_ACC = 9.80665

export interface ReleaseHistory {
  /** segment boundaries, s (length = rates.length + 1); empty for an instantaneous release */
  times: Float64Array
  /** rate on each segment, kg/s */
  rates: Float64Array
  /** instantaneous mass, kg (0 for continuous) */
  instantMassKg: number
  /** temperature of the released gas, K (for the density / dense-gas switch) */
  temperatureK: number
  /** horizontal source size (pool radius), m — gives an initial σy */
  sourceRadiusM: number
  /** mole fraction of the substance in the gas leaving the source (1 unless an evaporating pool) */
  sourceMoleFraction?: number
  /** what happened, in words */
  notes: string[]
  warnings: string[]
}

export function totalMass(h: ReleaseHistory): number {
  let m = h.instantMassKg
  for (let i = 0; i < h.rates.length; i++) m += h.rates[i] * (h.times[i + 1] - h.times[i])
  return m
}

export function peakRate(h: ReleaseHistory): number {
  let m = 0
  for (let i = 0; i < h.rates.length; i++) m = Math.max(m, h.rates[i])
  return m
}

export function directContinuous(rateKgS: number, durationS: number, temperatureK: number): ReleaseHistory {
  return {
    times: Float64Array.of(0, durationS),
    rates: Float64Array.of(rateKgS),
    instantMassKg: 0,
    temperatureK,
    sourceRadiusM: 0,
    notes: [`direct release ${rateKgS} kg/s for ${Number.isFinite(durationS) ? durationS + ' s' : 'ever'}`],
    warnings: [],
  }
}

export function directInstantaneous(massKg: number, temperatureK: number): ReleaseHistory {
  return {
    times: new Float64Array(0),
    rates: new Float64Array(0),
    instantMassKg: massKg,
    temperatureK,
    sourceRadiusM: 0,
    notes: [`instantaneous release of ${massKg} kg`],
    warnings: [],
  }
}

/** A given rate time series: rates[i] applies from times[i] to times[i+1] (last one to `endS`). */
export function timeSeries(
  times: readonly number[],
  rates: readonly number[],
  endS: number,
  tK: number,
): ReleaseHistory {
  const t = new Float64Array(rates.length + 1)
  for (let i = 0; i < rates.length; i++) t[i] = times[i]
  t[rates.length] = endS
  return {
    times: t,
    rates: Float64Array.from(rates),
    instantMassKg: 0,
    temperatureK: tK,
    sourceRadiusM: 0,
    notes: [`time-varying release, ${rates.length} segments`],
    warnings: [],
  }
}

/**
 * Mass flow of an ideal gas through an orifice, kg/s.
 * Choked when P/Pa ≥ ((γ+1)/2)^{γ/(γ−1)}: ṁ = Cd·A·P·√(γ M/(R T) · (2/(γ+1))^{(γ+1)/(γ−1)});
 * otherwise ṁ = Cd·A·P·√(2 M/(R T) · γ/(γ−1) · [(Pa/P)^{2/γ} − (Pa/P)^{(γ+1)/γ}]).
 * @param pPa upstream absolute pressure, Pa
 * @param tK upstream temperature, K
 * @param areaM2 hole area, m²
 * @param molarMass kg/kmol
 */
export function gasOrificeRate(
  pPa: number,
  tK: number,
  areaM2: number,
  molarMass: number,
  gamma: number,
  cd: number,
  pAmbPa = P_ATM,
): { rateKgS: number; choked: boolean } {
  if (pPa <= pAmbPa) return { rateKgS: 0, choked: false }
  const m = molarMass / 1000
  const crit = Math.pow((gamma + 1) / 2, gamma / (gamma - 1))
  if (pPa / pAmbPa >= crit) {
    const k = ((gamma * m) / (R_GAS * tK)) * Math.pow(2 / (gamma + 1), (gamma + 1) / (gamma - 1))
    return { rateKgS: cd * areaM2 * pPa * Math.sqrt(k), choked: true }
  }
  const r = pAmbPa / pPa
  const k =
    ((2 * m) / (R_GAS * tK)) * (gamma / (gamma - 1)) * (Math.pow(r, 2 / gamma) - Math.pow(r, (gamma + 1) / gamma))
  return { rateKgS: cd * areaM2 * pPa * Math.sqrt(Math.max(k, 0)), choked: false }
}

export interface GasHoleInput {
  pressurePa: number
  temperatureK: number
  holeDiameterM: number
  cd: number
  /** vessel volume, m³; null = supply held at pressure (a pipe fed from a large inventory) */
  vesselVolumeM3: number | null
  /** release duration cap, s */
  maxDurationS: number
  pAmbPa: number
}

/** Gas escaping through a hole; a finite vessel blows down isothermally. */
export function gasHoleRelease(s: SubstanceRecord, inp: GasHoleInput): ReleaseHistory {
  const area = (Math.PI * inp.holeDiameterM * inp.holeDiameterM) / 4
  const first = gasOrificeRate(inp.pressurePa, inp.temperatureK, area, s.molarMass, s.gamma, inp.cd, inp.pAmbPa)
  // The gas cools as it expands; at the choked throat T* = 2T/(γ+1). Used only for the density switch.
  const tJet = first.choked ? (2 * inp.temperatureK) / (s.gamma + 1) : inp.temperatureK
  const notes = [
    `gas hole ${inp.holeDiameterM} m: ${first.choked ? 'choked' : 'unchoked'} flow, initial ${first.rateKgS.toPrecision(3)} kg/s`,
  ]
  if (inp.vesselVolumeM3 === null) {
    const h = directContinuous(first.rateKgS, inp.maxDurationS, tJet)
    return { ...h, notes }
  }
  const m = s.molarMass / 1000
  let mass = (inp.pressurePa * inp.vesselVolumeM3 * m) / (R_GAS * inp.temperatureK)
  const times: number[] = [0]
  const rates: number[] = []
  let t = 0
  // Step so that each step releases at most ~2 % of the inventory.
  const dt0 = Math.max(0.05, (0.02 * mass) / Math.max(first.rateKgS, 1e-9))
  while (t < inp.maxDurationS && rates.length < 2000) {
    const p = (mass * R_GAS * inp.temperatureK) / (m * inp.vesselVolumeM3)
    const r = gasOrificeRate(p, inp.temperatureK, area, s.molarMass, s.gamma, inp.cd, inp.pAmbPa).rateKgS
    if (r <= 1e-9) break
    const dt = Math.min(dt0 * Math.max(1, first.rateKgS / r), inp.maxDurationS - t)
    const dm = Math.min(mass, r * dt)
    rates.push(dm / dt)
    mass -= dm
    t += dt
    times.push(t)
  }
  notes.push(`vessel blow-down over ${t.toFixed(0)} s`)
  return compress({
    times: Float64Array.from(times),
    rates: Float64Array.from(rates),
    instantMassKg: 0,
    temperatureK: tJet,
    sourceRadiusM: 0,
    notes,
    warnings: [],
  })
}

export interface TankInput {
  tankDiameterM: number
  /** liquid level above the hole, m */
  liquidHeightM: number
  holeDiameterM: number
  cd: number
  /** head-space absolute pressure, Pa (for a liquefied gas: its vapour pressure) */
  headPressurePa: number | null
  liquidTemperatureK: number
  airTemperatureK: number
  u10: number
  ground: GroundKind
  maxPoolAreaM2: number | null
  maxDurationS: number
  pAmbPa: number
}

/**
 * Liquid draining from a vertical cylindrical tank. Superheated liquids flash; the airborne part
 * (vapour + aerosol) is emitted directly, the rest rains out into an evaporating pool.
 */
export function tankDrainRelease(s: SubstanceRecord, inp: TankInput): ReleaseHistory {
  const rho = s.liquidDensity
  const aHole = (Math.PI * inp.holeDiameterM ** 2) / 4
  const aTank = (Math.PI * inp.tankDiameterM ** 2) / 4
  const pv = vapourPressure(s, inp.liquidTemperatureK)
  const pHead = inp.headPressurePa ?? Math.max(inp.pAmbPa, pv)
  const dP = Math.max(0, pHead - inp.pAmbPa)
  const hv = latentHeatPerKg(s)
  const flash = Math.max(0, Math.min(1, (s.liquidCp * (inp.liquidTemperatureK - s.boilingPointK)) / hv))
  const airborne = Math.min(1, 2 * flash)
  const notes: string[] = []
  const warnings: string[] = []
  const dt = 1
  const nMax = Math.ceil(inp.maxDurationS / dt)
  const outflow = new Float64Array(nMax)
  let h = inp.liquidHeightM
  let n = 0
  for (; n < nMax && h > 0; n++) {
    // Bernoulli through the hole with the current head (Crowl & Louvar 4-7), RK2 on the level.
    const rate = (hh: number) => inp.cd * aHole * rho * Math.sqrt(2 * (dP / rho + G_ACC * Math.max(hh, 0)))
    const r1 = rate(h)
    const r2 = rate(h - (r1 * dt) / (2 * rho * aTank))
    const dm = Math.min(r2 * dt, h * rho * aTank)
    outflow[n] = dm / dt
    h -= dm / (rho * aTank)
    if (dP === 0 && h <= 1e-6) break
  }
  const drained = outflow.subarray(0, Math.max(n, 1))
  notes.push(
    `tank drain: initial ${drained[0].toPrecision(3)} kg/s, ${h > 1e-6 ? 'still leaking' : 'empty'} after ${drained.length} s`,
  )
  if (flash > 0)
    notes.push(
      `flash fraction ${(flash * 100).toFixed(1)} %, airborne (vapour + aerosol) ${(airborne * 100).toFixed(1)} %`,
    )
  const direct = new Float64Array(drained.length)
  const toPool = new Float64Array(drained.length)
  for (let i = 0; i < drained.length; i++) {
    direct[i] = drained[i] * airborne
    toPool[i] = drained[i] * (1 - airborne)
  }
  let total = direct
  let radius = 0
  let tGas = flash > 0 ? s.boilingPointK : inp.airTemperatureK
  if (airborne < 1) {
    const pool = poolEvaporation(s, {
      inflowKgS: toPool,
      inflowDt: dt,
      liquidTemperatureK: Math.min(inp.liquidTemperatureK, s.boilingPointK),
      airTemperatureK: inp.airTemperatureK,
      u10: inp.u10,
      ground: inp.ground,
      maxAreaM2: inp.maxPoolAreaM2,
      maxDurationS: inp.maxDurationS,
    })
    notes.push(...pool.notes)
    warnings.push(...pool.warnings)
    radius = pool.maxRadiusM
    const len = Math.max(direct.length, pool.rates.length)
    total = new Float64Array(len)
    for (let i = 0; i < len; i++) total[i] = (direct[i] ?? 0) + (pool.rates[i] ?? 0)
    if (flash === 0) tGas = Math.min(inp.airTemperatureK, s.boilingPointK)
  }
  const times = new Float64Array(total.length + 1)
  for (let i = 0; i <= total.length; i++) times[i] = i * dt
  const xPool = Math.min(1, vapourPressure(s, Math.min(inp.liquidTemperatureK, s.boilingPointK)) / inp.pAmbPa)
  const moleFraction = airborne > 0 || s.boilingPointK < inp.airTemperatureK ? 1 : xPool
  return compress({
    times,
    rates: total,
    instantMassKg: 0,
    temperatureK: tGas,
    sourceRadiusM: radius,
    sourceMoleFraction: moleFraction,
    notes,
    warnings,
  })
}

export type GroundKind = 'soil' | 'concrete'
/** Ground thermal conductivity W/(m K) and diffusivity m²/s (CCPS 1999 table 2.12, average values). */
export const GROUND_THERMAL: Record<GroundKind, { k: number; alpha: number }> = {
  soil: { k: 0.9, alpha: 4.3e-7 },
  concrete: { k: 1.1, alpha: 5.0e-7 },
}

export interface PoolInput {
  /** inflow into the pool, kg/s per step; or use `spillMassKg` for an instantaneous spill */
  inflowKgS?: Float64Array
  inflowDt?: number
  spillMassKg?: number
  liquidTemperatureK: number
  airTemperatureK: number
  u10: number
  ground: GroundKind
  maxAreaM2: number | null
  maxDurationS: number
  /** minimum pool depth, m (ALOHA's default puddle thickness 0.5 cm) */
  minDepthM?: number
}

/**
 * Evaporating, spreading pool, integrated with 1-s steps.
 * @returns evaporation rate per step (kg/s) and the largest radius
 */
export function poolEvaporation(
  s: SubstanceRecord,
  inp: PoolInput,
): { rates: Float64Array; maxRadiusM: number; notes: string[]; warnings: string[] } {
  const dt = inp.inflowDt ?? 1
  const n = Math.ceil(inp.maxDurationS / dt)
  const rates = new Float64Array(n)
  const rho = s.liquidDensity
  const hv = latentHeatPerKg(s)
  const mKg = s.molarMass / 1000
  const boiling = s.boilingPointK < inp.airTemperatureK
  const gth = GROUND_THERMAL[inp.ground]
  const hMin = inp.minDepthM ?? 0.005
  const rMax = inp.maxAreaM2 ? Math.sqrt(inp.maxAreaM2 / Math.PI) : Infinity
  // Mackay & Matsugu (1973): k = 0.0048 u^{7/9} d^{-1/9} Sc^{-2/3}; Sc = ν/D with D by Graham's law from water.
  const dMol = 2.5e-5 * Math.sqrt(18.015 / s.molarMass)
  const sc = 1.5e-5 / dMol
  let mass = inp.spillMassKg ?? 0
  let r = mass > 0 ? Math.min(rMax, Math.max(0.5, Math.cbrt(mass / rho))) : 0
  let maxR = r
  let tWet = 0
  let i = 0
  for (; i < n; i++) {
    const inflow = inp.inflowKgS && i < inp.inflowKgS.length ? inp.inflowKgS[i] : 0
    mass += inflow * dt
    if (mass <= 1e-9) {
      if (!inp.inflowKgS || i >= inp.inflowKgS.length) break
      continue
    }
    if (r === 0) r = Math.min(rMax, 0.5)
    tWet += dt
    const area = Math.PI * r * r
    const depth = mass / (rho * area)
    // Gravity spreading until the minimum depth or the dike wall.
    if (depth > hMin && r < rMax)
      r = Math.min(rMax, r + Math.sqrt(2 * G_ACC * depth) * dt, Math.sqrt(mass / (rho * hMin * Math.PI)))
    maxR = Math.max(maxR, r)
    const a = Math.PI * r * r
    let e: number
    if (boiling) {
      const q = (gth.k * (inp.airTemperatureK - s.boilingPointK)) / Math.sqrt(Math.PI * gth.alpha * tWet)
      e = (q * a) / hv
    } else {
      const km = 0.0048 * Math.pow(Math.max(inp.u10, 0.5), 7 / 9) * Math.pow(2 * r, -1 / 9) * Math.pow(sc, -2 / 3)
      const pv = Math.min(vapourPressure(s, inp.liquidTemperatureK), P_ATM)
      e = (km * a * mKg * pv) / (R_GAS * inp.liquidTemperatureK)
    }
    const de = Math.min(mass, e * dt)
    rates[i] = de / dt
    mass -= de
  }
  const notes = [
    `${boiling ? 'boiling pool (ground heat)' : 'evaporating pool (Mackay–Matsugu)'}: max radius ${maxR.toFixed(1)} m${mass > 1e-6 ? `, ${mass.toFixed(0)} kg left at the end` : ''}`,
  ]
  const warnings = boiling ? [] : ['pool temperature held at the liquid temperature (no pool energy balance)']
  return { rates: rates.subarray(0, Math.max(i, 1)), maxRadiusM: maxR, notes, warnings }
}

/** Merge runs of nearly equal rates so that histories stay short (≤ ~200 segments). */
export function compress(h: ReleaseHistory, relTol = 0.02): ReleaseHistory {
  const t: number[] = [h.times[0] ?? 0]
  const r: number[] = []
  let acc = 0
  let start = h.times[0] ?? 0
  let ref = -1
  for (let i = 0; i < h.rates.length; i++) {
    const dt = h.times[i + 1] - h.times[i]
    const ri = h.rates[i]
    if (ref < 0) ref = ri
    if (Math.abs(ri - ref) > relTol * Math.max(ref, 1e-12) && h.times[i] > start) {
      r.push(acc / (h.times[i] - start))
      t.push(h.times[i])
      start = h.times[i]
      acc = 0
      ref = ri
    }
    acc += ri * dt
  }
  if (h.rates.length) {
    const end = h.times[h.rates.length]
    r.push(acc / (end - start))
    t.push(end)
  }
  // Drop trailing zero-rate segments.
  while (r.length > 1 && r[r.length - 1] === 0) {
    r.pop()
    t.pop()
  }
  return { ...h, times: Float64Array.from(t), rates: Float64Array.from(r) }
}
