/**
 * Units driving their routes, as a pure step function.
 *
 * A unit's progress is the time it has driven on its current route (`elapsedS`); the route's
 * `cumTimeS` maps that to a polyline piece and a point on it, so each piece is driven at its own
 * road's speed and the ETA (route ETA − elapsed) falls by exactly dt per step until arrival.
 * `advanceUnits` returns the new unit states and the event bodies the server appends to the log
 * ('unit.status', 'unit.position', 'unit.arrived'); it never mutates its input.
 *
 * `rerouteUnits` is run when the hazard changes (new zones, wind shift): every moving unit gets a
 * new route from where it is now — mid-edge, with the option to turn round on a two-way road —
 * and a 'unit.rerouted' event says why.
 */
import { toLngLat } from '../geo/frames'
import { stagingFor } from './assign'
import { pointSeverity, type GraphHazard } from './hazard'
import type { ResourceStatus } from './resources'
import { createWorkspace, route, type Route, type RouteEnd, type SearchWorkspace } from './route'
import type { RoadGraph } from './roadGraph'

export interface UnitMotion {
  unitId: string
  status: ResourceStatus
  /** Incident the unit is going to (null when returning home). */
  incidentId: string | null
  /** Where the route ends (kept for re-routing). */
  target: RouteEnd
  /** Seconds driven on the current route. */
  elapsedS: number
  /** Last position, scene-local metres. */
  e: number
  n: number
}

export interface UnitPositionEvent {
  type: 'unit.position'
  unitId: string
  e: number
  n: number
  lngLat: [number, number]
  /** Direction of travel, degrees clockwise from north. */
  headingDeg: number
  travelledM: number
  remainingM: number
  etaS: number
  /** Seconds driven on the current route (lets the fold resume movement exactly). */
  elapsedS: number
}

export interface UnitArrivedEvent {
  type: 'unit.arrived'
  unitId: string
  incidentId: string | null
  /** Status after arrival: on_scene at an incident, available back at base. */
  status: 'on_scene' | 'available'
  lngLat: [number, number]
}

export interface UnitStatusEvent {
  type: 'unit.status'
  unitId: string
  from: ResourceStatus
  to: ResourceStatus
  reason: string
}

export interface UnitReroutedEvent {
  type: 'unit.rerouted'
  unitId: string
  reason: string
  previousEtaS: number
  route: Route
  /** The (possibly moved) end of the new route. */
  target: RouteEnd
}

export type MovementEvent = UnitPositionEvent | UnitArrivedEvent | UnitStatusEvent | UnitReroutedEvent

const MOVING: ReadonlySet<ResourceStatus> = new Set(['dispatched', 'en_route', 'returning'])

export function isMoving(status: ResourceStatus): boolean {
  return MOVING.has(status)
}

/** Where a unit is on its route after `elapsedS` seconds. */
export function positionOnRoute(
  r: Route,
  elapsedS: number,
): { e: number; n: number; piece: number; travelledM: number; headingDeg: number } {
  const ts = r.cumTimeS
  const last = ts.length - 1
  if (last <= 0) {
    const p = r.local[0] ?? [0, 0]
    return { e: p[0], n: p[1], piece: -1, travelledM: 0, headingDeg: 0 }
  }
  const t = Math.min(Math.max(elapsedS, 0), ts[last])
  // Binary search for the piece i with ts[i] ≤ t < ts[i+1].
  let lo = 0,
    hi = last - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (ts[mid] <= t) lo = mid
    else hi = mid - 1
  }
  // Skip zero-time pieces at the very end so arrival sits on the last vertex.
  const i = lo
  const dt = ts[i + 1] - ts[i]
  const f = dt > 0 ? Math.min(1, (t - ts[i]) / dt) : 1
  const [ax, ay] = r.local[i]
  const [bx, by] = r.local[i + 1]
  const e = ax + (bx - ax) * f
  const n = ay + (by - ay) * f
  const headingDeg = ((Math.atan2(bx - ax, by - ay) * 180) / Math.PI + 360) % 360
  return { e, n, piece: i, travelledM: r.cumDistM[i] + (r.cumDistM[i + 1] - r.cumDistM[i]) * f, headingDeg }
}

type RouteLookup = ReadonlyMap<string, Route> | Readonly<Record<string, Route>>

function lookup(routes: RouteLookup, id: string): Route | undefined {
  return routes instanceof Map ? routes.get(id) : (routes as Readonly<Record<string, Route>>)[id]
}

/**
 * Advance every moving unit by `dtS` seconds along its route. Dispatched units start driving
 * (→ en_route); a unit reaching the end of its route arrives (en_route → on_scene, returning →
 * available). Units without a route, or not moving, are passed through unchanged.
 */
