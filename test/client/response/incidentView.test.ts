import { describe, expect, test } from 'vitest'
import { initialResponseState } from '@sim/response'
import type { LoggedEvent } from '@sim/protocol/events'
import { buildIncidentView, incidentsToShow, mayActOn } from '../../../client/src/response/incidentView'
import { createResponseFeed } from '../../../client/src/response/responseFeed'
import { createReplayLog } from '../../../client/src/replay/replayLog'
import { DEMO_SESSION } from '../../../client/src/state/responseSlice'
import { CL2_DETECTOR, demo, leakStarted, loop, MIN, raised, T0, zones } from '../../simulation/response/fixtures'

/** A chlorine leak at CA-T101 folded by the real loop: alarm → incident → park tier. */
function scenario() {
  const { clock, l } = loop()
  l.append(leakStarted('LK-1', 'CA-T101', 'qinglan-chloralkali', T0, 2.5))
  clock.advance(3000)
  l.append(raised(CL2_DETECTOR, 'red', T0 + 3000))
  clock.advance(MIN)
  l.append(zones('LK-1', clock.now(), { outsideSourceFence: true, fences: ['park-wastewater'] }))
  return { l, clock, inc: l.state.incidents[l.state.incidentOrder[0]] }
}

const opts = (now: number, readOnly = false) => ({
  plans: demo().plans,
  session: DEMO_SESSION,
  lang: 'zh' as const,
  now,
  readOnly,
})

describe('incident view model', () => {
  test('lanes per tier in plan order; automatic steps done, park tasks actionable by the park commander', () => {
    const { inc, clock } = scenario()
    const v = buildIncidentView(inc, opts(clock.now()))
    expect(v.id).toBe('INC-0001')
    expect(v.grade).toBe('Ⅱ')
    expect(v.colour).toBe('orange')
    expect(v.lanes.map((l) => [l.tier, l.active])).toEqual([
      ['enterprise', true],
      ['park', true],
      ['government', false],
    ])
    const ent = v.lanes[0].steps
    expect(ent[0].id).toBe('E-close-valves')
    expect(ent.find((s) => s.id === 'E-close-valves')!.look).toBe('done')
    const startPlan = ent.find((s) => s.id === 'E-start-plan')!
    expect(startPlan.look).toBe('active')
    expect(startPlan.deadline?.which).toBe('acknowledge')
    expect(startPlan.canAck).toBe(false)
    expect(startPlan.reason).toBe('notYourRole')
    const dispatch = v.lanes[1].steps.find((s) => s.id === 'P-dispatch')!
    expect(dispatch.canAck).toBe(true)
    expect(dispatch.canComplete).toBe(true)
    expect(dispatch.reason).toBeNull()
    // Government steps are shown, not started.
    expect(v.lanes[2].steps.every((s) => s.look === 'waiting')).toBe(true)
  })

  test('figures: valves and fire brigade at the alarm instant, within the pilot targets', () => {
    const { inc, clock } = scenario()
    const f = Object.fromEntries(buildIncidentView(inc, opts(clock.now())).figures.map((x) => [x.key, x]))
    expect(f.valves.ms).toBe(0)
    expect(f.valves.ok).toBe(true)
    expect(f.fireBrigade.ok).toBe(true)
    expect(f.parkTier.ms).toBe(MIN)
    expect(f.govNotified.ms).toBeNull()
  })

  test('a deadline passed on the screen clock shows overdue before the timer fires', () => {
    const { inc } = scenario()
    const due = inc.steps['E-start-plan'].ack!.dueAt
    const v = buildIncidentView(inc, opts(due + 1))
    expect(v.lanes[0].steps.find((s) => s.id === 'E-start-plan')!.look).toBe('overdue')
  })

  test('read-only in a replay; no role means no buttons', () => {
    const { inc, clock } = scenario()
    const ro = buildIncidentView(inc, opts(clock.now(), true))
    expect(ro.lanes.flatMap((l) => l.steps).some((s) => s.canAck || s.canComplete)).toBe(false)
    const none = buildIncidentView(inc, { ...opts(clock.now()), session: { ...DEMO_SESSION, planRole: null } })
    expect(none.lanes[1].steps.find((s) => s.id === 'P-dispatch')!.reason).toBe('noRole')
    expect(mayActOn(demo().plans, 'gov.commander', { tier: 'park', role: 'park.commander' })).toBe(false)
  })

  test('the feed and the replay log fold the same events to the same state', () => {
    const { l } = scenario()
    const events = l.log as unknown as LoggedEvent[]
    const states: unknown[] = []
    const feed = createResponseFeed({ onState: (s) => states.push(s), schedule: () => {} })
    feed.restore(initialResponseState())
    events.forEach((e) => feed.push(e))
    feed.flush()
    expect(incidentsToShow(feed.state).map((i) => i.id)).toEqual(['INC-0001'])
    let replayed = initialResponseState()
    const log = createReplayLog((s) => (replayed = s))
    log.setEvents(events)
    log.foldTo(events[events.length - 1].seq)
    expect(replayed).toEqual(feed.state)
    // Seek back before the incident opened: nothing to show.
    log.foldTo(1)
    expect(incidentsToShow(replayed)).toEqual([])
  })
})
