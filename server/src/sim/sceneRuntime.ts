/**
 * The live state of one scene on this server: the latest reading of every device (in scene
 * order), the built-in simulator that feeds it in embedded mode, and the 10 Hz frame that
 * carries it to screens. Ingest adapters (HTTP, MQTT, gateways) will write into the same
 * arrays, so a frame always holds the newest value whatever its source.
 */
import type { Clock, TimerHandle } from '@sim/core/clock'
import type { Rng } from '@sim/core/rng'
import { createSignalModel, stepSignals, type SignalModel } from '@sim/sensors/deviceSignals'
import { DeviceStatus, encodeFrame } from '@sim/protocol/telemetryFrame'
import type { LoadedScene } from '../scenes/sceneRepository'

export const FRAME_PERIOD_MS = 100

export interface SceneRuntimeOptions {
  clock: Clock
  rng: Rng
  /** Run the built-in device simulator (embedded demo mode). */
  simulate: boolean
  drill?: boolean
  onFrame: (sceneId: string, frame: ArrayBuffer) => void
}

export class SceneRuntime {
  readonly values: Float32Array
  readonly status: Uint8Array
  /** Time of the newest accepted reading per device (ms), for duplicate/out-of-order checks. */
  readonly lastT: Float64Array
  seq = 0
  lastFrame: ArrayBuffer | null = null
  lastFrameT = 0
  private readonly model: SignalModel | null
  private timer: TimerHandle | null = null
  /** Readings carried by frames since start (non-NaN values), for the status figures. */
  readingsSent = 0

  constructor(
    readonly loaded: LoadedScene,
    private readonly opts: SceneRuntimeOptions,
  ) {
    const n = loaded.scene.devices.length
    this.values = new Float32Array(n).fill(NaN)
    this.status = new Uint8Array(n).fill(DeviceStatus.noData)
    this.lastT = new Float64Array(n).fill(-Infinity)
    this.model = opts.simulate ? createSignalModel(loaded.scene.devices) : null
  }

  get sceneId(): string {
    return this.loaded.scene.id
  }

  start(): void {
    if (this.timer) return
    this.timer = this.opts.clock.setInterval(() => this.tick(), FRAME_PERIOD_MS)
  }

  stop(): void {
    if (this.timer) this.opts.clock.clear(this.timer)
    this.timer = null
  }

  /** One 100 ms step: simulate (if on), then build and hand out the frame. */
  tick(): ArrayBuffer {
    if (this.model) stepSignals(this.model, FRAME_PERIOD_MS / 1000, this.opts.rng, this.values, this.status)
    return this.flush()
  }

  flush(): ArrayBuffer {
    const t = this.opts.clock.now()
    const frame = encodeFrame({ seq: this.seq++, t, flags: this.opts.drill ? 1 : 0, values: this.values, status: this.status })
    for (let i = 0; i < this.values.length; i++) if (this.values[i] === this.values[i]) this.readingsSent++
    this.lastFrame = frame
    this.lastFrameT = t
    this.opts.onFrame(this.sceneId, frame)
    return frame
  }
}
