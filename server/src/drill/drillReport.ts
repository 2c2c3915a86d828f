/**
 * The incident report, built only from the log: what happened when, who did it, how long the key
 * steps took against the plan's deadlines, where the cloud went and who was exposed. The same
 * log gives the same report byte for byte (no wall-clock times, stable ordering).
 */
import type { StoredEvent } from '../store/eventStore'

export interface TimelineEntry {
  t_s: number
  type: string
  tier: 'enterprise' | 'park' | 'government' | null
  actor: string
  detail: string
}

export interface DrillReport {
  format: 'safetwin.incident-report/1'
  scene: string
  /** The drill scenario, or null for a report over a live incident window. */
  scenario: { id: string; name: { zh: string; en: string }; seed: number; start: string; duration_s: number } | null
  window: { from: string; to: string }
  drill: boolean
  log: { events: number; firstSeq: number; lastSeq: number; headHash: string; chainVerified: boolean }
  timeline: TimelineEntry[]
  intervals: Record<string, number | null>
  leaks: {
    leakId: string
    substance: string
    sourceId: string | null
    started_s: number
    stopped_s: number | null
    released_kg: number
  }[]
  zones: {
    t_s: number
    leakId: string
    aegl: { label: string; maxDistance_m: number }[]
    outsideSourceFence: boolean
    outsideBoundary: boolean
    targets: string[]
  }[]
  alarms: { raised: number; bySeverity: Record<string, number>; acknowledged: number; medianAck_s: number | null }
  dispatch: unknown[]
  exposure: unknown[]
  compliance: { deadline: string; due_s: number | null; done_s: number | null; met: boolean | null }[]
  notes: { t_s: number; note: string }[]
}

const TIMELINE_TYPES = new Set([
  'leak.started',
  'leak.rate_changed',
  'leak.stopped',
  'weather.observed',
  'alarm.raised',
  'alarm.acknowledged',
  'alarm.shelved',
  'device.offline',
  'device.fault',
  'credit.changed',
])

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d

function describe(e: StoredEvent): string {
  switch (e.type) {
    case 'leak.started':
      return `${e.substance} leak at ${e.sourceId ?? `(${round(e.e as number)}, ${round(e.n as number)})`}, ${e.rate_kg_s} kg/s`
    case 'leak.rate_changed':
      return `${e.leakId}: rate now ${e.rate_kg_s} kg/s (${e.reason})`
    case 'leak.stopped':
      return `${e.leakId} stopped (${e.reason})`
    case 'weather.observed':
      return `wind ${e.wind_speed_m_s} m/s from ${e.wind_from_deg}°, ${e.air_temp_c} °C, stability ${'ABCDEF'[Math.round(e.stability as number)] ?? e.stability}`
    case 'alarm.raised':
      return `${e.severity} ${e.level} alarm on ${e.deviceId}: ${round(e.value as number, 2)} (limit ${e.limit})`
    case 'alarm.acknowledged':
      return `${e.alarmId} acknowledged`
    case 'plume.zones_updated': {
      const z = (e.zones as { label: string; maxDistance_m: number }[])
        .map((x) => `${x.label.split(' ')[0]} ${x.maxDistance_m} m`)
        .join(', ')
      return `threat zones ${z}`
    }
    default: {
      const {
        type: _t,
        seq: _s,
        t: _tt,
        wall: _w,
        sceneId: _sc,
        source: _so,
        operator: _o,
        drill: _d,
        prevHash: _p,
        hash: _h,
        at: _a,
        ...rest
      } = e
      return JSON.stringify(rest)
    }
  }
}

/** Extra timeline sections contributed by feature modules (response, dispatch, people). */
export interface ReportContributor {
  timelineTypes?: string[]
  /** The tier an event belongs to; undefined = not this contributor's event. */
  tierOf?: (e: StoredEvent) => TimelineEntry['tier'] | undefined
  describe?: (e: StoredEvent) => string | undefined
  fill?: (report: DrillReport, events: StoredEvent[], t0: number) => void
}

