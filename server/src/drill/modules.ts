/**
 * The feature modules a headless drill reports on. Each contributes to the report from the log
 * (the hosts already run the response machine, dispatch and people live; these read what they
 * logged). Kept in one list so the CLI, the live drill mode and the tests use the same set.
 */
import { figuresFromLog } from '@sim/response'
import type { SceneHost } from '../scene/sceneHost'
import type { StoredEvent } from '../store/eventStore'
import type { ReportContributor, TimelineEntry } from './drillReport'
import { peopleContributor } from './peopleReport'
import { dispatchContributor } from './dispatchReport'

const s = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10)

const responseContributor: ReportContributor = {
  timelineTypes: [
    'incident.opened',
    'incident.level_changed',
    'incident.tier_activated',
    'incident.closed',
    'step.acknowledged',
    'step.completed',
    'action.executed',
    'notification.sent',
    'notification.failed',
    'timer.fired',
  ],
  tierOf: (e: StoredEvent) => {
    if (e.type === 'incident.tier_activated') return e.tier as TimelineEntry['tier']
    if (e.type === 'notification.sent') return (e.to as { tier: TimelineEntry['tier'] }).tier
    if (e.type.startsWith('incident.') || e.type.startsWith('action.')) return 'enterprise'
    return undefined
  },
  describe: (e: StoredEvent) => {
    switch (e.type) {
      case 'incident.opened':
        return `${e.incidentId} opened: level ${e.level} (${e.grade}, ${e.colour}) ${(e.title as { en: string })?.en ?? ''}`
      case 'incident.tier_activated':
        return `${e.incidentId}: ${e.tier} tier ${e.direction === 'down' ? 'stood down' : 'active'} (${e.reason})`
      case 'action.executed':
        return `${e.action} → ${(e.targetIds as string[]).join(', ')}`
      case 'notification.sent': {
        const to = e.to as { kind: string; id: string; tier: string }
        return `notify ${to.kind === 'role' ? to.id : `${to.kind} (${to.tier})`} by ${e.channel}: ${(e.message as { en: string }).en}`
      }
      case 'timer.fired':
        return `deadline ${e.timerId} reached`
      default:
        return undefined
    }
  },
  fill: (report, events) => {
    const figs = figuresFromLog(events as never)
    const f = figs[0]
    if (!f) return
    const rel = (at: number | null) =>
      at === null ? null : Math.round((at - Date.parse(report.window.from)) / 100) / 10
    report.intervals.incident_opened_s = rel(f.toOpened.at)
    report.intervals.valves_closed_s = rel(f.toValvesClosed.at)
    report.intervals.fire_brigade_notified_s = rel(f.toFireBrigadeNotified.at)
    report.intervals.park_tier_active_s = rel(f.toParkTier.at)
    report.intervals.government_notified_s = rel(f.toGovernmentNotified.at)
    report.intervals.alarm_to_valves_closed_s = s(f.toValvesClosed.ms)
    report.intervals.alarm_to_fire_brigade_s = s(f.toFireBrigadeNotified.ms)
    report.intervals.alarm_to_park_tier_s = s(f.toParkTier.ms)
    report.intervals.alarm_to_government_notified_s = s(f.toGovernmentNotified.ms)
    for (const fig of figs)
      for (const d of fig.deadlines)
        report.compliance.push({
          deadline: `${fig.incidentId} ${d.stepId} (${d.which}, ${d.role ?? d.tier})`,
          due_s: rel(d.dueAt),
          done_s: d.status === 'met' ? rel(d.at) : null,
          met: d.status === 'met' ? true : d.status === 'missed' ? false : null,
        })
  },
}

export function defaultDrillModules(): ((host: SceneHost) => ReportContributor | void)[] {
  return [(host) => (host.response.enabled ? responseContributor : undefined), dispatchContributor, peopleContributor]
}
