import { describe, expect, test } from 'vitest'
import { DeviceStatus } from '@sim/protocol/telemetryFrame'
import {
  buildThresholds,
  classifyAll,
  classifyReading,
  SENSOR_LEVEL_NAMES,
  SensorLevel,
} from '../../../client/src/twin3d/sensorLevels'

const gas = { thresholds: { high: 25, highHigh: 50 } }
const pressure = { thresholds: { lowLow: 100, low: 200, high: 1200, highHigh: 1500 } }
const none = { thresholds: {} }
const th = buildThresholds([gas, pressure, none])

describe('classifyReading', () => {
  test('gas detector: normal, level 1 strictly above high, level 2 strictly above highHigh', () => {
    expect(classifyReading(th, 0, 3, DeviceStatus.ok)).toBe(SensorLevel.normal)
    expect(classifyReading(th, 0, 25, DeviceStatus.ok)).toBe(SensorLevel.normal)
    expect(classifyReading(th, 0, 25.1, DeviceStatus.ok)).toBe(SensorLevel.high)
    expect(classifyReading(th, 0, 50.5, DeviceStatus.ok)).toBe(SensorLevel.highHigh)
  })
  test('low limits mirror the high ones', () => {
    expect(classifyReading(th, 1, 800, DeviceStatus.ok)).toBe(SensorLevel.normal)
    expect(classifyReading(th, 1, 150, DeviceStatus.ok)).toBe(SensorLevel.high)
    expect(classifyReading(th, 1, 50, DeviceStatus.ok)).toBe(SensorLevel.highHigh)
    expect(classifyReading(th, 1, 1300, DeviceStatus.ok)).toBe(SensorLevel.high)
  })
  test('a device without limits is always normal when it reports', () => {
    expect(classifyReading(th, 2, 1e9, DeviceStatus.ok)).toBe(SensorLevel.normal)
  })
  test('no data, offline and NaN are grey; fault wins over any value', () => {
    expect(classifyReading(th, 0, NaN, DeviceStatus.ok)).toBe(SensorLevel.noData)
    expect(classifyReading(th, 0, 3, DeviceStatus.noData)).toBe(SensorLevel.noData)
    expect(classifyReading(th, 0, 3, DeviceStatus.offline)).toBe(SensorLevel.noData)
    expect(classifyReading(th, 0, 99, DeviceStatus.fault)).toBe(SensorLevel.fault)
  })
})

describe('classifyAll', () => {
  test('writes levels and palette colours, and counts level changes', () => {
    const palette = new Float32Array(SENSOR_LEVEL_NAMES.length * 3).map((_, i) => i) // level l → (3l, 3l+1, 3l+2)
    const levels = new Uint8Array(3).fill(SensorLevel.noData)
    const rgb = new Float32Array(9)
    const values = Float32Array.of(60, 800, NaN)
    const status = Uint8Array.of(DeviceStatus.ok, DeviceStatus.ok, DeviceStatus.noData)
    expect(classifyAll(th, values, status, palette, levels, rgb)).toBe(2)
    expect([...levels]).toEqual([SensorLevel.highHigh, SensorLevel.normal, SensorLevel.noData])
    expect([...rgb]).toEqual([6, 7, 8, 0, 1, 2, 9, 10, 11])
    expect(classifyAll(th, values, status, palette, levels, rgb)).toBe(0)
  })
})
