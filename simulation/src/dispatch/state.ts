/**
 * Dispatch state as a pure fold over the log's dispatch events, so the live server, the drill
 * runner and the replay player agree on where every unit is and what it is doing.
 *
 * The fold trusts its events: the server checks a command with `validateDispatchEvent` before it
 * appends the event (an illegal status change is refused with the reason, never logged). Routes
 * travel inside the events that start or change them, so a replay needs no road graph.
 */
import { toLocal } from '../geo/frames'
import type { Scene } from '../scene/sceneSchema'
import type { DispatchPlan, DispatchUnit, Unfilled } from './assign'
import type { GraphHazard } from './hazard'
import { currentPlace, isMoving, type MovementEvent, type UnitMotion, type UnitStatusEvent } from './movement'
import { checkTransition, resourceBase, type Resource, type ResourcePatch, type ResourceStatus } from './resources'
import { route, type Route, type RouteEnd, type SearchWorkspace } from './route'
import type { RoadGraph } from './roadGraph'

export interface UnitDispatchedEvent {
  type: 'unit.dispatched'
  unitId: string
  incidentId: string
  role: string
  target: RouteEnd
  route: Route
  /** True when the commander chose another unit than recommended. */
  override: boolean
}

export interface UnitRecalledEvent {
  type: 'unit.recalled'
  unitId: string
  /** Route home to its base. */
  target: RouteEnd
  route: Route
}

export interface ResourceUpdatedEvent {
  type: 'resource.updated'
  resourceId: string
  patch: ResourcePatch
}

/** The plan as shown to the commander (informational: the fold does not change on it). */
export interface DispatchRecommendedEvent {
  type: 'dispatch.recommended'
  planId: string
  incidentIds: string[]
  recommendations: {
    unitId: string
    demandId: string
    role: string
    etaS: number
    distanceM: number
    safe: boolean
    explanation: { en: string; zh: string }
  }[]
  unfilled: Unfilled[]
}

export type DispatchEvent =
  MovementEvent | UnitDispatchedEvent | UnitRecalledEvent | ResourceUpdatedEvent | DispatchRecommendedEvent

export interface UnitState {
  resource: Resource
  status: ResourceStatus
  incidentId: string | null
  role: string | null
  target: RouteEnd | null
  route: Route | null
  elapsedS: number
  e: number
  n: number
  etaS: number | null
  /** Base in local metres (for recall). */
  baseE: number
  baseN: number
}

export interface DispatchState {
  units: Record<string, UnitState>
}

/** Every resource at its base with its file status. */
export function initDispatchState(scene: Scene, resources: readonly Resource[]): DispatchState {
  const units: Record<string, UnitState> = {}
  for (const r of resources) {
    const b = resourceBase(scene, r)
    units[r.id] = {
      resource: r,
      status: r.status,
      incidentId: null,
      role: null,
      target: null,
      route: null,
      elapsedS: 0,
      e: b.e,
      n: b.n,
      etaS: null,
      baseE: b.e,
      baseN: b.n,
    }
  }
  return { units }
}

/** null if the event may be appended to the log now, otherwise why not. */
export function validateDispatchEvent(s: DispatchState, ev: DispatchEvent): string | null {
  if (ev.type === 'dispatch.recommended') return null
  const id = ev.type === 'resource.updated' ? ev.resourceId : ev.unitId
  const u = s.units[id]
  if (!u) return `unknown unit ${id}`
  switch (ev.type) {
    case 'unit.dispatched':
      return checkTransition(u.status, 'dispatched') ?? (ev.route.found ? null : 'route not found')
    case 'unit.recalled':
      return checkTransition(u.status, 'returning')
    case 'unit.status':
      if (ev.from !== u.status) return `${id} is ${u.status}, not ${ev.from}`
      return checkTransition(ev.from, ev.to)
    case 'unit.arrived':
      return u.route ? null : `${id} has no route`
    default:
      return null
  }
}

function setUnit(s: DispatchState, id: string, patch: Partial<UnitState>): DispatchState {
  const u = s.units[id]
  if (!u) return s
  return { units: { ...s.units, [id]: { ...u, ...patch } } }
}

