import { describe, it, expect } from 'vitest'
import { createRng } from '@sim/core/rng'
import { createSignalModel, stepSignals } from '@sim/sensors/deviceSignals'
import { applyStoredRecord, createDeadbandState, encodeForStorage } from '@sim/telemetry/deadbandCodec'
import { tinyScene } from '../../helpers/tinyScene'

describe('deadband telemetry codec', () => {
  const scene = tinyScene(200)
  const n = scene.devices.length
  const spans = scene.devices.map((d) => d.range.max - d.range.min)

  function record(ticks: number, frac = 0.005) {
    const model = createSignalModel(scene.devices, { dropoutP: 5e-4 })
    const rng = createRng(11)
    const v = new Float32Array(n),
      s = new Uint8Array(n)
    const st = createDeadbandState(spans, { deadbandFrac: frac, fullEveryMs: 10_000 })
    const truth: { v: Float32Array; s: Uint8Array }[] = []
    const records: { full: boolean; data: Uint8Array }[] = []
    for (let k = 0; k < ticks; k++) {
      stepSignals(model, 0.1, rng, v, s)
      truth.push({ v: v.slice(), s: s.slice() })
      records.push(encodeForStorage(st, k, 1000 + k * 100, 0, v, s))
    }
    return { truth, records }
  }

  it('rebuilds every frame within the deadband, with exact statuses', () => {
    const { truth, records } = record(1200)
    const v = new Float32Array(n),
      s = new Uint8Array(n)
    let worst = 0
    records.forEach((r, k) => {
      const meta = applyStoredRecord(r.data, v, s)
      expect(meta.seq).toBe(k)
      expect(Array.from(s)).toEqual(Array.from(truth[k].s))
      for (let i = 0; i < n; i++) {
        if (truth[k].s[i] !== 0) continue
        const err = Math.abs(v[i] - truth[k].v[i])
        worst = Math.max(worst, err / (0.005 * spans[i]))
        expect(err).toBeLessThanOrEqual(0.005 * spans[i] * (1 + 1e-6) + 1e-6)
      }
    })
    expect(worst).toBeGreaterThan(0) // it did compress something
  })

  it('stores a full frame every 10 s and is much smaller than raw frames', () => {
    const { records } = record(1200)
    const fulls = records.filter((r) => r.full).length
    expect(fulls).toBe(12)
    const bytes = records.reduce((a, r) => a + r.data.byteLength, 0)
    const raw = records.length * (24 + 5 * n)
    expect(bytes).toBeLessThan(raw / 3)
  })

  it('a zero deadband is lossless', () => {
    const { truth, records } = record(300, 0)
    const v = new Float32Array(n),
      s = new Uint8Array(n)
    records.forEach((r, k) => {
      applyStoredRecord(r.data, v, s)
      for (let i = 0; i < n; i++) if (truth[k].s[i] === 0) expect(v[i]).toBe(truth[k].v[i])
    })
  })
})
