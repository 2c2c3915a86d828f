import { createRng } from '@sim/core/rng'
import { createRoadNetwork, simulateUwb } from '@sim/positioning'
import type { Anchor, UwbSimOptions } from '@sim/positioning'

/** A 20 × 12 m hall: a walkway loop with a cross aisle, six anchors at 2.4–2.8 m (nearly coplanar, as in real rooms). */
export const hallNetwork = createRoadNetwork([
  [
    { x: 2, y: 2, z: 0 },
    { x: 18, y: 2, z: 0 },
    { x: 18, y: 10, z: 0 },
    { x: 2, y: 10, z: 0 },
    { x: 2, y: 2, z: 0 },
  ],
  [
    { x: 10, y: 2, z: 0 },
    { x: 10, y: 10, z: 0 },
  ],
])

export const hallAnchors: Anchor[] = [
  [0, 0, 2.5],
  [20, 0, 2.7],
  [20, 12, 2.4],
  [0, 12, 2.6],
  [10, 0, 2.8],
  [10, 12, 2.5],
].map(([x, y, z], i) => ({ id: `a${i}`, x, y, z }))

/** Realistic error levels for the three accuracy scenarios (σ = 0.08 m white noise throughout). */
export const SCENARIOS: Record<string, Partial<UwbSimOptions>> = {
  los: { noiseSigma_m: 0.08 },
  bias: { noiseSigma_m: 0.08, bias_m: 0.3, anchorBiasSigma_m: 0.05 },
  nlos: {
    noiseSigma_m: 0.08,
    bias_m: 0.3,
    anchorBiasSigma_m: 0.05,
    nlosRatePerS: 0.05,
    nlosMean_m: 0.6,
    spikeProb: 0.02,
    dropoutProb: 0.1,
  },
}

export function simulateHall(scenario: keyof typeof SCENARIOS, seed = 1, tags = 4, duration_s = 120) {
  return simulateUwb({
    anchors: hallAnchors,
    network: hallNetwork,
    tags,
    duration_s,
    rng: createRng(seed),
    ...SCENARIOS[scenario],
  })
}