/** Pure fold step; events of other modules return the state unchanged. */
export function reduceDispatch(s: DispatchState, ev: DispatchEvent | { type: string }): DispatchState {
  const x = ev as DispatchEvent
  switch (x.type) {
    case 'unit.dispatched':
      return setUnit(s, x.unitId, {
        status: 'dispatched',
        incidentId: x.incidentId,
        role: x.role,
        target: x.target,
        route: x.route,
        elapsedS: 0,
        etaS: x.route.etaS,
      })
    case 'unit.recalled':
      return setUnit(s, x.unitId, {
        status: 'returning',
        incidentId: null,
        role: null,
        target: x.target,
        route: x.route,
        elapsedS: 0,
        etaS: x.route.etaS,
      })
    case 'unit.rerouted':
      return setUnit(s, x.unitId, { route: x.route, target: x.target, elapsedS: 0, etaS: x.route.etaS })
    case 'unit.position':
      return setUnit(s, x.unitId, { e: x.e, n: x.n, elapsedS: x.elapsedS, etaS: x.etaS })
    case 'unit.status': {
      const u = s.units[x.unitId]
      if (!u) return s
      const done = x.to === 'available' || x.to === 'out_of_service'
      return setUnit(s, x.unitId, {
        status: x.to,
        ...(done ? { incidentId: null, role: null, route: null, target: null, etaS: null } : {}),
        ...(x.to === 'on_scene' ? { etaS: 0 } : {}),
      })
    }
    case 'unit.arrived':
      return s
    case 'resource.updated': {
      const u = s.units[x.resourceId]
      if (!u) return s
      return setUnit(s, x.resourceId, { resource: { ...u.resource, ...x.patch } })
    }
    default:
      return s
  }
}

/** Moving units and their routes, ready for `advanceUnits` / `rerouteUnits`. */
export function motions(s: DispatchState): { units: UnitMotion[]; routes: Map<string, Route> } {
  const units: UnitMotion[] = []
  const routes = new Map<string, Route>()
  for (const u of Object.values(s.units)) {
    if (!u.route || !u.target || !isMoving(u.status)) continue
    units.push({
      unitId: u.resource.id,
      status: u.status,
      incidentId: u.incidentId,
      target: u.target,
      elapsedS: u.elapsedS,
      e: u.e,
      n: u.n,
    })
    routes.set(u.resource.id, u.route)
  }
  return { units, routes }
}

/** Units as `planDispatch` candidates: moving ones start from where they are on their route. */
export function dispatchCandidates(g: RoadGraph, s: DispatchState): DispatchUnit[] {
  return Object.values(s.units).map((u) => {
    const moving = u.route && u.target && isMoving(u.status)
    const at: RouteEnd = moving
      ? currentPlace(
          g,
          {
            unitId: u.resource.id,
            status: u.status,
            incidentId: u.incidentId,
            target: u.target!,
            elapsedS: u.elapsedS,
            e: u.e,
            n: u.n,
          },
          u.route!,
        )
      : { e: u.e, n: u.n }
    return {
      id: u.resource.id,
      status: u.status,
      type: u.resource.type,
      capabilities: u.resource.capabilities,
      at,
      e: u.e,
      n: u.n,
    }
  })
}

/** Status events for a list of units going out of service etc., checked against the machine. */
export function statusEvent(
  s: DispatchState,
  unitId: string,
  to: ResourceStatus,
  reason: string,
): UnitStatusEvent | { error: string } {
  const u = s.units[unitId]
  if (!u) return { error: `unknown unit ${unitId}` }
  const err = checkTransition(u.status, to)
  return err ? { error: err } : { type: 'unit.status', unitId, from: u.status, to, reason }
}

/** Local metres of a lon/lat, for callers holding scene positions. */
export function localOf(scene: Pick<Scene, 'origin'>, p: readonly [number, number]): { e: number; n: number } {
  const l = toLocal(scene.origin, p)
  return { e: l.e, n: l.n }
}

