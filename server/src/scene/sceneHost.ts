/**
 * Everything the server runs for one scene, wired in one place:
 *   readings (simulator tick or ingest batch) → live arrays → alarm engine → event log → screens
 *   every 100 ms: telemetry frame → screens + compact recording; alarm engine tick (offline, shelves)
 *   every minute of simulated time: a keyframe of the folded state, so a replay can seek.
 * The log is the source of truth: an alarm transition changes the alarm state only when its
 * event has been appended and applied, the same path a replay takes.
 */
import type { Clock } from '@sim/core/clock'
import type { Rng } from '@sim/core/rng'
import { createAlarmEngine, alarmProvenance, type AlarmBody, type AlarmEngine, type AlarmSnapshot } from '@sim/alarms'
import { createDeadbandState, encodeForStorage, type DeadbandState } from '@sim/telemetry/deadbandCodec'
import type { EventMeta } from '@sim/events/envelope'
import type { LoadedScene } from '../scenes/sceneRepository'
import { SceneRuntime } from '../sim/sceneRuntime'
import type { EventStore, StoredEvent } from '../store/eventStore'
import type { AcceptedBatch } from '../ingest/ingestService'
import { SerialQueue } from './serialQueue'
import { toLocal } from '@sim/geo/frames'
import { findSubstance } from '@sim/dispersion/substances/properties'
import type { LeakRequest } from '@sim/protocol/messages'
import type { LeakStarted, LeakStopped } from '@sim/twin/leakEvents'
import { PlumeService } from './plumeService'
import { ResponseHost } from './responseHost'
import type { HostModule, HostModuleFactory } from './hostModule'
import { HOST_MODULES } from './modules'
import type { ResponseState } from '@sim/response'
import type { PlumeUpdate } from '@sim/twin/plumeWire'
import { KEYFRAME_FORMAT, sceneFingerprint, usableKeyframe, type KeyframeState } from './keyframes'
import { DeviceStatus } from '@sim/protocol/telemetryFrame'

// A keyframe holds the whole folded state (~1 MB with a long alarm history): once a minute keeps
// the log small; a seek then folds at most a minute of events (telemetry has its own full frames every 10 s).
export const KEYFRAME_EVERY_MS = 60_000

/** An event body with its provenance, ready for the log. */
export interface AppendItem {
  body: { type: string; at: number }
  /** Event time; defaults to body.at. */
  t?: number
  source: string
  operator: string | null
}

export interface SceneHostDeps {
  clock: Clock
  rng: Rng
  store: EventStore
  simulate: boolean
  drill?: boolean
  /** Telemetry frame to the scene's screens (volatile). */
  emitFrame: (sceneId: string, frame: ArrayBuffer) => void
  /** A logged event to the scene's screens (reliable). */
  emitEvent: (sceneId: string, event: StoredEvent) => void
  /** Extra feature modules for this host (e.g. the webhook outbox with its configuration). */
  modules?: HostModuleFactory[]
  /** The plume picture to the scene's screens (every 2 s while there is a cloud). */
  emitPlume?: (update: PlumeUpdate) => void
  /** A binary people frame (protocol/peopleFrame.ts) to the scene's screens (5 Hz). */
  emitPeople?: (sceneId: string, frame: ArrayBuffer) => void
  log?: (msg: string) => void
  /** Record telemetry frames into the store (off for throughput benches that measure without it). */
  record?: boolean
}

export class SceneHost {
  readonly runtime: SceneRuntime
  readonly alarms: AlarmEngine
  readonly plume: PlumeService
  readonly response: ResponseHost
  /** Feature modules (dispatch, people …), see hostModule.ts. Built after the core services. */
  readonly modules: HostModule[] = []
  private deciding = true
  /** Handlers for scripted drill participant actions, registered by feature modules. */
  readonly drillActions: Record<
    string,
    (a: { by: string; step?: string; role?: string; incident?: string }, t: number) => Promise<string | void>
  > = {
    acknowledge_step: (a) => this.drillStep('step.acknowledge', a),
    complete_step: (a) => this.drillStep('step.complete', a),
  }

