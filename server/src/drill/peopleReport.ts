/**
 * The people section of the incident report, from the log only (same log → same report):
 * `report.exposure` lists everyone with a `person.exposure` event — the highest triage category
 * reached, the AEGL level it stands for, and the dose and peak logged when it was reached (the
 * log records category rises, not every breath: a person who stays in the cloud has a higher
 * dose by the end; the live triage list has the running figure). Gatherings, people down and
 * restricted/threat-zone intrusions go on the timeline.
 */
import type { SceneHost } from '../scene/sceneHost'
import type { StoredEvent } from '../store/eventStore'
import { peopleOf } from '../scene/peopleModule'
import type { ReportContributor } from './drillReport'

const RANK: Record<string, number> = { none: 0, minor: 1, delayed: 2, immediate: 3 }

export interface ExposureReportEntry {
  personId: string
  name: string | null
  role: string | null
  category: 'minor' | 'delayed' | 'immediate'
  /** The level of concern the category stands for: AEGL-1 minor, AEGL-2 delayed, AEGL-3 immediate. */
  maxLevel: 'AEGL-1' | 'AEGL-2' | 'AEGL-3'
  dose_mg_min_m3: number
  peak_mgM3: number
  /** Seconds from the start of the report window to the first and the highest category. */
  first_s: number
  reached_s: number
}

export function peopleContributor(host: SceneHost): ReportContributor | void {
  const mod = peopleOf(host)
  if (!mod) return
  const who = new Map(mod.people.map((p) => [p.id, p]))
  const name = (id: unknown) => who.get(id as string)?.name.en ?? String(id)
  return {
    timelineTypes: ['person.exposure', 'people.gathering', 'person.down', 'person.intrusion'],
    tierOf: (e: StoredEvent) =>
      e.type.startsWith('person.') || e.type.startsWith('people.') ? 'enterprise' : undefined,
    describe: (e: StoredEvent) => {
      switch (e.type) {
        case 'person.exposure':
          return `${name(e.personId)} exposed: ${e.category} (dose ${e.dose_mg_min_m3} mg·min/m³, peak ${e.peak_mgM3} mg/m³)`
        case 'people.gathering':
          return `${e.count} people gathered in ${e.zoneId} for ${e.duration_s} s`
        case 'person.down':
          return `${name(e.personId)} motionless ${e.still_s} s (man-down) in ${(e.zoneIds as string[]).join(', ') || 'no zone'}`
        case 'person.intrusion':
          return `${name(e.personId)} entered ${e.zoneKind} zone ${e.zoneId}${e.level ? ` (${e.level})` : ''}`
        default:
          return undefined
      }
    },
    fill: (report, events, t0) => {
      const best = new Map<string, ExposureReportEntry>()
      const rel = (t: number) => Math.round((t - t0) / 100) / 10
      for (const e of events) {
        if (e.type !== 'person.exposure') continue
        const id = e.personId as string
        const cat = e.category as ExposureReportEntry['category']
        const prev = best.get(id)
        if (prev && RANK[prev.category] >= RANK[cat]) continue
        const p = who.get(id)
        best.set(id, {
          personId: id,
          name: p?.name.en ?? null,
          role: p?.role ?? null,
          category: cat,
          maxLevel: `AEGL-${RANK[cat]}` as ExposureReportEntry['maxLevel'],
          dose_mg_min_m3: e.dose_mg_min_m3 as number,
          peak_mgM3: e.peak_mgM3 as number,
          first_s: prev?.first_s ?? rel(e.t),
          reached_s: rel(e.t),
        })
      }
      report.exposure = [...best.values()].sort(
        (a, b) =>
          RANK[b.category] - RANK[a.category] ||
          b.dose_mg_min_m3 - a.dose_mg_min_m3 ||
          a.personId.localeCompare(b.personId),
      )
    },
  }
}
