/**
 * UWB positioning throughput on one core. Goal: ≥ 20,000 fixes/s (2,000 tags at 10 Hz).
 *  - uwb.fixes_per_s: the live path, RangeTracker.update (robust single-epoch screen + EKF) on
 *    2,000 tags walking a hall with six anchors, NLOS and dropouts.
 *  - uwb.epoch_fixes_per_s: the single-epoch robust solver alone.
 *  - uwb.batch_fixes_per_s: the batch CLI pipeline (calibration + filter per motion-noise candidate + RTS).
 */
import { createRng } from '../../simulation/src/core/rng'
import { createRoadNetwork, RangeTracker, simulateUwb, solveBatch, solveFix } from '../../simulation/src/positioning'
import type { Anchor } from '../../simulation/src/positioning'
import { emit, round, timeIt } from './harness'

const net = createRoadNetwork([
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
const anchors: Anchor[] = [
  [0, 0, 2.5],
  [20, 0, 2.7],
  [20, 12, 2.4],
  [0, 12, 2.6],
  [10, 0, 2.8],
  [10, 12, 2.5],
].map(([x, y, z], i) => ({ id: `a${i}`, x, y, z }))

const sim = simulateUwb({
  anchors,
  network: net,
  tags: 2000,
  duration_s: 2,
  noiseSigma_m: 0.08,
  bias_m: 0.3,
  nlosRatePerS: 0.05,
  nlosMean_m: 0.6,
  spikeProb: 0.02,
  dropoutProb: 0.1,
  rng: createRng(1),
})
const epochs = sim.epochs // 20 epochs × 2,000 tags

let tracker = new RangeTracker({ anchors, mode: '2d', height_m: 1, sigma_m: 0.08, bias_m: 0.3 })
const live = timeIt(
  'uwb.live_pass',
  () => {
    tracker = new RangeTracker({ anchors, mode: '2d', height_m: 1, sigma_m: 0.08, bias_m: 0.3 })
    for (const e of epochs) tracker.update(e.tag, e.t_s, e.ranges)
  },
  { n: 10, warmup: 2, extra: { epochs: epochs.length } },
)
emit({
  name: 'uwb.fixes_per_s',
  unit: 'fix/s',
  median: round((epochs.length / live.median) * 1000, 0),
  n: live.n,
  goal: 20000,
  tags: 2000,
  anchors: anchors.length,
})

const vectors = epochs.map((e) => anchors.map((a) => e.ranges[a.id] ?? NaN))
const single = timeIt(
  'uwb.epoch_pass',
  () => {
    for (const r of vectors) solveFix(anchors, r, { mode: '2d', height_m: 1, sigma_m: 0.08, bias_m: 0.3 })
  },
  { n: 10, warmup: 2, extra: { epochs: vectors.length } },
)
emit({
  name: 'uwb.epoch_fixes_per_s',
  unit: 'fix/s',
  median: round((vectors.length / single.median) * 1000, 0),
  n: single.n,
})

const batchSim = simulateUwb({
  anchors,
  network: net,
  tags: 10,
  duration_s: 60,
  noiseSigma_m: 0.08,
  bias_m: 0.3,
  rng: createRng(2),
})
const batch = timeIt('uwb.batch_pass', () => solveBatch(anchors, batchSim.epochs), {
  n: 5,
  warmup: 1,
  extra: { epochs: batchSim.epochs.length },
})
emit({
  name: 'uwb.batch_fixes_per_s',
  unit: 'fix/s',
  median: round((batchSim.epochs.length / batch.median) * 1000, 0),
  n: batch.n,
})