  private async drillStep(
    kind: 'step.acknowledge' | 'step.complete',
    a: { by: string; step?: string; role?: string; incident?: string },
  ): Promise<string | void> {
    const incident = a.incident ?? Object.values(this.response.state.incidents).find((i) => i.status === 'open')?.id
    if (!incident) return `${a.by}: no open incident for ${kind}`
    const r = this.response.command(
      kind,
      { incidentId: incident, stepId: a.step ?? '' },
      { id: a.by, role: a.role ?? '', tier: '' },
    )
    if (!r.ok) return `${a.by}: ${kind} ${a.step}: ${r.error}`
    await this.appendItems(r.bodies.map((b) => ({ body: b as AppendItem['body'], source: a.by, operator: a.by })))
  }
  private readonly queue = new SerialQueue()
  private readonly deadband: DeadbandState
  private readonly allIdx: Uint32Array
  private readonly gathered: Float32Array
  private lastKeyframeT = -Infinity
  private lastSeq = 0
  private readonly fingerprint: string
  private readonly freshAlarms: AlarmSnapshot

  constructor(
    readonly loaded: LoadedScene,
    private readonly deps: SceneHostDeps,
  ) {
    const scene = loaded.scene
    this.alarms = createAlarmEngine(scene)
    this.freshAlarms = this.alarms.snapshot()
    this.fingerprint = sceneFingerprint(scene)
    this.allIdx = Uint32Array.from(scene.devices.keys())
    this.gathered = new Float32Array(scene.devices.length)
    this.deadband = createDeadbandState(scene.devices.map((d) => d.range.max - d.range.min))
    this.runtime = new SceneRuntime(loaded, {
      clock: deps.clock,
      rng: deps.rng,
      simulate: deps.simulate,
      drill: deps.drill,
      onFrame: (sceneId, frame) => deps.emitFrame(sceneId, frame),
      beforeFrame: (t) => this.beforeFrame(t),
      afterFrame: (t, seq) => this.afterFrame(t, seq),
    })
    this.response = new ResponseHost(loaded, deps.clock, (items) => void this.appendItems(items))
    this.plume = new PlumeService({
      loaded,
      runtime: this.runtime,
      releaseRate: (sourceId, rate0, t) => this.response.releaseRate(sourceId, rate0, t),
      drill: deps.drill ?? false,
      append: (items) => void this.appendItems(items),
      emitPlume: (u) => deps.emitPlume?.(u),
    })
    for (const f of [...HOST_MODULES, ...(deps.modules ?? [])]) {
      const m = f(this)
      if (m) this.modules.push(m)
    }
  }

  /** A drill host: every event and frame is marked DRILL. */
  get drill(): boolean {
    return this.deps.drill ?? false
  }

  get sceneId(): string {
    return this.loaded.scene.id
  }

  /** What feature modules may use of the deps: the seeded rng (fork it), clock, drill flag, store, emit hooks. */
  get env(): Readonly<SceneHostDeps> {
    return this.deps
  }

  /** The host's (virtual or real) clock, for modules stamping commands with event time. */
  now(): number {
    return this.deps.clock.now()
  }

  /** Restore the folded state from the log (after a restart): newest keyframe, then the tail. */
  async recover(): Promise<void> {
    const now = this.deps.clock.now()
    const kf = await this.deps.store.keyframeAtOrBefore(this.sceneId, now)
    const state = kf?.state
    this.lastSeq = 0
    if (kf && usableKeyframe(state, this.fingerprint)) {
      try {
        this.alarms.restore(state.alarms)
        this.plume.restoreTwin(state.twin)
        this.response.state = state.response
        this.response.plant = state.plant
        for (const m of this.modules)
          if (m.restore && state.modules[m.name] !== undefined) m.restore(state.modules[m.name])
        this.lastSeq = kf.seq
      } catch (e) {
        // A keyframe we cannot use is not fatal: the log itself is complete, fold it all.
        this.deps.log?.(
          `${this.sceneId}: keyframe at seq ${kf.seq} unusable (${(e as Error).message}); folding the whole log`,
        )
        this.alarms.restore(this.freshAlarms)
      }
    } else if (kf)
      this.deps.log?.(`${this.sceneId}: keyframe from another scene version or format; folding the whole log`)
    for (const e of await this.deps.store.read(this.sceneId, this.lastSeq + 1)) this.fold(e)
  }

  start(): void {
    this.runtime.start()
    // Deadlines come from the log: after a restart they are rescheduled from the folded state.
    if (this.deciding) this.response.syncTimers()
  }

  stop(): void {
    this.runtime.stop()
    this.response.stopTimers()
  }

