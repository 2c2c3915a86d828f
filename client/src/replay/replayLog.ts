/**
 * The response view during a replay. The server's seek rebuilds alarms and the twin but sends no
 * response state, so the screen folds the response itself from the scene's log (fetched once per
 * replay, `GET /events`): to a target seq, incrementally forward, from scratch after a seek back.
 */
import type { LoggedEvent } from '@sim/protocol/events'
import { initialResponseState, reduceResponse, type ResponseState } from '@sim/response'
import { foldLeaks, type ActiveLeak } from '../response/responseFeed'

export interface ReplayLog {
  /** Fold up to (and including) log seq `seq`. No-op until the log is loaded (then it catches up). */
  foldTo(seq: number): void
  setEvents(events: LoggedEvent[]): void
  readonly state: ResponseState
  readonly leaks: ActiveLeak[]
  readonly loaded: boolean
}

export function createReplayLog(onChange: (state: ResponseState, leaks: ActiveLeak[]) => void): ReplayLog {
  let events: LoggedEvent[] | null = null
  let state = initialResponseState()
  let leaks: ActiveLeak[] = []
  let folded = 0 // last seq folded
  let cursor = 0 // index in events of the next event to fold
  let target = 0

  const run = () => {
    if (!events) return
    if (target < folded) {
      state = initialResponseState()
      leaks = []
      folded = 0
      cursor = 0
    }
    const start = cursor
    while (cursor < events.length && events[cursor].seq <= target) {
      state = reduceResponse(state, events[cursor])
      folded = events[cursor].seq
      cursor++
    }
    leaks = foldLeaks(leaks, events.slice(start, cursor))
    folded = Math.max(folded, target)
    onChange(state, leaks)
  }

  return {
    get state() {
      return state
    },
    get leaks() {
      return leaks
    },
    get loaded() {
      return events !== null
    },
    foldTo(seq) {
      target = seq
      run()
    },
    setEvents(list) {
      events = [...list].sort((a, b) => a.seq - b.seq)
      run()
    },
  }
}

/** Page through `GET /api/v1/scenes/:id/events` until the window's end (or the log's). */
export async function fetchLogUntil(
  sceneId: string,
  to: number,
  fetchFn: typeof fetch = fetch,
): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = []
  const limit = 10_000
  let from = 1
  for (;;) {
    const res = await fetchFn(`/api/v1/scenes/${encodeURIComponent(sceneId)}/events?from=${from}&limit=${limit}`)
    if (!res.ok) throw new Error(`events: ${res.status}`)
    const page = (await res.json()) as LoggedEvent[]
    for (const e of page) if (e.t <= to) out.push(e)
    if (page.length < limit || page[page.length - 1].t > to) return out
    from = page[page.length - 1].seq + 1
  }
}
