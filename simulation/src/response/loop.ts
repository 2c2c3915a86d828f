/**
 * A pure, in-memory host for the response machine: the reference for what the server does with
 * its store, and the engine of headless drills and tests. It shows the whole contract:
 *
 *   for each external event (alarm, operator command, plume summary):
 *     append → fold (reduceResponse, applyTwinEffects) → decide → append each decision, folding
 *     and deciding in turn (FIFO) — all before the next external event, so rules always see
 *     every earlier decision;
 *   after every append: schedule `pendingTimers(state)` on the clock; when one is due append
 *     `timerFired(state, id, now)` (skipped when it was cancelled meanwhile).
 *
 * With a VirtualClock this is deterministic: the same inputs give the same log, byte for byte.
 */
import type { Clock, TimerHandle } from '../core/clock'
// The pattern that keeps Node's 'events' module out of the kernel also matches our events/ folder.

import type { EventMeta } from '../events/envelope'
import type { Scene } from '../scene/sceneSchema'
import { alarmProvenance } from '../alarms/engine'
import type { AlarmBody } from '../alarms/types'
import type { PlanSet } from './planSchema'
import { isResponseBody, responseProvenance, type ResponseBody } from './bodies'
import { reduceResponse } from './reducer'
import { decide } from './machine'
import { timerFired } from './commands'
import { initialResponseState, pendingTimers, type ResponseState } from './state'
import { applyTwinEffects, initialPlantState, type PlantState } from './twinEffects'

/** Any event body: a response body, an alarm body, a twin body … (interfaces have no index signature). */
export type AnyBody = { type: string }

export type LoggedEvent = EventMeta & { type: string; [k: string]: unknown }

export interface ResponseLoopOptions {
  sceneId: string
  scene: Scene
  plans: PlanSet
  clock: Clock
  drill?: boolean
  /** Resume from a folded state and twin (e.g. after a JSON round trip), continuing the log at seq+1. */
  resume?: { state: ResponseState; twin: PlantState; lastSeq: number }
}

export interface ResponseLoop {
  readonly log: readonly LoggedEvent[]
  readonly state: ResponseState
  readonly twin: PlantState
  /** Append an external body (alarm, command result, plume summary) and run the rules to quiescence. */
  append(body: AnyBody, meta?: Partial<Pick<EventMeta, 't' | 'source' | 'operator'>>): LoggedEvent[]
  /** Stop every scheduled timer (for a simulated restart). */
  stop(): void
}

export function createResponseLoop(o: ResponseLoopOptions): ResponseLoop {
  const log: LoggedEvent[] = []
  let state = o.resume?.state ?? initialResponseState()
  let twin = o.resume?.twin ?? initialPlantState(o.scene)
  let seq = o.resume?.lastSeq ?? 0
  const scheduled = new Map<string, TimerHandle>()
  let stopped = false

  function provenance(body: AnyBody) {
    if (isResponseBody(body)) return responseProvenance(body as ResponseBody)
    if (
      typeof body.type === 'string' &&
      (body.type.startsWith('alarm.') ||
        body.type.startsWith('device.') ||
        body.type === 'credit.changed' ||
        body.type === 'thresholds.changed')
    )
      return alarmProvenance(body as unknown as AlarmBody)
    return { t: o.clock.now(), source: 'system', operator: null }
  }

  function appendOne(body: AnyBody, meta?: Partial<Pick<EventMeta, 't' | 'source' | 'operator'>>): LoggedEvent {
    const p = provenance(body)
    const ev = {
      ...body,
      seq: ++seq,
      t: meta?.t ?? p.t,
      wall: o.clock.now(),
      sceneId: o.sceneId,
      source: meta?.source ?? p.source,
      operator: meta?.operator ?? p.operator,
      drill: o.drill ?? false,
    } as LoggedEvent
    log.push(ev)
    state = reduceResponse(state, ev)
    twin = applyTwinEffects(twin, ev)
    return ev
  }

  function run(body: AnyBody, meta?: Partial<Pick<EventMeta, 't' | 'source' | 'operator'>>): LoggedEvent[] {
    const out: LoggedEvent[] = []
    const queue: { body: AnyBody; meta?: typeof meta }[] = [{ body, meta }]
    while (queue.length) {
      const next = queue.shift()!
      const ev = appendOne(next.body, next.meta)
      out.push(ev)
      for (const d of decide(state, ev, o.plans, o.scene)) queue.push({ body: d as AnyBody })
    }
    syncTimers()
    return out
  }

  function syncTimers(): void {
    if (stopped) return
    const pending = pendingTimers(state)
    const live = new Set(pending.map((p) => p.id))
    for (const [id, h] of scheduled) {
      if (!live.has(id)) {
        o.clock.clear(h)
        scheduled.delete(id)
      }
    }
    for (const p of pending) {
      if (scheduled.has(p.id)) continue
      const handle = o.clock.setTimeout(() => {
        scheduled.delete(p.id)
        const body = timerFired(state, p.id, o.clock.now())
        if (body) run(body as AnyBody)
      }, p.dueAt - o.clock.now())
      scheduled.set(p.id, handle)
    }
  }

  syncTimers()

  return {
    get log() {
      return log
    },
    get state() {
      return state
    },
    get twin() {
      return twin
    },
    append: run,
    stop() {
      stopped = true
      for (const h of scheduled.values()) o.clock.clear(h)
      scheduled.clear()
    },
  }
}
