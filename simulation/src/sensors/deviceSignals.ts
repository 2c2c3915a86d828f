/**
 * Realistic readings for every device of a scene, one tick at a time: a nominal level, an
 * Ornstein–Uhlenbeck drift (slow wander that always returns, like a real process or the wind),
 * white measurement noise, clamping to the instrument range, and occasional dropout bursts.
 * Gas detectors read ~0 in clean air; a leak adds its concentration through `overlay`.
 *
 * State lives in typed arrays indexed like scene.devices, so a tick for 10,000 devices
 * allocates nothing.
 */
import type { Rng } from '../core/rng'
import type { Device, DeviceType } from '../scene/sceneSchema'
import { DeviceStatus } from '../protocol/telemetryFrame'

interface TypeDefaults {
  /** Default nominal value when the device gives none. */
  nominal: (d: Device) => number
  /** White-noise σ as a fraction of the instrument span. */
  noiseFrac: number
  /** Stationary σ of the OU drift as a fraction of the span. */
  driftFrac: number
  /** OU correlation time, s. */
  tau_s: number
  angle?: boolean
}

const band = (d: Device) => {
  const { low, high } = d.thresholds
  if (low !== undefined && high !== undefined) return (low + high) / 2
  return (d.range.min + d.range.max) / 2
}

const DEFAULTS: Record<DeviceType, TypeDefaults> = {
  gas_combustible: { nominal: () => 0, noiseFrac: 0.003, driftFrac: 0.004, tau_s: 120 },
  gas_toxic: { nominal: () => 0, noiseFrac: 0.004, driftFrac: 0.004, tau_s: 120 },
  pressure: { nominal: band, noiseFrac: 0.002, driftFrac: 0.01, tau_s: 300 },
  temperature: { nominal: band, noiseFrac: 0.001, driftFrac: 0.01, tau_s: 600 },
  // Wind: 10-minute-scale gusts (tau) with a few % noise from the anemometer's own response.
  wind_speed: { nominal: () => 2.8, noiseFrac: 0.006, driftFrac: 0.02, tau_s: 60 },
  wind_direction: { nominal: () => 135, noiseFrac: 0.012, driftFrac: 0.035, tau_s: 90, angle: true },
  air_temperature: { nominal: () => 26, noiseFrac: 0.0008, driftFrac: 0.004, tau_s: 1800 },
  roof_displacement: {
    nominal: (d) => d.range.min + 0.05 * (d.range.max - d.range.min),
    noiseFrac: 0.001,
    driftFrac: 0.002,
    tau_s: 3600,
  },
  air_speed: { nominal: () => 2.0, noiseFrac: 0.005, driftFrac: 0.01, tau_s: 120 },
}

export interface SignalModel {
  readonly n: number
  readonly nominal: Float32Array
  readonly noise: Float32Array
  readonly driftSigma: Float32Array
  readonly tau: Float32Array
  readonly min: Float32Array
  readonly max: Float32Array
  readonly angle: Uint8Array
  readonly drift: Float32Array
  /** Ticks left in the current dropout burst, per device. */
  readonly dropout: Uint16Array
  /** Probability per tick that a device starts a dropout burst. */
  dropoutP: number
}

export function createSignalModel(devices: readonly Device[], opts: { dropoutP?: number } = {}): SignalModel {
  const n = devices.length
  const m: SignalModel = {
    n,
    nominal: new Float32Array(n),
    noise: new Float32Array(n),
    driftSigma: new Float32Array(n),
    tau: new Float32Array(n),
    min: new Float32Array(n),
    max: new Float32Array(n),
    angle: new Uint8Array(n),
    drift: new Float32Array(n),
    dropout: new Uint16Array(n),
    dropoutP: opts.dropoutP ?? 2e-4,
  }
  devices.forEach((d, i) => {
    const def = DEFAULTS[d.type]
    const span = d.range.max - d.range.min
    m.nominal[i] = d.nominal ?? def.nominal(d)
    m.noise[i] = def.noiseFrac * span
    m.driftSigma[i] = def.driftFrac * span
    m.tau[i] = def.tau_s
    m.min[i] = d.range.min
    m.max[i] = d.range.max
    m.angle[i] = def.angle ? 1 : 0
  })
  return m
}

/**
 * Advance every device by dt seconds and write its reading.
 * @param overlay optional additive contribution per device (e.g. a leak's concentration), same units
 */
export function stepSignals(
  m: SignalModel,
  dt_s: number,
  rng: Rng,
  outValues: Float32Array,
  outStatus: Uint8Array,
  overlay?: Float32Array,
): void {
  for (let i = 0; i < m.n; i++) {
    // Exact OU update for a step dt: keeps the stationary σ whatever the tick length.
    const a = Math.exp(-dt_s / m.tau[i])
    m.drift[i] = a * m.drift[i] + m.driftSigma[i] * Math.sqrt(1 - a * a) * rng.normal()
    if (m.dropout[i] > 0) {
      m.dropout[i]--
      outValues[i] = NaN
      outStatus[i] = DeviceStatus.noData
      continue
    }
    if (rng.next() < m.dropoutP) {
      m.dropout[i] = 1 + rng.int(20)
      outValues[i] = NaN
      outStatus[i] = DeviceStatus.noData
      continue
    }
    let v = m.nominal[i] + m.drift[i] + m.noise[i] * rng.normal()
    if (overlay) v += overlay[i]
    if (m.angle[i]) v = ((v % 360) + 360) % 360
    else if (v < m.min[i]) v = m.min[i]
    else if (v > m.max[i]) v = m.max[i]
    outValues[i] = v
    outStatus[i] = DeviceStatus.ok
  }
}
