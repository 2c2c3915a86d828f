import { describe, it, expect } from 'vitest'
import { createRng } from '@sim/core/rng'
import { createSignalModel, stepSignals } from '@sim/sensors/deviceSignals'
import { DeviceStatus } from '@sim/protocol/telemetryFrame'
import { tinyScene } from '../../helpers/tinyScene'

describe('device signal simulator', () => {
  const scene = tinyScene(50)
  const n = scene.devices.length

  function run(seed: number, ticks: number, overlay?: Float32Array) {
    const m = createSignalModel(scene.devices, { dropoutP: 1e-3 })
    const rng = createRng(seed)
    const v = new Float32Array(n),
      s = new Uint8Array(n)
    const trace: number[][] = []
    for (let k = 0; k < ticks; k++) {
      stepSignals(m, 0.1, rng, v, s, overlay)
      trace.push(Array.from(v))
    }
    return { trace, v, s }
  }

  it('is deterministic for a seed', () => {
    expect(run(5, 200).trace).toEqual(run(5, 200).trace)
    expect(run(5, 200).trace).not.toEqual(run(6, 200).trace)
  })

  it('keeps readings inside the instrument range and wind direction in [0,360)', () => {
    const { trace } = run(1, 3000)
    const wd = scene.devices.findIndex((d) => d.type === 'wind_direction')
    for (const row of trace)
      row.forEach((x, i) => {
        if (Number.isNaN(x)) return
        const d = scene.devices[i]
        if (i === wd) {
          expect(x).toBeGreaterThanOrEqual(0)
          expect(x).toBeLessThan(360)
        } else {
          expect(x).toBeGreaterThanOrEqual(d.range.min)
          expect(x).toBeLessThanOrEqual(d.range.max)
        }
      })
  })

  it('clean-air gas detectors stay far below their alarm level; a leak overlay raises them', () => {
    const { trace } = run(2, 1000)
    const gas = scene.devices.map((d, i) => (d.type === 'gas_combustible' ? i : -1)).filter((i) => i >= 0)
    let max = 0
    for (const row of trace) for (const i of gas) if (!Number.isNaN(row[i])) max = Math.max(max, row[i])
    expect(max).toBeLessThan(25)
    const overlay = new Float32Array(n)
    overlay[gas[0]] = 60
    const { v } = run(2, 5, overlay)
    if (!Number.isNaN(v[gas[0]])) expect(v[gas[0]]).toBeGreaterThan(50)
  })

  it('produces dropouts as NaN with a noData status, and recovers', () => {
    const { trace } = run(3, 2000)
    let nan = 0
    for (const row of trace) for (const x of row) if (Number.isNaN(x)) nan++
    const frac = nan / (trace.length * n)
    expect(frac).toBeGreaterThan(0)
    expect(frac).toBeLessThan(0.05)
    const m = createSignalModel(scene.devices, { dropoutP: 1 })
    const v = new Float32Array(n),
      s = new Uint8Array(n)
    stepSignals(m, 0.1, createRng(1), v, s)
    expect(s.every((x) => x === DeviceStatus.noData)).toBe(true)
  })

  it('drift wanders slowly: lag-1 autocorrelation of the wind speed is high', () => {
    const { trace } = run(4, 6000)
    const ws = scene.devices.findIndex((d) => d.type === 'wind_speed')
    const xs = trace.map((r) => r[ws]).filter((x) => !Number.isNaN(x))
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length
    let num = 0,
      den = 0
    for (let i = 1; i < xs.length; i++) num += (xs[i] - mean) * (xs[i - 1] - mean)
    for (const x of xs) den += (x - mean) ** 2
    expect(num / den).toBeGreaterThan(0.5)
  })
})
