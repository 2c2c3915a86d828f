import { describe, expect, it } from 'vitest'
import { createRng } from '@sim/core/rng'
import {
  anchorsAlongNetwork,
  createRoadNetwork,
  horizontalErrors,
  RangeTracker,
  simulateUwb,
  solveBatch,
} from '@sim/positioning'
import type { Fix } from '@sim/positioning'
import { median, quantile } from '@sim/positioning/linalg'

// A small coal-mine layout 300 m below the surface: a main roadway with a slight grade and two panel roadways.
const mine = createRoadNetwork([
  [
    { x: 0, y: 0, z: -300 },
    { x: 150, y: 0, z: -302 },
    { x: 300, y: 0, z: -304 },
  ],
  [
    { x: 150, y: 0, z: -302 },
    { x: 150, y: 120, z: -300 },
  ],
  [
    { x: 300, y: 0, z: -304 },
    { x: 300, y: -100, z: -306 },
  ],
])
const anchors = anchorsAlongNetwork(mine, 40, 2.5, 2)

function simulateMine(seed: number) {
  return simulateUwb({
    anchors,
    network: mine,
    tags: 4,
    duration_s: 180,
    noiseSigma_m: 0.1,
    bias_m: 0.2,
    nlosRatePerS: 0.03,
    nlosMean_m: 0.8,
    dropoutProb: 0.1,
    maxRange_m: 70,
    rng: createRng(seed),
  })
}

describe('range tracker', () => {
  it('anchors along roadways: at most 50 m apart', () => {
    expect(anchors.length).toBeGreaterThan(10)
  })

  it('roadway constraint resolves the cross-track ambiguity of collinear anchors (live, causal)', () => {
    const sim = simulateMine(21)
    const run = (constrained: boolean) => {
      const tracker = new RangeTracker({
        anchors,
        mode: '2d',
        sigma_m: 0.1,
        bias_m: 0.2,
        network: constrained ? mine : undefined,
        tagHeightAboveRoad_m: 1,
        roadHalfWidth_m: 2,
        height_m: constrained ? undefined : -301,
      })
      const fixes: Fix[] = []
      for (const ep of sim.epochs) {
        const f = tracker.update(ep.tag, ep.t_s, ep.ranges)
        if (f) fixes.push(f)
      }
      return horizontalErrors(fixes, sim.truth)
    }
    const free = run(false)
    const road = run(true)
    console.log(
      `[uwb mine] live tracker median/p95 free ${median(free).toFixed(3)}/${quantile(free, 0.95).toFixed(3)} m, ` +
        `on roadways ${median(road).toFixed(3)}/${quantile(road, 0.95).toFixed(3)} m`,
    )
    expect(road.length).toBeGreaterThan(0.95 * sim.epochs.length)
    expect(median(road)).toBeLessThan(0.3)
    expect(quantile(road, 0.95)).toBeLessThan(quantile(free, 0.95))
  })

  it('batch smoothing on the roadway network', () => {
    const sim = simulateMine(22)
    const res = solveBatch(anchors, sim.epochs, { network: mine, tagHeightAboveRoad_m: 1 })
    const e = horizontalErrors(res.fixes, sim.truth)
    console.log(`[uwb mine] batch on roadways median ${median(e).toFixed(3)} m, p95 ${quantile(e, 0.95).toFixed(3)} m`)
    expect(median(e)).toBeLessThan(0.2)
  })

  it('estimates the common bias online', () => {
    const sim = simulateMine(23)
    const tracker = new RangeTracker({
      anchors,
      mode: '2d',
      network: mine,
      tagHeightAboveRoad_m: 1,
      estimateBias: true,
    })
    for (const ep of sim.epochs) tracker.update(ep.tag, ep.t_s, ep.ranges)
    expect(Math.abs(tracker.bias_m - 0.2)).toBeLessThan(0.08)
  })

  it('restarts after a long gap instead of coasting', () => {
    const sim = simulateMine(24)
    const tracker = new RangeTracker({ anchors, mode: '2d', network: mine, tagHeightAboveRoad_m: 1, bias_m: 0.2 })
    const t0 = sim.epochs.filter((e) => e.tag === 't0')
    const truth = sim.truth.filter((e) => e.tag === 't0')
    // Feed the first 30 s, then skip 60 s.
    let last: Fix | null = null
    t0.forEach((ep, i) => {
      if (ep.t_s > 30 && ep.t_s < 90) return
      const f = tracker.update(ep.tag, ep.t_s, ep.ranges)
      if (ep.t_s >= 90 && !last && f) {
        last = f
        expect(Math.hypot(f.x - truth[i].x, f.y - truth[i].y)).toBeLessThan(1)
      }
    })
    expect(last).not.toBeNull()
  })
})