export function buildReport(input: {
  events: StoredEvent[]
  sceneId: string
  scenario: DrillReport['scenario']
  t0: number
  /** End of the window, ms (default: start + scenario duration). */
  t1?: number
  chainVerified: boolean
  notes: { t: number; note: string }[]
  contributors?: ReportContributor[]
}): DrillReport {
  const { events, t0 } = input
  const contributors = input.contributors ?? []
  const types = new Set([...TIMELINE_TYPES, ...contributors.flatMap((c) => c.timelineTypes ?? [])])
  const ts = (t: number) => round((t - t0) / 1000, 1)
  const windowEnd = input.t1 ?? t0 + (input.scenario?.duration_s ?? 0) * 1000
  const timeline: TimelineEntry[] = []
  let lastZoneKey = ''
  for (const e of events) {
    let include = types.has(e.type)
    if (e.type === 'plume.zones_updated') {
      // Only when what the zones reach changes, not for every 50 m of growth.
      const key = JSON.stringify([e.aegl2, e.aegl3])
      include = key !== lastZoneKey
      lastZoneKey = key
    }
    if (e.type === 'alarm.raised' && (e.severity === 'blue' || e.severity === 'yellow')) include = false
    if (!include) continue
    const tier: TimelineEntry['tier'] =
      contributors.map((c) => c.tierOf?.(e)).find((x) => x !== undefined) ??
      (e.type.startsWith('alarm.') || e.type.startsWith('leak.') ? 'enterprise' : null)
    const detail = contributors.map((c) => c.describe?.(e)).find((x) => x !== undefined) ?? describe(e)
    timeline.push({ t_s: ts(e.t), type: e.type, tier, actor: e.operator ?? e.source, detail })
  }

  const leaksStarted = events.filter((e) => e.type === 'leak.started')
  const leaks = leaksStarted.map((l) => {
    const stop = events.find((e) => e.type === 'leak.stopped' && e.leakId === l.leakId)
    let released = 0
    let rate = l.rate_kg_s as number
    let from = l.t
    for (const e of events) {
      if (e.leakId !== l.leakId || e.t < l.t) continue
      if (e.type === 'leak.rate_changed' || e.type === 'leak.stopped') {
        released += (rate * (e.t - from)) / 1000
        from = e.t
        rate = e.type === 'leak.stopped' ? 0 : (e.rate_kg_s as number)
      }
    }
    const end = windowEnd
    released += (rate * Math.max(0, end - from)) / 1000
    return {
      leakId: l.leakId as string,
      substance: l.substance as string,
      sourceId: (l.sourceId as string) ?? null,
      started_s: ts(l.t),
      stopped_s: stop ? ts(stop.t) : null,
      released_kg: round(released, 1),
    }
  })

  const zones = events
    .filter((e) => e.type === 'plume.zones_updated')
    .map((e) => {
      const a2 = e.aegl2 as { outsideSourceFence: boolean; outsideBoundary: boolean; targets: string[] }
      return {
        t_s: ts(e.t),
        leakId: e.leakId as string,
        aegl: (e.zones as { label: string; maxDistance_m: number }[]).map((z) => ({
          label: z.label,
          maxDistance_m: z.maxDistance_m,
        })),
        outsideSourceFence: a2.outsideSourceFence,
        outsideBoundary: a2.outsideBoundary,
        targets: a2.targets,
      }
    })

  const raised = events.filter((e) => e.type === 'alarm.raised')
  const bySeverity: Record<string, number> = { red: 0, orange: 0, yellow: 0, blue: 0 }
  for (const r of raised) bySeverity[r.severity as string]++
  const ackTimes: number[] = []
  for (const a of events.filter((e) => e.type === 'alarm.acknowledged')) {
    const r = raised.find((x) => x.alarmId === a.alarmId)
    if (r) ackTimes.push((a.t - r.t) / 1000)
  }
  ackTimes.sort((a, b) => a - b)
  const firstLeak = leaksStarted[0]?.t
  const firstAlarm = raised.find((e) => firstLeak === undefined || e.t >= firstLeak)

  const last = events[events.length - 1]
  const report: DrillReport = {
    format: 'safetwin.incident-report/1',
    scene: input.sceneId,
    scenario: input.scenario,
    window: { from: new Date(t0).toISOString(), to: new Date(windowEnd).toISOString() },
    drill: events.every((e) => e.drill),
    log: {
      events: events.length,
      firstSeq: events[0]?.seq ?? 0,
      lastSeq: last?.seq ?? 0,
      headHash: last?.hash ?? '',
      chainVerified: input.chainVerified,
    },
    timeline,
    intervals: {
      leak_start_s: firstLeak !== undefined ? ts(firstLeak) : null,
      first_alarm_s: firstAlarm ? ts(firstAlarm.t) : null,
      first_alarm_after_leak_s: firstAlarm && firstLeak !== undefined ? round((firstAlarm.t - firstLeak) / 1000) : null,
      valves_closed_s: null,
      fire_brigade_notified_s: null,
      park_tier_active_s: null,
      government_notified_s: null,
    },
    leaks,
    zones,
    alarms: {
      raised: raised.length,
      bySeverity,
      acknowledged: ackTimes.length,
      medianAck_s: ackTimes.length ? round(ackTimes[Math.floor(ackTimes.length / 2)]) : null,
    },
    dispatch: [],
    exposure: [],
    compliance: [],
    notes: input.notes.map((n) => ({ t_s: ts(n.t), note: n.note })),
  }
  for (const c of contributors) c.fill?.(report, events, t0)
  return report
}
