/**
 * A regulator's replay: one scene's log played on its own clock (1×–64×), read-only, into a
 * socket room of its own. Telemetry frames, log events and the plume reach the replay screen the
 * way they reached the live screens, stamped with the replay position. Seeking rebuilds the state
 * at the new position from keyframe + tail (stateAt), so any instant is reachable in one step.
 */
import { encodeFrame, FRAME_FLAG_DRILL } from '@sim/protocol/telemetryFrame'
import { applyStoredRecord } from '@sim/telemetry/deadbandCodec'
import {
  computeField,
  createPlumeModel,
  plumeUpdate,
  stepPlume,
  zoneWire,
  zonesFor,
  type PlumeModel,
} from '@sim/twin/plumeModel'
import type { PlumeUpdate } from '@sim/twin/plumeWire'
import type { TwinState } from '@sim/twin/leakEvents'
import type { AlarmEngine, AlarmSnapshot } from '@sim/alarms'
import type { LoadedScene } from '../scenes/sceneRepository'
import type { EventStore, StoredEvent } from '../store/eventStore'
import type { ChainReport } from '../store/hashChain'
import { foldInto, stateAt } from './stateAt'

export const REPLAY_SPEEDS = [1, 2, 4, 8, 16, 32, 64] as const

export interface ReplayMarker {
  t: number
  seq: number
  type: string
  severity?: string
  label: string
}

export interface ReplaySink {
  frame(buf: ArrayBuffer): void
  event(e: StoredEvent): void
  state(s: { position: number; playing: boolean; speed: number; alarms?: AlarmSnapshot; seq?: number }): void
  plume(u: PlumeUpdate): void
}

const MARKER_TYPES = new Set([
  'leak.started',
  'leak.stopped',
  'alarm.raised',
  'alarm.acknowledged',
  'plume.zones_updated',
  'weather.observed',
  'device.offline',
])

export class ReplaySession {
  position: number
  playing = false
  speed = 1
  private events: StoredEvent[] = []
  private cursor = 0
  private engine: AlarmEngine | null = null
  private twin: TwinState | null = null
  private values: Float32Array
  private status: Uint8Array
  private plumeModel: PlumeModel | null = null
  private lastPlumeAt = -Infinity
  private frameSeq = 0
  private timer: NodeJS.Timeout | null = null
  private busy = false

  constructor(
    readonly id: string,
    readonly loaded: LoadedScene,
    private readonly store: EventStore,
    readonly from: number,
    readonly to: number,
    private readonly sink: ReplaySink,
    private readonly drill: boolean,
  ) {
    this.position = from
    const n = loaded.scene.devices.length
    this.values = new Float32Array(n)
    this.status = new Uint8Array(n)
  }

  async open(): Promise<{ markers: ReplayMarker[]; chain: ChainReport; alarms: AlarmSnapshot; seq: number }> {
    const sceneId = this.loaded.scene.id
    this.events = (await this.store.read(sceneId)).filter((e) => e.t <= this.to)
    const chain = await this.store.verify(sceneId)
    await this.seek(this.from)
    const markers = this.events
      .filter(
        (e) =>
          e.t >= this.from &&
          MARKER_TYPES.has(e.type) &&
          !(e.type === 'alarm.raised' && (e.severity === 'blue' || e.severity === 'yellow')),
      )
      .map((e) => ({
        t: e.t,
        seq: e.seq,
        type: e.type,
        severity: e.severity as string | undefined,
        label: markerLabel(e),
      }))
    return {
      markers,
      chain,
      alarms: this.engine!.snapshot({ signals: false }),
      seq: this.events[this.cursor - 1]?.seq ?? 0,
    }
  }

  /** Jump to t: rebuild everything at t and send the screens a fresh state. */
  async seek(t: number): Promise<void> {
    const target = Math.min(this.to, Math.max(this.from, t))
    const s = await stateAt(this.store, this.loaded, target)
    this.engine = s.engine
    this.twin = s.twin
    this.values.set(s.values)
    this.status.set(s.status)
    this.position = target
    this.cursor = this.events.findIndex((e) => e.seq > s.seq)
    if (this.cursor < 0) this.cursor = this.events.length
    this.rebuildPlume(target)
    this.sink.state({
      position: this.position,
      playing: this.playing,
      speed: this.speed,
      alarms: this.engine.snapshot({ signals: false }),
      seq: s.seq,
    })
    this.sendFrame()
    this.sendPlume(true)
  }

