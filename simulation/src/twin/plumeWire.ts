/**
 * The plume as screens receive it: the ground field quantised to one byte per cell on a log
 * scale (0.01 … 100,000 mg/m³, ~0.07 decades per step — far finer than any level of concern is
 * apart) plus the threat-zone rings. 62.5 kB for the default 250² grid instead of 250 kB.
 */
import type { GridSpec } from '../dispersion/field'

export const PLUME_LOG_MIN = -2 // log10(mg/m³)
export const PLUME_LOG_MAX = 5

export interface PlumeZoneWire {
  leakId: string
  label: string
  level_mg_m3: number
  maxDistance_m: number
  /** Outer ring, local metres [e0,n0,e1,n1,…], rounded to 0.1 m. */
  ring: number[]
}

export interface PlumeUpdate {
  sceneId: string
  t: number
  drill: boolean
  grid: GridSpec
  /** nx·ny bytes, row-major from the south-west corner; 0 = below PLUME_LOG_MIN. */
  field: Uint8Array
  zones: PlumeZoneWire[]
  leaks: {
    leakId: string
    substance: string
    e: number
    n: number
    rate_kg_s: number
    startedAt: number
    stoppedAt: number | null
  }[]
  wind: { speed_m_s: number; from_deg: number; stability: number } | null
}

export function quantiseField(field: Float32Array, out = new Uint8Array(field.length)): Uint8Array {
  const span = PLUME_LOG_MAX - PLUME_LOG_MIN
  for (let i = 0; i < field.length; i++) {
    const c = field[i]
    if (!(c > 10 ** PLUME_LOG_MIN)) {
      out[i] = 0
      continue
    }
    const q = Math.round((255 * (Math.log10(c) - PLUME_LOG_MIN)) / span)
    out[i] = q < 1 ? 1 : q > 255 ? 255 : q
  }
  return out
}

/** Concentration (mg/m³) a byte stands for (the geometric middle of its step). */
export function dequantise(q: number): number {
  if (q === 0) return 0
  return 10 ** (PLUME_LOG_MIN + (q / 255) * (PLUME_LOG_MAX - PLUME_LOG_MIN))
}
