/**
 * Alarm evaluation throughput: readings judged per second for a 10,000-device scene at 10 Hz,
 * mostly normal (simulated clean-air noise) with 1 % of detectors in alarm and 0.2 % crossing
 * limits back and forth (so raises/clears and their fold are part of the cost). Each sample
 * judges one full frame (10,000 readings) and folds the bodies it produced, as the server does.
 */
import { createRng } from '@sim/core/rng'
import { createSignalModel, stepSignals } from '@sim/sensors/deviceSignals'
import { createAlarmEngine, type AlarmBody } from '@sim/alarms'
import type { EventMeta } from '@sim/events/envelope'
import { tinyScene } from '../helpers/tinyScene'
import { emit, round } from './harness'

const N = 10_000
const scene = tinyScene(N, 'benchalarms')
const n = scene.devices.length
const engine = createAlarmEngine(scene)
const model = createSignalModel(scene.devices, { dropoutP: 2e-4 })
const rng = createRng(1)
const FRAMES = 600
const frames = Array.from({ length: FRAMES }, (_, f) => {
  const v = new Float32Array(n)
  const st = new Uint8Array(n)
  const overlay = new Float32Array(n)
  for (let i = 0; i < N / 100; i++) overlay[i * 100] = 40 // 1 % steadily in alarm
  for (let i = 0; i < N / 500; i++) overlay[i * 500 + 7] = Math.floor(f / 20) % 2 ? 35 : 0 // 0.2 % toggling every 2 s
  stepSignals(model, 0.1, rng, v, st, overlay)
  return v
})
const idx = Int32Array.from({ length: n }, (_, i) => i)
const T0 = Date.UTC(2026, 6, 1)
let seq = 0
let events = 0
const meta = (b: AlarmBody) =>
  ({ seq: ++seq, t: b.at, wall: b.at, sceneId: scene.id, source: 'bench', operator: null, drill: false }) as EventMeta

let frame = 0
function judgeFrame(): void {
  const t = T0 + frame * 100
  const out = engine.evaluate(t, idx, frames[frame % FRAMES])
  for (const b of out) engine.apply({ ...meta(b), ...b })
  events += out.length
  frame++
}

for (let k = 0; k < 300; k++) judgeFrame() // warm-up: JIT, and the steady alarms raised
events = 0
const samples: number[] = []
for (let k = 0; k < 600; k++) {
  const t0 = performance.now()
  judgeFrame()
  samples.push(performance.now() - t0)
}
samples.sort((a, b) => a - b)
const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]
emit({
  name: 'alarms.evaluate_readings_per_s',
  unit: 'readings/s',
  median: Math.round(n / (q(0.5) / 1000)),
  n: samples.length,
  p10: Math.round(n / (q(0.9) / 1000)),
  p90: Math.round(n / (q(0.1) / 1000)),
  devices: n,
  events_per_frame: round(events / samples.length, 2),
  goal: 1_000_000,
})

const tickSamples: number[] = []
for (let k = 0; k < 200; k++) {
  const t0 = performance.now()
  const out = engine.tick(T0 + frame * 100 + k)
  tickSamples.push(performance.now() - t0)
  for (const b of out) engine.apply({ ...meta(b), ...b })
}
tickSamples.sort((a, b) => a - b)
emit({ name: 'alarms.tick_10k_devices', unit: 'ms', median: round(tickSamples[100]), n: tickSamples.length })

const t0 = performance.now()
const snap = JSON.stringify(engine.snapshot())
emit({
  name: 'alarms.snapshot_with_signals',
  unit: 'ms',
  median: round(performance.now() - t0),
  n: 1,
  bytes: snap.length,
})