  /** The next marker-worthy event after the position. */
  async nextEvent(): Promise<void> {
    const next = this.events.find((e) => e.t > this.position && MARKER_TYPES.has(e.type))
    if (next) await this.seek(next.t)
  }

  setSpeed(speed: number): void {
    if (!REPLAY_SPEEDS.includes(speed as (typeof REPLAY_SPEEDS)[number]))
      throw new Error(`speed: one of ${REPLAY_SPEEDS.join(', ')}`)
    this.speed = speed
    this.sink.state({ position: this.position, playing: this.playing, speed })
  }

  play(): void {
    if (this.playing) return
    this.playing = true
    let last = performance.now()
    // 10 screen updates per wall second whatever the speed: 64× means 6.4 s of incident per update.
    this.timer = setInterval(() => {
      const now = performance.now()
      const dt = now - last
      last = now
      if (!this.busy) void this.advance(dt * this.speed)
    }, 100)
    this.sink.state({ position: this.position, playing: true, speed: this.speed })
  }

  pause(): void {
    this.playing = false
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.sink.state({ position: this.position, playing: false, speed: this.speed })
  }

  /** Move the position forward by `ms` of incident time, emitting what happened on the way. */
  async advance(ms: number): Promise<void> {
    this.busy = true
    try {
      const target = Math.min(this.to, this.position + ms)
      while (this.cursor < this.events.length && this.events[this.cursor].t <= target) {
        const e = this.events[this.cursor++]
        foldInto(this.engine!, this.twin!, e)
        this.sink.event(e)
      }
      const frames = await this.store.readFrames(this.loaded.scene.id, this.position + 1, target)
      for (const f of frames) applyStoredRecord(f.data, this.values, this.status)
      this.position = target
      this.sendFrame()
      this.sendPlume(false)
      if (target >= this.to) this.pause()
    } finally {
      this.busy = false
    }
  }

  close(): void {
    this.pause()
  }

  private rebuildPlume(t: number): void {
    const leaks = Object.values(this.twin!.leaks)
    if (!leaks.length) {
      this.plumeModel = null
      return
    }
    // Step the cloud from the first leak to t with the weather that was logged along the way.
    const start = Math.min(...leaks.map((l) => l.startedAt))
    const weathers = this.events.filter((e) => e.type === 'weather.observed' && e.t <= t)
    const twin: TwinState = { leaks: this.twin!.leaks, weather: null, lastZones: {} }
    this.plumeModel = createPlumeModel({ t0: start })
    let k = 0
    for (let s = start; s < t; s = Math.min(t, s + 1000)) {
      while (k < weathers.length && weathers[k].t <= s) twin.weather = weathers[k++] as unknown as TwinState['weather']
      stepPlume(this.plumeModel, twin, Math.min(t, s + 1000))
    }
    this.lastPlumeAt = -Infinity
  }

  private sendFrame(): void {
    const flags = this.drill ? FRAME_FLAG_DRILL : 0
    this.sink.frame(
      encodeFrame({ seq: this.frameSeq++, t: this.position, flags, values: this.values, status: this.status }),
    )
  }

  private sendPlume(force: boolean): void {
    const twin = this.twin!
    if (!Object.keys(twin.leaks).length) return
    if (!this.plumeModel) this.rebuildPlume(this.position)
    const m = this.plumeModel!
    stepPlume(m, twin, this.position)
    if (!force && this.position - this.lastPlumeAt < 2000) return
    this.lastPlumeAt = this.position
    computeField(m)
    const w = twin.weather
    const zones: PlumeUpdate['zones'] = []
    for (const l of Object.values(twin.leaks))
      for (const z of zonesFor(m, l, w?.wind_from_deg ?? 0)) if (z.ring) zones.push(zoneWire(l.leakId, z)!)
    this.sink.plume(plumeUpdate(m, twin, zones, { sceneId: this.loaded.scene.id, t: this.position, drill: this.drill }))
  }
}

function markerLabel(e: StoredEvent): string {
  switch (e.type) {
    case 'alarm.raised':
      return `${e.deviceId} ${e.level}`
    case 'alarm.acknowledged':
      return `${e.alarmId} ✓ ${e.operator ?? ''}`
    case 'leak.started':
      return `${e.substance} leak ${e.sourceId ?? ''}`
    default:
      return e.type
  }
}