  /** Wait until every queued log append has been written and applied. */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  /** Readings accepted from an outside adapter. */
  onIngest(batch: AcceptedBatch): void {
    const rt = this.runtime
    for (let k = 0; k < batch.idx.length; k++) {
      const i = batch.idx[k]
      rt.external[i] = 1
      rt.values[i] = batch.values[k]
      rt.status[i] = batch.quality[k] === 2 ? DeviceStatus.fault : DeviceStatus.ok
      if (batch.t[k] > rt.lastT[i]) rt.lastT[i] = batch.t[k]
    }
    const bodies = this.alarms.evaluate(batch.receivedAt, batch.idx, batch.values, batch.t)
    void this.queue.push(() =>
      this.deps.store.appendReadings({
        sceneId: this.sceneId,
        receivedAt: batch.receivedAt,
        source: batch.provenance.source,
        operator: batch.provenance.operator,
        idx: batch.idx,
        t: batch.t,
        values: batch.values,
        quality: batch.quality,
      }),
    )
    this.appendBodies(bodies)
  }

  /**
   * Scale-out followers do not judge or append: they fold the events the leader appended (read
   * from the shared log) so their join snapshots stay current.
   */
  applyRemote(event: StoredEvent): void {
    if (event.seq <= this.lastSeq) return
    this.fold(event)
  }

  get logSeq(): number {
    return this.lastSeq
  }

  /** Operator command results (ack, shelve …) go through the same log path. */
  appendCommand(body: AlarmBody): Promise<StoredEvent[]> {
    return this.appendBodies([body])
  }

  appendBodies(bodies: AlarmBody[]): Promise<StoredEvent[]> {
    if (bodies.length === 0) return Promise.resolve([])
    return this.appendItems(bodies.map((body) => ({ body, ...alarmProvenance(body) })))
  }

  /**
   * The one write path: append in order, then fold each stored event into every module's state
   * and send it to the screens. Live, drill and replay all fold through `fold`.
   */
  appendItems(items: AppendItem[]): Promise<StoredEvent[]> {
    if (items.length === 0) return Promise.resolve([])
    return this.queue.push(async () => {
      const out: StoredEvent[] = []
      // Each outside item is followed by the rules' reactions to it, folded and reacted to in
      // turn (FIFO) before the next outside item, so every decision sees all earlier ones.
      for (const item of items) {
        const fifo: AppendItem[] = [item]
        while (fifo.length) {
          const it = fifo.shift()!
          const stored = await this.deps.store.append({
            ...it.body,
            sceneId: this.sceneId,
            drill: this.deps.drill ?? false,
            t: it.t ?? it.body.at,
            source: it.source,
            operator: it.operator,
          })
          this.fold(stored)
          this.deps.emitEvent(this.sceneId, stored)
          out.push(stored)
          if (this.deciding) {
            fifo.push(...this.response.decide(stored))
            for (const m of this.modules) if (m.decide) fifo.push(...m.decide(stored))
          }
        }
      }
      if (this.deciding) this.response.syncTimers()
      return out
    })
  }

  /**
   * Only one instance decides (runs the response rules and their timers): the embedded server or
   * the scale-out leader. Followers and replays fold only.
   */
  setDeciding(on: boolean): void {
    this.deciding = on
    if (on) this.response.syncTimers()
    else this.response.stopTimers()
  }

  private fold(e: StoredEvent): void {
    this.alarms.apply(e as unknown as EventMeta & AlarmBody)
    this.plume.apply(e)
    this.response.fold(e)
    for (const m of this.modules) m.fold(e)
    this.lastSeq = e.seq
  }

  /** Before each frame: the simulator has written its readings; judge them and the passage of time. */
  private beforeFrame(t: number): void {
    this.plume.onFrame(t)
    for (const m of this.modules) m.onFrame?.(t)
    let bodies: AlarmBody[] = []
    if (this.deps.simulate) {
      const idx = this.runtime.simulatedIdx(this.allIdx)
      // evaluate() takes values parallel to the index list: gather when some devices are fed from outside.
      let vals: Float32Array = this.runtime.values
      if (idx !== this.allIdx) {
        vals = this.gathered.subarray(0, idx.length)
        for (let k = 0; k < idx.length; k++) vals[k] = this.runtime.values[idx[k]]
      }
      bodies = this.alarms.evaluate(t, idx, vals)
    }
    const timed = this.alarms.tick(t)
    this.appendBodies(bodies.length ? (timed.length ? bodies.concat(timed) : bodies) : timed)
    this.alarms.writeDeviceStatus(this.runtime.status)
  }

