/**
 * Device records: gas detectors, the pressure and temperature transmitters on every tank and
 * unit, and the met station's three instruments. Alarm bands of the transmitters sit around the
 * nominal operating point; ranges are rounded up to the Renard steps instrument makers sell.
 */
import type { z } from 'zod'
import type { SceneSchema } from '@sim/scene/sceneSchema'
import type { PlacedDetector } from './detectors'
import { lngLat, type Coord, type Pt } from './local'
import { ORIGIN } from './park'
import type { PlantSpec, TankSpec, UnitSpec } from './plants'
import { substance } from './substances'

type Device = z.input<typeof SceneSchema>['devices'][number]
type Band = readonly [number, number, number, number]

const sig3 = (x: number) => {
  const r = Number(x.toPrecision(3))
  return Object.is(r, -0) ? 0 : r
}

/** Smallest R5-series value (1, 1.6, 2.5, 4, 6.3 → 6, 10 …) at or above x > 0. */
export function niceCeil(x: number): number {
  const k = Math.floor(Math.log10(x))
  const m = x / 10 ** k
  const step = [1, 1.6, 2.5, 4, 6, 10].find((s) => s >= m - 1e-9) ?? 10
  return sig3(step * 10 ** k)
}

/** A symmetric band around the nominal value when the plant spec gives none. */
function autoBand(nominal: number, kind: 'p' | 't'): Band {
  const d = kind === 'p' ? Math.max(0.12 * Math.abs(nominal), 0.5) : Math.max(0.08 * Math.abs(nominal), 4)
  return [nominal - 2 * d, nominal - d, nominal + d, nominal + 2 * d].map(sig3) as unknown as Band
}

function rangeFor(b: Band): { min: number; max: number } {
  const min = b[0] < 0 ? -niceCeil(-b[0] * 1.25) : 0
  const max = b[3] > 0 ? niceCeil(b[3] * 1.25) : 0
  return { min, max }
}

function transmitter(
  id: string,
  pl: PlantSpec,
  type: 'pressure' | 'temperature',
  of: { tag: string; zh: string; en: string; id: string },
  at: Pt,
  height: number,
  nominal: number,
  band: Band,
): Device {
  const p = type === 'pressure'
  return {
    id,
    enterpriseId: pl.id,
    type,
    name: { zh: `${of.zh} ${p ? '压力' : '温度'}`, en: `${of.en} ${p ? 'pressure' : 'temperature'}` },
    position: lngLat(ORIGIN, at),
    height_m: height,
    unit: p ? 'kPa' : 'degC',
    range: rangeFor(band),
    thresholds: { lowLow: band[0], low: band[1], high: band[2], highHigh: band[3] },
    monitors: of.id,
    nominal,
  }
}

export function tankTransmitters(pl: PlantSpec, t: TankSpec, id: string, c: Pt): Device[] {
  const tag = t.tag.replace('-', '')
  const of = { tag: t.tag, zh: t.tag, en: t.tag, id }
  return [
    // Pressure on the roof, temperature low on the shell where the liquid is.
    transmitter(`${pl.code}-PT-${tag}`, pl, 'pressure', of, c, t.h, t.p, t.pBand ?? autoBand(t.p, 'p')),
    transmitter(
      `${pl.code}-TT-${tag}`,
      pl,
      'temperature',
      of,
      [c[0] + t.d / 2, c[1]],
      Math.min(1.5, t.h / 3),
      t.t,
      t.tBand ?? autoBand(t.t, 't'),
    ),
  ]
}

export function unitTransmitters(pl: PlantSpec, u: UnitSpec, id: string, c: Pt): Device[] {
  const of = { tag: u.tag, zh: `${u.tag} ${u.zh}`, en: `${u.tag} ${u.en}`, id }
  return [
    transmitter(`${pl.code}-PT-${u.tag}`, pl, 'pressure', of, c, sig3(u.h * 0.6), u.p, u.pBand ?? autoBand(u.p, 'p')),
    transmitter(
      `${pl.code}-TT-${u.tag}`,
      pl,
      'temperature',
      of,
      [c[0] + 3, c[1]],
      sig3(u.h * 0.4),
      u.t,
      u.tBand ?? autoBand(u.t, 't'),
    ),
  ]
}

export function gasDetector(id: string, enterpriseId: string, d: PlacedDetector, at: Coord, height: number): Device {
  const s = substance(d.substance)
  const toxic = d.kind === 'toxic'
  if (toxic && !s.toxic) throw new Error(`no toxic set-points for ${d.substance}`)
  return {
    id,
    enterpriseId,
    type: toxic ? 'gas_toxic' : 'gas_combustible',
    name: {
      zh: `${s.zh}${toxic ? '有毒' : '可燃'}气体探测器`,
      en: `${s.en} ${toxic ? 'toxic' : 'combustible'} gas detector`,
    },
    position: at,
    height_m: height,
    substance: d.substance,
    unit: toxic ? 'ppm' : '%LEL',
    range: { min: 0, max: toxic ? s.toxic!.max : 100 },
    thresholds: toxic ? { high: s.toxic!.high, highHigh: s.toxic!.highHigh } : { high: 25, highHigh: 50 },
    nominal: 0,
  }
}

/** The park met mast: 10 m, the WMO standard height for surface wind. */
export function metDevices(at: Coord): Device[] {
  const met = { enterpriseId: null, position: at, height_m: 10 }
  return [
    // Beaufort 6 (strong breeze) and 8 (gale): the limits for outdoor work at height and for aerial ladders.
    {
      id: 'MET-WS',
      ...met,
      type: 'wind_speed',
      name: { zh: '风速', en: 'Wind speed' },
      unit: 'm/s',
      range: { min: 0, max: 60 },
      thresholds: { high: 10.8, highHigh: 17.2 },
      nominal: 2.8,
    },
    // Meteorological convention: the direction the wind blows from, clockwise from north.
    {
      id: 'MET-WD',
      ...met,
      type: 'wind_direction',
      name: { zh: '风向', en: 'Wind direction' },
      unit: 'deg',
      range: { min: 0, max: 360 },
      thresholds: {},
      nominal: 112,
    },
    {
      id: 'MET-AT',
      ...met,
      type: 'air_temperature',
      name: { zh: '气温', en: 'Air temperature' },
      unit: 'degC',
      range: { min: -40, max: 60 },
      thresholds: { lowLow: -10, low: -5, high: 35, highHigh: 40 },
      nominal: 16.5,
    },
  ]
}