/** The 'dispatch.recommended' body for a plan (routes stay out: they go with 'unit.dispatched'). */
export function recommendedEvent(planId: string, plan: DispatchPlan): DispatchRecommendedEvent {
  return {
    type: 'dispatch.recommended',
    planId,
    incidentIds: [...new Set(plan.staging.map((x) => x.demandId))],
    recommendations: plan.recommendations.map((r) => ({
      unitId: r.unitId,
      demandId: r.demandId,
      role: r.role,
      etaS: r.etaS,
      distanceM: r.distanceM,
      safe: r.safe,
      explanation: r.explanation,
    })),
    unfilled: plan.unfilled,
  }
}

export interface Override {
  demandId: string
  role: string
  /** The recommended unit to replace (omit to add a unit to the demand). */
  replace?: string
  /** The unit the commander chose instead. */
  unitId: string
}

/**
 * The commander confirms a plan, with overrides: 'unit.dispatched' events for the server to
 * append, each validated against the state as the previous ones would leave it. Overridden units
 * get a fresh hazard-aware route from where they are to the demand's staging point.
 */
export function confirmDispatch(
  g: RoadGraph,
  h: GraphHazard,
  s: DispatchState,
  plan: DispatchPlan,
  overrides: readonly Override[] = [],
  opts: { ws?: SearchWorkspace; reject?: readonly string[] } = {},
): { events: UnitDispatchedEvent[]; errors: string[] } {
  const events: UnitDispatchedEvent[] = []
  const errors: string[] = []
  let state = s
  const stagingOf = new Map(plan.staging.map((x) => [x.demandId, x]))
  const push = (ev: UnitDispatchedEvent) => {
    const err = validateDispatchEvent(state, ev)
    if (err) errors.push(`${ev.unitId}: ${err}`)
    else {
      events.push(ev)
      state = reduceDispatch(state, ev)
    }
  }
  const candidates = new Map(dispatchCandidates(g, s).map((c) => [c.id, c]))
  const overridden = (unitId: string, demandId: string, role: string) =>
    overrides.find((o) => o.replace === unitId && o.demandId === demandId && o.role === role)
  for (const r of plan.recommendations) {
    if (opts.reject?.includes(r.unitId)) continue
    const st = stagingOf.get(r.demandId)!
    const o = overridden(r.unitId, r.demandId, r.role)
    if (!o) {
      push({
        type: 'unit.dispatched',
        unitId: r.unitId,
        incidentId: r.demandId,
        role: r.role,
        target: { node: st.node },
        route: r.route,
        override: false,
      })
      continue
    }
    const c = candidates.get(o.unitId)
    if (!c) {
      errors.push(`${o.unitId}: unknown unit`)
      continue
    }
    const rt = route(g, h, c.at, { node: st.node }, { ws: opts.ws })
    push({
      type: 'unit.dispatched',
      unitId: o.unitId,
      incidentId: r.demandId,
      role: r.role,
      target: { node: st.node },
      route: rt,
      override: true,
    })
  }
  for (const o of overrides.filter((x) => !x.replace)) {
    const st = stagingOf.get(o.demandId)
    const c = candidates.get(o.unitId)
    if (!st || !c) {
      errors.push(`${o.unitId}: unknown ${st ? 'unit' : `demand ${o.demandId}`}`)
      continue
    }
    const rt = route(g, h, c.at, { node: st.node }, { ws: opts.ws })
    push({
      type: 'unit.dispatched',
      unitId: o.unitId,
      incidentId: o.demandId,
      role: o.role,
      target: { node: st.node },
      route: rt,
      override: true,
    })
  }
  return { events, errors }
}

/** Send a unit home: a 'unit.recalled' event with its route back to base, or why not. */
export function recallEvent(
  g: RoadGraph,
  h: GraphHazard,
  s: DispatchState,
  unitId: string,
  opts: { ws?: SearchWorkspace } = {},
): UnitRecalledEvent | { error: string } {
  const u = s.units[unitId]
  if (!u) return { error: `unknown unit ${unitId}` }
  const err = checkTransition(u.status, 'returning')
  if (err) return { error: err }
  const from = dispatchCandidates(g, { units: { [unitId]: u } })[0].at
  const target: RouteEnd = { e: u.baseE, n: u.baseN }
  const rt = route(g, h, from, target, { ws: opts.ws })
  if (!rt.found) return { error: 'no road route back to base' }
  return { type: 'unit.recalled', unitId, target, route: rt }
}
