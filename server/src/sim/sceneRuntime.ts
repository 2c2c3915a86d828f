/**
 * The live telemetry of one scene: the latest reading of every device (in scene order), the
 * built-in simulator that feeds devices with no real feed, and the 10 Hz frame that carries the
 * arrays to screens. Ingest adapters write into the same arrays, so a frame always holds the
 * newest value whatever its source.
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
  /** After the simulator step, before the frame is encoded (alarm evaluation). */
  beforeFrame?: (t: number) => void
  /** After the frame went out (recording, keyframes). */
  afterFrame?: (t: number, seq: number) => void
}

export class SceneRuntime {
  readonly values: Float32Array
  readonly status: Uint8Array
  /** Time of the newest accepted reading per device (ms), for duplicate/out-of-order checks. */
  readonly lastT: Float64Array
  /** 1 for devices fed by a real adapter: the simulator leaves them alone from then on. */
  readonly external: Uint8Array
  /** Optional additive term per device from the scenario (a leak's concentration at a detector). */
  readonly overlay: Float32Array
  /** Scripted takeover of a simulated device (drills): a fixed value, NaN = none. */
  readonly override: Float32Array
  /** Scripted silence (drills): 1 = the device sends nothing. */
  readonly silenced: Uint8Array
  seq = 0
  lastFrame: ArrayBuffer | null = null
  lastFrameT = 0
  private readonly model: SignalModel | null
  private readonly simValues: Float32Array
  private readonly simStatus: Uint8Array
  private simIdx: Uint32Array | null = null
  private simIdxExternalCount = -1
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
    this.external = new Uint8Array(n)
    this.overlay = new Float32Array(n)
    this.override = new Float32Array(n).fill(NaN)
    this.silenced = new Uint8Array(n)
    this.simValues = new Float32Array(n)
    this.simStatus = new Uint8Array(n)
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

  /** One 100 ms step: simulate (if on), judge, then build and hand out the frame. */
  tick(): ArrayBuffer {
    const t = this.opts.clock.now()
    if (this.model) {
      stepSignals(this.model, FRAME_PERIOD_MS / 1000, this.opts.rng, this.simValues, this.simStatus, this.overlay)
      for (let i = 0; i < this.values.length; i++) {
        if (this.external[i]) continue
        if (this.silenced[i]) {
          this.values[i] = NaN
          this.status[i] = DeviceStatus.noData
          continue
        }
        const o = this.override[i]
        this.values[i] = o === o ? o : this.simValues[i]
        this.status[i] = o === o ? DeviceStatus.ok : this.simStatus[i]
        this.lastT[i] = t
      }
    }
    this.opts.beforeFrame?.(t)
    return this.flush(t)
  }

  /**
   * Move a simulated device's operating point (a drill's scripted wind or temperature): its
   * readings then wander around the new value with their usual noise, as a real instrument would.
   */
  setNominal(i: number, value: number): number {
    if (!this.model) return NaN
    const before = this.model.nominal[i]
    this.model.nominal[i] = value
    this.model.drift[i] = 0
    return before
  }

  /** Indices of devices the simulator drives (all of them until real feeds appear). */
  simulatedIdx(all: Uint32Array): Uint32Array {
    let ext = 0
    for (let i = 0; i < this.external.length; i++) ext += this.external[i]
    if (ext === 0) return all
    if (!this.simIdx || ext !== this.simIdxExternalCount) {
      this.simIdx = all.filter((i) => !this.external[i])
      this.simIdxExternalCount = ext
    }
    return this.simIdx
  }

  flush(t = this.opts.clock.now()): ArrayBuffer {
    const seq = this.seq++
    const frame = encodeFrame({ seq, t, flags: this.opts.drill ? 1 : 0, values: this.values, status: this.status })
    for (let i = 0; i < this.values.length; i++) if (this.values[i] === this.values[i]) this.readingsSent++
    this.lastFrame = frame
    this.lastFrameT = t
    this.opts.onFrame(this.sceneId, frame)
    this.opts.afterFrame?.(t, seq)
    return frame
  }
}
