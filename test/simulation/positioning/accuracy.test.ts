import { describe, expect, it } from 'vitest'
import { horizontalErrors, solveBatch } from '@sim/positioning'
import { median, quantile } from '@sim/positioning/linalg'
import { hallAnchors, simulateHall } from './fixtures'

/**
 * Accuracy against simulated truth: four people walking a hall for two minutes at 10 Hz,
 * σ = 0.08 m range noise; 'bias' adds a 0.3 m constant bias and 0.05 m per-anchor biases;
 * 'nlos' adds NLOS episodes (mean +0.6 m), 2 % spikes (mean +1.5 m) and 10 % dropouts.
 */
const BOUNDS = {
  los: { median: 0.05, p95: 0.12 },
  bias: { median: 0.05, p95: 0.12 },
  nlos: { median: 0.07, p95: 0.2 },
} as const

describe('batch accuracy on simulated truth', () => {
  for (const scenario of ['los', 'bias', 'nlos'] as const) {
    it(`${scenario}: median and p95 horizontal error`, () => {
      const sim = simulateHall(scenario)
      const figures: Record<string, string> = {}
      for (const method of ['epoch', 'filter', 'smooth'] as const) {
        const res = solveBatch(hallAnchors, sim.epochs, { method })
        const e = horizontalErrors(res.fixes, sim.truth)
        expect(e.length).toBeGreaterThan(0.99 * sim.epochs.length)
        figures[method] = `median ${median(e).toFixed(3)} m, p95 ${quantile(e, 0.95).toFixed(3)} m`
        if (method === 'smooth') {
          expect(median(e)).toBeLessThan(BOUNDS[scenario].median)
          expect(quantile(e, 0.95)).toBeLessThan(BOUNDS[scenario].p95)
        }
      }
      console.log(`[uwb accuracy] ${scenario}: ${JSON.stringify(figures)}`)
    })
  }

  it('recovers a known constant bias from the session', () => {
    const sim = simulateHall('bias', 5, 2, 60)
    const res = solveBatch(hallAnchors, sim.epochs, {})
    const meanAnchor = Object.values(sim.anchorBias).reduce((s, v) => s + v, 0) / hallAnchors.length
    for (const t of Object.values(res.tags)) {
      // The tag bias carries the common part; per-anchor deviations are zero-mean by construction.
      expect(Math.abs(t.bias_m - (0.3 + meanAnchor))).toBeLessThan(0.03)
    }
    for (const a of hallAnchors)
      expect(Math.abs(res.anchorBias_m[a.id] - (sim.anchorBias[a.id] - meanAnchor))).toBeLessThan(0.04)
  })

  it('estimates the tag height in 2D mode when it is not given', () => {
    const sim = simulateHall('los', 9, 2, 60)
    const res = solveBatch(hallAnchors, sim.epochs, {})
    expect(res.mode).toBe('2d')
    for (const t of Object.values(res.tags)) expect(Math.abs((t.height_m ?? 0) - 1.0)).toBeLessThan(0.15)
  })

  it('calibrated bias beats ignoring it', () => {
    const sim = simulateHall('bias', 11, 2, 60)
    const on = horizontalErrors(solveBatch(hallAnchors, sim.epochs, { method: 'epoch' }).fixes, sim.truth)
    const off = horizontalErrors(
      solveBatch(hallAnchors, sim.epochs, { method: 'epoch', calibrate: false, tagHeight_m: 1 }).fixes,
      sim.truth,
    )
    console.log(
      `[uwb bias] epoch LS median with calibration ${median(on).toFixed(3)} m, without ${median(off).toFixed(3)} m`,
    )
    expect(median(on)).toBeLessThan(median(off))
  })
})