export function advanceUnits(
  units: readonly UnitMotion[],
  routes: RouteLookup,
  dtS: number,
  origin: { lng: number; lat: number; alt_m: number },
): { units: UnitMotion[]; events: MovementEvent[] } {
  const events: MovementEvent[] = []
  const out = units.map((u) => {
    const r = lookup(routes, u.unitId)
    if (!isMoving(u.status) || !r || !r.found) return u
    let status = u.status
    if (status === 'dispatched') {
      events.push({ type: 'unit.status', unitId: u.unitId, from: status, to: 'en_route', reason: 'started driving' })
      status = 'en_route'
    }
    const elapsedS = Math.min(u.elapsedS + Math.max(0, dtS), r.etaS)
    const p = positionOnRoute(r, elapsedS)
    const lngLat = toLngLat(origin, p.e, p.n) as [number, number]
    events.push({
      type: 'unit.position',
      unitId: u.unitId,
      e: p.e,
      n: p.n,
      lngLat,
      headingDeg: p.headingDeg,
      travelledM: p.travelledM,
      remainingM: Math.max(0, r.lengthM - p.travelledM),
      etaS: Math.max(0, r.etaS - elapsedS),
      elapsedS,
    })
    if (elapsedS >= r.etaS) {
      const to = status === 'returning' ? 'available' : 'on_scene'
      events.push({ type: 'unit.arrived', unitId: u.unitId, incidentId: u.incidentId, status: to, lngLat })
      events.push({
        type: 'unit.status',
        unitId: u.unitId,
        from: status,
        to,
        reason: to === 'on_scene' ? 'arrived at the staging point' : 'back at base',
      })
      status = to
    }
    return { ...u, status, elapsedS, e: p.e, n: p.n }
  })
  return { units: out, events }
}

/** Where a moving unit is, as a route start: on its current graph edge, or a free point. */
export function currentPlace(g: RoadGraph, u: UnitMotion, r: Route): RouteEnd {
  const p = positionOnRoute(r, u.elapsedS)
  const edge = p.piece >= 0 ? r.pieceEdge[p.piece] : -1
  if (edge < 0 || edge >= g.edgeCount) return { e: p.e, n: p.n }
  const a = g.edgeFrom[edge]
  return { edge, along: Math.hypot(p.e - g.nodeE[a], p.n - g.nodeN[a]) }
}

/**
 * New routes for every moving unit from where it is now, under the new hazard. A unit whose
 * route changes (other edges, or its safety changed) gets a 'unit.rerouted' event and restarts
 * its elapsed time on the new route; the others keep their route and progress.
 */
export function rerouteUnits(
  g: RoadGraph,
  h: GraphHazard,
  units: readonly UnitMotion[],
  routes: RouteLookup,
  opts: { ws?: SearchWorkspace; reason?: string } = {},
): { units: UnitMotion[]; routes: Map<string, Route>; events: UnitReroutedEvent[] } {
  const ws = opts.ws ?? createWorkspace(g)
  const nextRoutes = new Map<string, Route>()
  const events: UnitReroutedEvent[] = []
  const out = units.map((u) => {
    const old = lookup(routes, u.unitId)
    if (!old) return u
    if (!isMoving(u.status) || !old.found || u.elapsedS >= old.etaS) {
      nextRoutes.set(u.unitId, old)
      return u
    }
    const from = currentPlace(g, u, old)
    // A staging point the zone has swallowed moves to the nearest safe (preferably upwind) node.
    let target = u.target
    let restaged = ''
    const [te, tn] = endXY(g, u.target, old)
    if (u.status !== 'returning' && pointSeverity(h.zones, te, tn) === 'forbidden') {
      const st = stagingFor(g, h, { id: u.incidentId ?? u.unitId, e: te, n: tn })
      if (pointSeverity(h.zones, st.e, st.n) !== 'forbidden') {
        target = { node: st.node }
        restaged = `staging point now inside the forbidden zone: moved ${Math.round(Math.hypot(st.e - te, st.n - tn))} m`
      }
    }
    const fresh = route(g, h, from, target, { ws })
    const remainingOld = remainingEdges(old, u.elapsedS)
    const same = fresh.found && !restaged && sameEdges(remainingOld, fresh.edges)
    if (!fresh.found || same) {
      nextRoutes.set(u.unitId, old)
      return u
    }
    const previousEtaS = old.etaS - u.elapsedS
    const oldExposure = exposureNote(h, remainingOld)
    const reason = [
      opts.reason ?? 'hazard changed',
      oldExposure,
      restaged,
      fresh.safe ? `new route via ${fresh.roads.slice(0, 3).join(', ') || 'the road network'}` : fresh.message,
      `ETA ${Math.round(previousEtaS)} s → ${Math.round(fresh.etaS)} s`,
    ]
      .filter(Boolean)
      .join('; ')
    events.push({ type: 'unit.rerouted', unitId: u.unitId, reason, previousEtaS, route: fresh, target })
    nextRoutes.set(u.unitId, fresh)
    return { ...u, target, elapsedS: 0 }
  })
  return { units: out, routes: nextRoutes, events }
}

/** Coordinates of a route end (the old route's last vertex for spots on edges). */
function endXY(g: RoadGraph, t: RouteEnd, r: Route): [number, number] {
  if ('node' in t) return [g.nodeE[t.node], g.nodeN[t.node]]
  if ('e' in t) return [t.e, t.n]
  return r.local[r.local.length - 1] ?? [0, 0]
}

function remainingEdges(r: Route, elapsedS: number): number[] {
  const p = positionOnRoute(r, elapsedS)
  return r.pieceEdge.slice(Math.max(0, p.piece)).filter((e) => e >= 0)
}

function sameEdges(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** What the rest of the old route would now cross, in words. */
function exposureNote(h: GraphHazard, edges: readonly number[]): string {
  let f = 0,
    p = 0,
    d = 0
  for (const e of edges) {
    f += h.forbiddenM[e]
    p += h.penalisedM[e]
    if (h.downwind[e]) d++
  }
  if (f > 0) return `old route now crosses the forbidden zone for ${Math.round(f)} m`
  if (p > 0) return `old route now runs ${Math.round(p)} m through AEGL-2`
  if (d > 0) return 'old route now approaches from downwind'
  return 'a faster route opened'
}