  private afterFrame(t: number, seq: number): void {
    if (this.deps.record !== false) {
      const rec = encodeForStorage(
        this.deadband,
        seq,
        t,
        this.deps.drill ? 1 : 0,
        this.runtime.values,
        this.runtime.status,
      )
      void this.queue.push(() =>
        this.deps.store.appendFrame({ sceneId: this.sceneId, seq, t, full: rec.full, data: rec.data }),
      )
    }
    if (t - this.lastKeyframeT >= KEYFRAME_EVERY_MS) {
      this.lastKeyframeT = t
      void this.queue.push(() =>
        this.deps.store.putKeyframe({
          sceneId: this.sceneId,
          seq: this.lastSeq,
          t,
          state: {
            format: KEYFRAME_FORMAT,
            fingerprint: this.fingerprint,
            alarms: this.alarms.snapshot(),
            twin: JSON.parse(JSON.stringify(this.plume.twin)),
            response: this.response.state,
            plant: this.response.plant,
            modules: Object.fromEntries(this.modules.filter((m) => m.keyframe).map((m) => [m.name, m.keyframe!()])),
          } satisfies KeyframeState,
        }),
      )
    }
  }

  /**
   * Start a simulated leak (demo, training or drill): from a tank or unit of the scene, or at a
   * point. Returns the logged event or an error a person can read.
   */
  async startLeak(
    req: LeakRequest,
    by: { source: string; operator: string | null; cause: string },
  ): Promise<StoredEvent | { error: string }> {
    const scene = this.loaded.scene
    const t = this.deps.clock.now()
    let e = req.e
    let n = req.n
    let substance = req.substance
    let enterpriseId: string | null = null
    let height = req.height_m ?? 1
    if (req.sourceId) {
      const tank = scene.tanks.find((x) => x.id === req.sourceId)
      const unit = scene.units.find((x) => x.id === req.sourceId)
      if (!tank && !unit) return { error: `sourceId: no tank or unit "${req.sourceId}" in scene ${scene.id}` }
      const pos = tank ? tank.position : unit!.footprint[0]
      const p = toLocal(this.loaded.resolved.origin, pos)
      e = p.e
      n = p.n
      substance = substance ?? (tank ? tank.substance : unit!.substances[0])
      enterpriseId = (tank ?? unit)!.enterpriseId
      height = req.height_m ?? (tank ? Math.min(2, tank.height_m / 2) : 2)
    }
    if (e === undefined || n === undefined) return { error: 'give sourceId, or e and n (local metres)' }
    if (!substance || !findSubstance(substance)) return { error: `substance: unknown substance "${substance ?? ''}"` }
    const leakId = `leak-${this.sceneId}-${t}-${Object.keys(this.plume.twin.leaks).length + 1}`
    const [stored] = await this.appendItems([
      {
        body: {
          type: 'leak.started',
          leakId,
          at: t,
          substance,
          e,
          n,
          height_m: height,
          rate_kg_s: req.rate_kg_s,
          sourceId: req.sourceId ?? null,
          enterpriseId,
          cause: by.cause,
        } satisfies LeakStarted as LeakStarted,
        source: by.source,
        operator: by.operator,
      },
    ])
    return stored
  }

  async stopLeak(
    leakId: string,
    reason: string,
    by: { source: string; operator: string | null },
  ): Promise<StoredEvent | { error: string }> {
    const l = this.plume.twin.leaks[leakId]
    if (!l) return { error: `leakId: unknown leak "${leakId}"` }
    if (l.stoppedAt !== null) return { error: `leak "${leakId}" already stopped` }
    const [stored] = await this.appendItems([
      {
        body: { type: 'leak.stopped', leakId, at: this.deps.clock.now(), reason } satisfies LeakStopped as LeakStopped,
        source: by.source,
        operator: by.operator,
      },
    ])
    return stored
  }

  /** What a screen needs on join. */
  screenSnapshot(): { seq: number; alarms: AlarmSnapshot; response: ResponseState; modules: Record<string, unknown> } {
    const modules: Record<string, unknown> = {}
    for (const m of this.modules) if (m.snapshot) modules[m.name] = m.snapshot()
    return {
      seq: this.lastSeq,
      alarms: this.alarms.snapshot({ signals: false }),
      response: this.response.state,
      modules,
    }
  }
}
