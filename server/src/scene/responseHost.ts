/**
 * The three-tier response machine inside a scene host: folds every logged event into the
 * response state and the plant (valves, units), runs the plan's rules on the instance that
 * decides (embedded server or scale-out leader; never a follower or a replay), keeps the
 * deadline timers scheduled on the clock from the log (so they survive restarts), and turns
 * operator commands into logged events. See simulation/src/response and docs/response.md.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock, TimerHandle } from '@sim/core/clock'
import {
  acknowledgeStep,
  applyTwinEffects,
  changeLevel,
  closeIncident,
  completeStep,
  decide,
  effectiveRelease,
  initialPlantState,
  initialResponseState,
  leakAt,
  openIncidentCommand,
  parsePlansOrThrow,
  pendingTimers,
  reduceResponse,
  responseProvenance,
  setTier,
  timerFired,
  type CommandResult,
  type PlanSet,
  type PlantState,
  type ResponseBody,
  type ResponseState,
} from '@sim/response'
import type { LoadedScene } from '../scenes/sceneRepository'
import type { StoredEvent } from '../store/eventStore'

export interface ResponseItem {
  body: { type: string; at: number }
  source: string
  operator: string | null
}

export class ResponseHost {
  state: ResponseState = initialResponseState()
  plant: PlantState
  readonly plans: PlanSet | null
  private timers = new Map<string, TimerHandle>()

  constructor(
    private readonly loaded: LoadedScene,
    private readonly clock: Clock,
    /** Append items through the host's one write path. */
    private readonly append: (items: ResponseItem[]) => void,
  ) {
    this.plant = initialPlantState(loaded.scene)
    const file = join(loaded.dir, 'plans.json')
    this.plans = existsSync(file) ? parsePlansOrThrow(JSON.parse(readFileSync(file, 'utf8')), file, loaded.scene) : null
  }

  get enabled(): boolean {
    return this.plans !== null
  }

  fold(e: StoredEvent): void {
    this.state = reduceResponse(this.state, e as never)
    this.plant = applyTwinEffects(this.plant, e)
  }

  /** The rules' reaction to one appended event (bodies to append next, FIFO). */
  decide(e: StoredEvent): ResponseItem[] {
    if (!this.plans) return []
    return decide(this.state, e as never, this.plans, this.loaded.scene).map((b) => ({
      body: b as ResponseItem['body'],
      ...responseProvenance(b as ResponseBody),
    }))
  }

  /** Keep exactly the log's pending timers scheduled on the clock. */
  syncTimers(): void {
    const pending = pendingTimers(this.state)
    const want = new Set(pending.map((p) => p.id))
    for (const [id, h] of this.timers)
      if (!want.has(id)) {
        this.clock.clear(h)
        this.timers.delete(id)
      }
    for (const p of pending) {
      if (this.timers.has(p.id)) continue
      const h = this.clock.setTimeout(() => {
        this.timers.delete(p.id)
        const body = timerFired(this.state, p.id, this.clock.now())
        if (body) this.append([{ body, ...responseProvenance(body) }])
      }, p.dueAt - this.clock.now())
      this.timers.set(p.id, h)
    }
  }

  stopTimers(): void {
    for (const h of this.timers.values()) this.clock.clear(h)
    this.timers.clear()
  }

  /** Release rate of a leak at t given the plant's valves (falls to zero after isolation). */
  releaseRate(sourceId: string, rate0: number, t: number): number {
    return effectiveRelease(leakAt(this.loaded.scene, sourceId, rate0), this.plant, t).rateKgS
  }

  /** Operator commands → bodies, or an error a person can read. */
  command(
    kind: ResponseCommandKind,
    payload: Record<string, unknown>,
    actor: { id: string; role: string; tier: string },
  ): CommandResult {
    if (!this.plans) return { ok: false, code: 'invalid', error: 'this scene has no response plans' } as CommandResult
    const at = this.clock.now()
    const base = { ...payload, by: actor.id, role: actor.role, at } as never
    switch (kind) {
      case 'step.acknowledge':
        return acknowledgeStep(this.state, this.plans, base)
      case 'step.complete':
        return completeStep(this.state, this.plans, base)
      case 'incident.tier':
        return setTier(this.state, this.plans, base)
      case 'incident.level':
        return changeLevel(this.state, this.plans, base)
      case 'incident.open':
        return openIncidentCommand(this.state, this.plans, this.loaded.scene, base)
      case 'incident.close':
        return closeIncident(this.state, base)
    }
  }
}

export type ResponseCommandKind =
  'step.acknowledge' | 'step.complete' | 'incident.tier' | 'incident.level' | 'incident.open' | 'incident.close'
