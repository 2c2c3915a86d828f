/**
 * The browser's copy of the alarm state: the server's own engine, restored from the join
 * snapshot and folded forward with every `log:event`. Events are coalesced: one snapshot (and one
 * store write) per batch, however many events a flood brings.
 */
import { createAlarmEngine, type AlarmBody, type AlarmEngine, type AlarmSnapshot } from '@sim/alarms'
import type { EventMeta } from '@sim/events/envelope'
import type { LoggedEvent } from '@sim/protocol/events'
import type { Scene } from '@sim/scene/sceneSchema'

export interface AlarmFeed {
  /**
   * Replace the state with a join snapshot, then re-apply any newer events already received.
   * A replay seek passes `replay`: events kept from before belong to another instant, so drop them.
   */
  restore(snapshot: AlarmSnapshot, opts?: { replay?: boolean }): void
  /** One logged event; unknown types and already-applied seqs are ignored by the engine. */
  push(event: LoggedEvent): void
  /** Apply what is pending now (tests; the scheduler calls it otherwise). */
  flush(): void
  /** Last applied log seq. */
  readonly seq: number
}

export interface AlarmFeedOptions {
  /** Called with the screen snapshot (no signal state) after each batch. */
  onSnapshot: (snapshot: AlarmSnapshot) => void
  /** Defer the batch; default a 50 ms timer (a flood of events becomes one view update). */
  schedule?: (run: () => void) => void
  /** Recent events kept to re-apply after a restore (events that overtook the join ack). */
  keep?: number
}

export function createAlarmFeed(scene: Scene, opts: AlarmFeedOptions): AlarmFeed {
  const schedule = opts.schedule ?? ((run) => setTimeout(run, 50))
  const keep = opts.keep ?? 500
  let engine: AlarmEngine = createAlarmEngine(scene)
  let restored = false
  let pending: LoggedEvent[] = []
  let recent: LoggedEvent[] = []
  let scheduled = false
  let seq = 0

  const apply = (e: LoggedEvent) => {
    if (e.seq <= seq) return
    engine.apply(e as unknown as EventMeta & AlarmBody)
    seq = e.seq
  }

  const flush = () => {
    scheduled = false
    if (!restored) return // wait for the join snapshot; pending events are re-applied then
    const batch = pending
    pending = []
    for (const e of batch) apply(e)
    if (batch.length) opts.onSnapshot(engine.snapshot({ signals: false }))
  }

  return {
    get seq() {
      return seq
    },
    restore(snapshot, restoreOpts) {
      if (restoreOpts?.replay) recent = []
      engine = createAlarmEngine(scene)
      engine.restore(snapshot)
      seq = snapshot.seq
      restored = true
      for (const e of recent) apply(e)
      pending = []
      opts.onSnapshot(engine.snapshot({ signals: false }))
    },
    push(event) {
      recent.push(event)
      if (recent.length > keep * 2) recent = recent.slice(-keep)
      pending.push(event)
      if (!scheduled) {
        scheduled = true
        schedule(flush)
      }
    },
    flush,
  }
}
