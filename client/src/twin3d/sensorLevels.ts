/**
 * Reading → alarm level → colour, for the sensor instances. Thresholds are unpacked once per
 * scene into typed arrays (NaN where a limit is absent, so every comparison with it is false),
 * so classifying 10,000 readings is a tight loop with no object lookups.
 */
import { DeviceStatus } from '@sim/protocol/telemetryFrame'
import type { Device } from '@sim/scene/sceneSchema'

export const SensorLevel = { normal: 0, high: 1, highHigh: 2, noData: 3, fault: 4 } as const
export type SensorLevel = (typeof SensorLevel)[keyof typeof SensorLevel]
export const SENSOR_LEVEL_NAMES = ['normal', 'high', 'highHigh', 'noData', 'fault'] as const

/**
 * sRGB colours chosen for a dark wall: the normal state is a calm cyan-green that does not
 * compete with alarms; amber and red are the conventional level-1 / level-2 colours of Chinese
 * gas-alarm panels; grey recedes; magenta cannot be mistaken for any alarm.
 */
export const SENSOR_LEVEL_COLORS: Readonly<Record<(typeof SENSOR_LEVEL_NAMES)[number], string>> = {
  normal: '#19e3b1',
  high: '#ffb000',
  highHigh: '#ff2d2d',
  noData: '#6b7686',
  fault: '#e040fb',
}

export interface DeviceThresholds {
  lowLow: Float32Array
  low: Float32Array
  high: Float32Array
  highHigh: Float32Array
}

export function buildThresholds(devices: readonly Pick<Device, 'thresholds'>[]): DeviceThresholds {
  const n = devices.length
  const t: DeviceThresholds = {
    lowLow: new Float32Array(n).fill(NaN),
    low: new Float32Array(n).fill(NaN),
    high: new Float32Array(n).fill(NaN),
    highHigh: new Float32Array(n).fill(NaN),
  }
  devices.forEach((d, i) => {
    const th = d.thresholds ?? {}
    if (th.lowLow !== undefined) t.lowLow[i] = th.lowLow
    if (th.low !== undefined) t.low[i] = th.low
    if (th.high !== undefined) t.high[i] = th.high
    if (th.highHigh !== undefined) t.highHigh[i] = th.highHigh
  })
  return t
}

/**
 * Level of device i. "Above high" means strictly above, as in the alarm rules: a reading equal to
 * the limit is still normal. Low limits mirror the high ones (a pressure falling below lowLow is
 * as serious as one above highHigh).
 */
export function classifyReading(t: DeviceThresholds, i: number, value: number, status: number): SensorLevel {
  if (status === DeviceStatus.fault) return SensorLevel.fault
  if (status === DeviceStatus.noData || status === DeviceStatus.offline || value !== value) return SensorLevel.noData
  if (value > t.highHigh[i] || value < t.lowLow[i]) return SensorLevel.highHigh
  if (value > t.high[i] || value < t.low[i]) return SensorLevel.high
  return SensorLevel.normal
}

/**
 * Classify every device into `levels` and write its colour into `rgb` (3 floats per device)
 * from `palette` (3 floats per level, already in the renderer's working colour space).
 * Returns how many devices changed level, so callers can skip work when nothing moved.
 */
export function classifyAll(
  t: DeviceThresholds,
  values: Float32Array,
  status: Uint8Array,
  palette: Float32Array,
  levels: Uint8Array,
  rgb: Float32Array,
): number {
  let changed = 0
  for (let i = 0; i < levels.length; i++) {
    const l = classifyReading(t, i, values[i], status[i])
    if (l !== levels[i]) changed++
    levels[i] = l
    rgb[3 * i] = palette[3 * l]
    rgb[3 * i + 1] = palette[3 * l + 1]
    rgb[3 * i + 2] = palette[3 * l + 2]
  }
  return changed
}
