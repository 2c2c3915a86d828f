/**
 * The browser's copy of the three-tier response: the join snapshot (already folded to its seq)
 * folded forward with every logged event by the same pure reducer the server runs. Batched like
 * the alarm feed: one store write per burst of events (an incident opening logs ~30 at once).
 *
 * It also keeps the list of leaks still running (for the instructor's "stop") and notices drill
 * events, both from the same stream.
 */
import type { LoggedEvent } from '@sim/protocol/events'
import { initialResponseState, reduceResponse, type ResponseState } from '@sim/response'

export interface ActiveLeak {
  leakId: string
  sourceId: string | null
  substance: string
}

export interface ResponseFeed {
  /** Replace the state (join snapshot, replay seek) and forget pending events at or before it. */
  restore(state: ResponseState, leaks?: ActiveLeak[]): void
  push(event: LoggedEvent): void
  flush(): void
  readonly state: ResponseState
}

export interface ResponseFeedOptions {
  onState: (state: ResponseState) => void
  onLeaks?: (leaks: ActiveLeak[]) => void
  onDrill?: () => void
  schedule?: (run: () => void) => void
}

/** Fold a batch of events into the running-leak list (leak.started adds, leak.stopped removes). */
export function foldLeaks(
  leaks: readonly ActiveLeak[],
  events: readonly { type: string; [k: string]: unknown }[],
): ActiveLeak[] {
  let out = leaks as ActiveLeak[]
  for (const e of events) {
    if (e.type === 'leak.started')
      out = [
        ...out.filter((l) => l.leakId !== e.leakId),
        {
          leakId: String(e.leakId),
          sourceId: (e.sourceId as string | undefined) ?? null,
          substance: String(e.substance),
        },
      ]
    else if (e.type === 'leak.stopped') out = out.filter((l) => l.leakId !== e.leakId)
  }
  return out
}

export function createResponseFeed(opts: ResponseFeedOptions): ResponseFeed {
  const schedule = opts.schedule ?? ((run) => setTimeout(run, 50))
  let state = initialResponseState()
  let leaks: ActiveLeak[] = []
  let pending: LoggedEvent[] = []
  let scheduled = false

  const flush = () => {
    scheduled = false
    const batch = pending
    pending = []
    if (!batch.length) return
    const before = state
    for (const e of batch) {
      state = reduceResponse(state, e)
      if (e.drill === true) opts.onDrill?.()
    }
    const nextLeaks = foldLeaks(leaks, batch)
    if (nextLeaks !== leaks) {
      leaks = nextLeaks
      opts.onLeaks?.(leaks)
    }
    if (state !== before) opts.onState(state)
  }

  return {
    get state() {
      return state
    },
    restore(next, nextLeaks) {
      state = next
      pending = pending.filter((e) => e.seq > next.seq)
      if (nextLeaks) {
        leaks = nextLeaks
        opts.onLeaks?.(leaks)
      }
      opts.onState(state)
      if (pending.length && !scheduled) {
        scheduled = true
        schedule(flush)
      }
    },
    push(event) {
      pending.push(event)
      if (!scheduled) {
        scheduled = true
        schedule(flush)
      }
    },
    flush,
  }
}
