/**
 * The dispatch part of an incident report, from the log only: every unit sent, by whom, its
 * route (length, roads, first ETA, re-routes), when it arrived, and whether any route or any
 * logged position entered a forbidden (AEGL-3 / LEL) zone.
 */
import type { SceneHost } from '../scene/sceneHost'
import { dispatchOf } from '../scene/dispatchModule'
import type { StoredEvent } from '../store/eventStore'
import type { ReportContributor, TimelineEntry } from './drillReport'

interface RouteLike {
  lengthM: number
  etaS: number
  safe: boolean
  roads: string[]
  exposure: { forbiddenM: number; penalisedM: number }
}

export interface DispatchReportRow {
  unitId: string
  tier: string | null
  type: string | null
  incidentId: string
  role: string
  planId: string | null
  override: boolean
  by: string
  dispatched_s: number
  eta_s: number
  route_m: number
  roads: string[]
  reroutes: { t_s: number; reason: string; eta_s: number }[]
  arrived_s: number | null
  /** Arrival minus dispatch, s (the first ETA is the plan; this is what happened). */
  travel_s: number | null
  /** Every route the unit was given avoided the forbidden zone. */
  routesSafe: boolean
  /** Most metres inside forbidden / penalised zones of any route it was given. */
  forbidden_m: number
  penalised_m: number
  /** A logged position of the unit lay inside a forbidden zone. */
  enteredForbiddenZone: boolean
}

const r1 = (x: number) => Math.round(x * 10) / 10

export function dispatchContributor(host: SceneHost): ReportContributor | undefined {
  const m = dispatchOf(host)
  if (!m) return undefined
  const unit = (id: unknown) => m.state.dispatch.units[id as string]?.resource
  return {
    timelineTypes: [
      'dispatch.recommended',
      'unit.dispatched',
      'unit.arrived',
      'unit.rerouted',
      'unit.recalled',
      'evacuation.ordered',
    ],
    tierOf: (e: StoredEvent) => {
      if (e.type === 'dispatch.recommended')
        return ((e.trigger as { tiers: TimelineEntry['tier'][] }).tiers.at(-1) ?? 'park') as TimelineEntry['tier']
      if (e.type.startsWith('unit.')) return (unit(e.unitId)?.tier ?? null) as TimelineEntry['tier']
      if (e.type === 'evacuation.ordered') return 'park'
      return undefined
    },
    describe: (e: StoredEvent) => {
      switch (e.type) {
        case 'dispatch.recommended': {
          const recs = e.recommendations as { unitId: string; role: string; etaS: number }[]
          const unfilled = e.unfilled as { role: string; missing: number }[]
          return `recommend ${recs.map((x) => `${x.unitId} (${x.role}, ETA ${Math.round(x.etaS)} s)`).join(', ')}${unfilled.length ? `; unfilled ${unfilled.map((u) => `${u.missing}× ${u.role}`).join(', ')}` : ''}`
        }
        case 'unit.dispatched': {
          const r = e.route as RouteLike
          return `${e.unitId} dispatched as ${e.role} to ${e.incidentId}${e.override ? ' (override)' : ''}: ${Math.round(r.lengthM)} m, ETA ${Math.round(r.etaS)} s${r.safe ? '' : ', NO SAFE ROUTE'}`
        }
        case 'unit.arrived':
          return `${e.unitId} arrived (${e.status})`
        case 'unit.rerouted':
          return `${e.unitId} re-routed: ${e.reason}`
        case 'unit.recalled':
          return `${e.unitId} recalled to base`
        case 'evacuation.ordered':
          return `evacuation ordered: ${(e.expected as { count: number }[]).reduce((a, x) => a + x.count, 0)} people to muster points`
        default:
          return undefined
      }
    },
    fill: (report, events, t0) => {
      const ts = (t: number) => r1((t - t0) / 1000)
      const rows: DispatchReportRow[] = []
      const open = new Map<string, DispatchReportRow>()
      for (const e of events) {
        if (e.type === 'unit.dispatched') {
          const r = e.route as RouteLike
          const res = unit(e.unitId)
          const row: DispatchReportRow = {
            unitId: e.unitId as string,
            tier: res?.tier ?? null,
            type: res?.type ?? null,
            incidentId: e.incidentId as string,
            role: e.role as string,
            planId: (e.planId as string | undefined) ?? null,
            override: e.override as boolean,
            by: e.operator ?? e.source,
            dispatched_s: ts(e.t),
            eta_s: r1(r.etaS),
            route_m: Math.round(r.lengthM),
            roads: r.roads,
            reroutes: [],
            arrived_s: null,
            travel_s: null,
            routesSafe: r.safe,
            forbidden_m: r1(r.exposure.forbiddenM),
            penalised_m: r1(r.exposure.penalisedM),
            enteredForbiddenZone: false,
          }
          rows.push(row)
          open.set(row.unitId, row)
          continue
        }
        const row = open.get(e.unitId as string)
        if (!row) continue
        if (e.type === 'unit.rerouted') {
          const r = e.route as RouteLike
          row.reroutes.push({ t_s: ts(e.t), reason: e.reason as string, eta_s: r1(r.etaS) })
          row.routesSafe &&= r.safe
          row.forbidden_m = Math.max(row.forbidden_m, r1(r.exposure.forbiddenM))
          row.penalised_m = Math.max(row.penalised_m, r1(r.exposure.penalisedM))
        } else if (e.type === 'unit.position' && e.hazard === 'forbidden') row.enteredForbiddenZone = true
        else if (e.type === 'unit.arrived' && row.arrived_s === null) {
          row.arrived_s = ts(e.t)
          row.travel_s = r1(row.arrived_s - row.dispatched_s)
        } else if (e.type === 'unit.recalled') open.delete(row.unitId)
      }
      report.dispatch.push(...rows)
    },
  }
}
