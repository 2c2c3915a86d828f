/**
 * Dispatch and evacuation in the live twin (docs/dispatch.md, "Hosting"). Hosts the pure kernel
 * of simulation/src/dispatch in a scene host:
 *   fold     — unit states (`reduceDispatch`), muster accountability, recommendations and when
 *              each unit's progress was last logged, all from the log (live, restart, follower)
 *   decide   — a park or government tier activated on an incident → a `dispatch.recommended` for
 *              that tier's default need; never dispatched by itself, the commander confirms
 *   onFrame  — keeps the hazard current from the plume's threat zones and the wind, drives the
 *              dispatched units (one `unit.position` per unit per second), re-routes on a hazard
 *              change
 *   commands — confirm (with overrides), recommend for a point, recall, status, evacuation
 * Every change goes through the host's one write path, so a replay and the drill report see
 * exactly what the screens saw.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  advanceUnits,
  buildRoadGraph,
  checkEditRight,
  classifyEdges,
  confirmDispatch,
  createWorkspace,
  dispatchCandidates,
  emptyMusterState,
  initDispatchState,
  isDownwind,
  isMoving,
  motions,
  musterPointsFromScene,
  musterReport,
  nearestNodes,
  occupantsFromScene,
  parseResources,
  planDispatch,
  planEvacuation,
  pointSeverity,
  recallEvent,
  recommendedEvent,
  reduceDispatch,
  reduceMuster,
  rerouteUnits,
  route,
  segmentExposure,
  stagingFor,
  statusEvent,
  validateDispatchEvent,
  type Demand,
  type DispatchPlan,
  type DispatchState,
  type GraphHazard,
  type HazardZone,
  type MovementEvent,
  type MusterState,
  type Override,
  type Recommendation,
  type Resource,
  type ResourceStatus,
  type RoadGraph,
  type SearchWorkspace,
  type Staging,
  type Tier,
  type UnitMotion,
} from '@sim/dispatch/index'
import { toLngLat, toLocal } from '@sim/geo/frames'
import type { IncidentRecord } from '@sim/response'
import type { SessionUser } from '@sim/protocol/events'
import type { StoredEvent } from '../store/eventStore'
import type { HostModule } from './hostModule'
import type { AppendItem, SceneHost } from './sceneHost'
import { SerialQueue } from './serialQueue'

export const DISPATCH_MODULE = 'dispatch'
/** Positions are logged at most this often per unit: enough for a smooth map, not a flood. */
export const POSITION_EVERY_MS = 1000
const SOURCE = 'dispatch'
/** How long hazard changes are attributed to the last wind shift. */
const SHIFT_MEMORY_MS = 300_000

type Needs = Record<string, number>

/**
 * Default need per incident type and tier. The enterprise tier is absent on purpose: the plant's
 * own team is already on site under the enterprise plan; the park command centre sends what the
 * park and the county bring. Government adds what only it has (environmental monitoring, police
 * cordon) and more ambulances for people downwind.
 */
export const DEFAULT_NEEDS: Record<string, Partial<Record<Tier, Needs>>> = {
  gas_leak_toxic: {
    park: { engine: 2, hazmat: 1, ambulance: 1 },
    government: { env_monitoring: 1, police: 1, ambulance: 1 },
  },
  gas_leak_flammable: {
    park: { engine: 2, foam: 1, ambulance: 1 },
    government: { engine: 1, police: 1, ambulance: 1 },
  },
  fire_explosion: {
    park: { engine: 3, rescue: 1, ambulance: 1 },
    government: { engine: 2, hazmat: 1, ambulance: 2, police: 1 },
  },
  equipment_anomaly: { park: { hazmat: 1 } },
}
const TIER_ORDER: Tier[] = ['park', 'government']

/** The logged recommendation: the kernel's body plus what a later confirm and the panel need. */
export interface RecommendedBody extends ReturnType<typeof recommendedEvent> {
  at: number
  /** What asked for it: a tier activation (rule) or a commander's request. */
  trigger: { incidentId: string | null; tiers: Tier[]; reason: string; by: string }
  demands: Demand[]
  staging: Staging[]
  /** Per recommendation (same order): the hazard-blind comparison and the nearer units passed over. */
  details: {
    hazardAvoided: Recommendation['hazardAvoided']
    notChosen: Recommendation['notChosen']
    lengthM: number
    roads: string[]
  }[]
}

export interface RecRecord {
  planId: string
  seq: number
  t: number
  status: 'open' | 'confirmed' | 'superseded' | 'closed'
  key: string
  confirmedSeq: number | null
  body: RecommendedBody
}

/** Everything the module folds: plain JSON, so it goes into keyframes as it is. */
export interface DispatchModuleState {
  dispatch: DispatchState
  muster: MusterState
  recs: Record<string, RecRecord>
  recOrder: string[]
  /** Sim time a unit's `elapsedS` refers to (its last position, or when its route was set). */
  clockAt: Record<string, number>
  heading: Record<string, number>
  /** `${incidentId}/${tier}` → planId: a tier's need is recommended once per incident. */
  recommendedFor: Record<string, string>
  reroutes: Record<string, number>
  evacuation: {
    evacuationId: string
    t: number
    groups: number
    people: number
    stranded: number
    overflow: number
  } | null
}

export type CommandResult<T> = { ok: true; data: T } | { ok: false; error: string }
const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

/** Tier and organisation of a person for edit rights (enterprise staff: their enterprise). */
export function actorOf(u: Pick<SessionUser, 'role' | 'enterpriseId'>): { tier: Tier; org: string } {
  if (u.enterpriseId) return { tier: 'enterprise', org: u.enterpriseId }
  if (u.role.startsWith('government')) return { tier: 'government', org: 'government' }
  return { tier: 'park', org: 'park-committee' }
}

export class DispatchModule implements HostModule {
  readonly name = DISPATCH_MODULE
  readonly g: RoadGraph
  private readonly ws: SearchWorkspace
  private readonly resources: Resource[]
  private s: DispatchModuleState
  private h: GraphHazard
  private hazardKey = ''
  private hazardFrom: { latest: unknown; weather: unknown } = { latest: undefined, weather: undefined }
  private windFromDeg: number | null = null
  /** Wind of reference for detecting a shift, and the last shift. */
  private windRef: number | null = null
  private lastShift: { from: number; to: number; t: number } | null = null
  /** Hazard changes not yet applied to the moving units (reason for the re-route). */
  private pendingReroute: string | null = null
  /** Appends of ours not yet folded: movement waits for them so it never steps a stale state. */
  private inflight = 0
  private readonly commands = new SerialQueue()

  constructor(
    private readonly host: SceneHost,
    resources: Resource[],
  ) {
    const scene = host.loaded.scene
    this.resources = resources
    this.g = buildRoadGraph(scene)
    this.ws = createWorkspace(this.g)
    this.h = classifyEdges(this.g, { zones: [] })
    this.s = this.initial()
  }

  private initial(): DispatchModuleState {
    return {
      dispatch: initDispatchState(this.host.loaded.scene, this.resources),
      muster: emptyMusterState(),
      recs: {},
      recOrder: [],
      clockAt: {},
      heading: {},
      recommendedFor: {},
      reroutes: {},
      evacuation: null,
    }
  }

  get state(): Readonly<DispatchModuleState> {
    return this.s
  }

  get hazard(): GraphHazard {
    return this.h
  }

  // ---------------------------------------------------------------------------------------------
  // Fold

  fold(e: StoredEvent): void {
    const s = this.s
    s.dispatch = reduceDispatch(s.dispatch, e as never)
    s.muster = reduceMuster(s.muster, e as never)
    const unitId = e.unitId as string | undefined
    switch (e.type) {
      case 'dispatch.recommended': {
        const body = e as unknown as RecommendedBody
        const key = recKey(body.trigger)
        // A fresh plan for the same question replaces an unconfirmed older one.
        for (const id of s.recOrder)
          if (s.recs[id].status === 'open' && s.recs[id].key === key) s.recs[id].status = 'superseded'
        s.recs[body.planId] = {
          planId: body.planId,
          seq: e.seq,
          t: e.t,
          status: 'open',
          key,
          confirmedSeq: null,
          body: stripEnvelope(e) as unknown as RecommendedBody,
        }
        s.recOrder.push(body.planId)
        if (body.trigger.incidentId)
          for (const tier of body.trigger.tiers) s.recommendedFor[`${body.trigger.incidentId}/${tier}`] = body.planId
        break
      }
      case 'unit.dispatched': {
        const r = s.recs[e.planId as string]
        if (r && r.status === 'open') {
          r.status = 'confirmed'
          r.confirmedSeq = e.seq
        }
        s.clockAt[unitId!] = e.t
        break
      }
      case 'unit.rerouted':
        s.reroutes[unitId!] = (s.reroutes[unitId!] ?? 0) + 1
        s.clockAt[unitId!] = e.t
        break
      case 'unit.recalled':
        s.clockAt[unitId!] = e.t
        break
      case 'unit.position':
        s.clockAt[unitId!] = e.t
        s.heading[unitId!] = e.headingDeg as number
        break
      case 'incident.closed':
        for (const id of s.recOrder) {
          const r = s.recs[id]
          if (r.status === 'open' && r.body.incidentIds.includes(e.incidentId as string)) r.status = 'closed'
        }
        break
      case 'evacuation.ordered': {
        const x = e as unknown as {
          evacuationId: string
          expected: { count: number }[]
          stranded?: unknown[]
          overflow?: unknown[]
        }
        s.evacuation = {
          evacuationId: x.evacuationId,
          t: e.t,
          groups: x.expected.length,
          people: x.expected.reduce((a, b) => a + b.count, 0),
          stranded: x.stranded?.length ?? 0,
          overflow: x.overflow?.length ?? 0,
        }
        break
      }
    }
  }

  keyframe(): unknown {
    return this.s
  }

  restore(state: unknown): void {
    this.s = JSON.parse(JSON.stringify(state)) as DispatchModuleState
  }

  // ---------------------------------------------------------------------------------------------
  // Decide: the response machine raised the tier → recommend (never dispatch) that tier's need

  decide(e: StoredEvent): AppendItem[] {
    if (e.type !== 'incident.tier_activated' || e.direction === 'down') return []
    const inc = this.host.response.state.incidents[e.incidentId as string]
    if (!inc || inc.status !== 'open') return []
    const reached = TIER_ORDER.slice(0, TIER_ORDER.indexOf(e.tier as Tier) + 1)
    const needsOf = DEFAULT_NEEDS[inc.incidentType] ?? {}
    const tiers = reached.filter((t) => needsOf[t] && !this.s.recommendedFor[`${inc.id}/${t}`])
    if (!tiers.length) return []
    const at = this.incidentLocation(inc)
    if (!at) return []
    const needs: Needs = {}
    for (const t of tiers) for (const [role, k] of Object.entries(needsOf[t]!)) needs[role] = (needs[role] ?? 0) + k
    const demand: Demand = { id: inc.id, e: at.e, n: at.n, needs }
    const body = this.plan(`${inc.id}-${tiers.join('+')}-${e.seq}`, [demand], e.t, {
      incidentId: inc.id,
      tiers,
      reason: `${e.tier} tier active (${e.reason})`,
      by: 'rule:dispatch-default-need',
    })
    return [{ body, source: SOURCE, operator: null }]
  }

  /** Where units go for an incident: its leak if the twin has one, else its tank or unit. */
  private incidentLocation(inc: IncidentRecord): { e: number; n: number } | null {
    const leaks = Object.values(this.host.plume.twin.leaks)
    const leak =
      leaks.find((l) => inc.sourceId && l.sourceId === inc.sourceId) ??
      (inc.sourceId ? undefined : leaks.find((l) => l.enterpriseId === inc.enterpriseId))
    if (leak) return { e: leak.e, n: leak.n }
    const scene = this.host.loaded.scene
    const tank = scene.tanks.find((t) => t.id === inc.sourceId)
    if (tank) return toLocal(scene.origin, tank.position)
    const unit = scene.units.find((u) => u.id === inc.sourceId)
    if (unit) {
      const ps = unit.footprint.map((p) => toLocal(scene.origin, p))
      return { e: ps.reduce((a, p) => a + p.e, 0) / ps.length, n: ps.reduce((a, p) => a + p.n, 0) / ps.length }
    }
    return null
  }

  /** A plan as a logged body. Units held by another open recommendation are not offered twice. */
  private plan(
    planId: string,
    demands: Demand[],
    at: number,
    trigger: RecommendedBody['trigger'],
  ): RecommendedBody & { type: 'dispatch.recommended' } {
    const reserved = new Set<string>()
    const key = recKey(trigger)
    for (const id of this.s.recOrder) {
      const r = this.s.recs[id]
      if (r.status === 'open' && r.key !== key) for (const x of r.body.recommendations) reserved.add(x.unitId)
    }
    const candidates = dispatchCandidates(this.g, this.s.dispatch).filter((c) => !reserved.has(c.id))
    const plan = planDispatch(this.g, this.h, candidates, demands, { ws: this.ws })
    return {
      ...recommendedEvent(`D-${planId}`, plan),
      incidentIds: demands.map((d) => d.id),
      at,
      trigger,
      demands,
      staging: plan.staging,
      details: plan.recommendations.map((r) => ({
        hazardAvoided: r.hazardAvoided,
        notChosen: r.notChosen,
        lengthM: Math.round(r.route.lengthM),
        roads: r.route.roads,
      })),
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Frames: hazard, movement, re-routing

  onFrame(t: number): void {
    this.updateHazard()
    if (this.inflight > 0) return
    const m = motions(this.s.dispatch)
    if (!m.units.length) {
      this.pendingReroute = null
      return
    }
    const reroute = this.pendingReroute
    this.pendingReroute = null
    const events: (MovementEvent & { hazard?: string })[] = []
    const moved: UnitMotion[] = []
    for (const u of m.units) {
      const r = m.routes.get(u.unitId)!
      const since = this.s.clockAt[u.unitId] ?? t
      const dtMs = t - since
      const arriving = (r.etaS - u.elapsedS) * 1000 <= dtMs
      if (!reroute && dtMs < POSITION_EVERY_MS && !arriving) {
        moved.push(u)
        continue
      }
      const out = advanceUnits([u], m.routes, Math.max(0, dtMs) / 1000, this.host.loaded.scene.origin)
      for (const ev of out.events) {
        // Where the unit actually is against the zones now: the report proves no crew drove into AEGL-3.
        if (ev.type === 'unit.position') events.push({ ...ev, hazard: pointSeverity(this.h.zones, ev.e, ev.n) })
        else events.push(ev)
      }
      moved.push(out.units[0])
    }
    if (reroute) events.push(...rerouteUnits(this.g, this.h, moved, m.routes, { ws: this.ws, reason: reroute }).events)
    if (events.length) void this.append(events.map((b) => ({ body: { ...b, at: t }, source: SOURCE, operator: null })))
  }

  /**
   * Re-classify the road edges when the plume picture or the logged wind changes (every 2 s
   * while a cloud exists; a few ms on a park). Moving units are re-routed only when the set of
   * forbidden, penalised or downwind edges changes, not for every metre the cloud grows.
   */
  private updateHazard(): void {
    const latest = this.host.plume.latest()
    const weather = this.host.plume.twin.weather
    if (latest === this.hazardFrom.latest && weather === this.hazardFrom.weather) return
    this.hazardFrom = { latest, weather }
    const zones: HazardZone[] = (latest?.zones ?? [])
      .filter((z) => z.ring.length >= 6)
      .map((z) => ({ label: z.label, rings: [z.ring] }))
    const leaks = latest?.leaks ?? []
    const leak = leaks.find((l) => l.stoppedAt === null) ?? leaks[0]
    const from = weather?.wind_from_deg ?? latest?.wind?.from_deg
    this.h = classifyEdges(
      this.g,
      zones.length && leak ? { zones, source: { e: leak.e, n: leak.n }, windFromDeg: from } : { zones },
    )
    const key = hazardKey(this.h)
    this.windFromDeg = from ?? null
    // The cloud follows a wind shift over a minute or two: hazard changes in that time are the
    // shift's doing, and the re-route reason says so (slow met drift is not a shift).
    const t = this.host.now()
    if (from !== undefined) {
      if (this.windRef === null) this.windRef = from
      else if (Math.abs(((from - this.windRef + 540) % 360) - 180) >= 10) {
        this.lastShift = { from: this.windRef, to: from, t }
        this.windRef = from
      }
    }
    if (key === this.hazardKey) return
    this.hazardKey = key
    const shift = this.lastShift && t - this.lastShift.t <= SHIFT_MEMORY_MS ? this.lastShift : null
    this.pendingReroute = shift
      ? `wind shift ${Math.round(shift.from)}° → ${Math.round(shift.to)}°`
      : (this.pendingReroute ?? 'threat zones changed')
  }

  private append(items: AppendItem[]): Promise<StoredEvent[]> {
    this.inflight++
    return this.host.appendItems(items).finally(() => this.inflight--)
  }

  /** Commands run one at a time on a settled log, so two confirms never both pass validation for one unit. */
  private command<T>(fn: () => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
    return this.commands.push(async () => {
      await this.host.idle()
      return fn()
    })
  }

  // ---------------------------------------------------------------------------------------------
  // Commands (socket handlers, HTTP, drill actions)

  /** The commander asks for a plan for a point (or an incident's location) and a need. */
  recommend(
    req: { incidentId?: string; e?: number; n?: number; needs: Needs },
    by: string,
  ): Promise<CommandResult<{ planId: string; seq: number; body: RecommendedBody }>> {
    return this.command(async () => {
      let at: { e: number; n: number } | null =
        req.e !== undefined && req.n !== undefined ? { e: req.e, n: req.n } : null
      if (req.incidentId) {
        const inc = this.host.response.state.incidents[req.incidentId]
        if (!inc) return fail(`unknown incident "${req.incidentId}"`)
        at ??= this.incidentLocation(inc)
      }
      if (!at) return fail('give e and n (local metres) or an incident with a known location')
      const t = this.host.now()
      const demandId = req.incidentId ?? `point-${Math.round(at.e)}-${Math.round(at.n)}`
      const body = this.plan(
        `${demandId}-req-${this.host.logSeq + 1}`,
        [{ id: demandId, e: at.e, n: at.n, needs: req.needs }],
        t,
        {
          incidentId: req.incidentId ?? null,
          tiers: [],
          reason: 'requested by the commander',
          by,
        },
      )
      const [stored] = await this.append([{ body, source: by, operator: by }])
      return { ok: true, data: { planId: body.planId, seq: stored.seq, body } }
    })
  }

  /** Open recommendations, optionally of one incident / demand. */
  openRecommendations(demandId?: string): RecRecord[] {
    return this.s.recOrder
      .map((id) => this.s.recs[id])
      .filter((r) => r.status === 'open' && (!demandId || r.body.incidentIds.includes(demandId)))
  }

  /**
   * The commander confirms a recommendation (by its log seq, plan id or demand), with overrides.
   * Routes are computed afresh from where each unit is now under the current hazard: the cloud
   * may have moved since the plan was made.
   */
  confirm(
    sel: { recommendationSeq?: number; planId?: string; demandId?: string; overrides?: Override[]; reject?: string[] },
    by: string,
  ): Promise<CommandResult<{ planId: string; seqs: number[]; dispatched: string[]; errors: string[] }>> {
    return this.command(async () => {
      const rec =
        sel.planId !== undefined
          ? this.s.recs[sel.planId]
          : sel.recommendationSeq !== undefined
            ? Object.values(this.s.recs).find((r) => r.seq === sel.recommendationSeq)
            : sel.demandId !== undefined
              ? this.openRecommendations(sel.demandId).at(-1)
              : undefined
      if (!rec) return fail('no such recommendation (give recommendationSeq, planId or demandId)')
      if (rec.status !== 'open') return fail(`recommendation ${rec.planId} is ${rec.status}`)
      const plan = this.replan(rec.body)
      const r = confirmDispatch(this.g, this.h, this.s.dispatch, plan, sel.overrides ?? [], {
        ws: this.ws,
        reject: sel.reject,
      })
      if (!r.events.length)
        return fail(`nothing dispatched: ${r.errors.join('; ') || 'no units in the recommendation'}`)
      const t = this.host.now()
      const stored = await this.append(
        r.events.map((ev) => ({ body: { ...ev, at: t, planId: rec.planId }, source: by, operator: by })),
      )
      return {
        ok: true,
        data: {
          planId: rec.planId,
          seqs: stored.map((x) => x.seq),
          dispatched: r.events.map((x) => x.unitId),
          errors: r.errors,
        },
      }
    })
  }

  /**
   * The logged recommendation as a kernel plan, with fresh routes from where each unit is now.
   * A staging point the cloud has since swallowed or cut off (every route to it now unsafe)
   * is chosen again under the current hazard, so a late confirm does not send crews into AEGL-3.
   */
  private replan(body: RecommendedBody): DispatchPlan {
    const at = new Map(dispatchCandidates(this.g, this.s.dispatch).map((c) => [c.id, c.at]))
    const routeTo = (unitId: string, node: number) => {
      const from = at.get(unitId)
      return from ? route(this.g, this.h, from, { node }, { ws: this.ws }) : null
    }
    const staging = body.staging.map((st) => {
      const demand = body.demands.find((d) => d.id === st.demandId)
      const mine = body.recommendations.filter((r) => r.demandId === st.demandId).map((r) => r.unitId)
      const safeFromAll = (node: number) => mine.every((u) => routeTo(u, node)?.safe !== false)
      if (!demand || (pointSeverity(this.h.zones, st.e, st.n) !== 'forbidden' && safeFromAll(st.node))) return st
      return this.safeStaging(demand, safeFromAll) ?? stagingFor(this.g, this.h, demand)
    })
    const stagingOf = new Map(staging.map((x) => [x.demandId, x]))
    const recommendations: Recommendation[] = []
    for (const x of body.recommendations) {
      const st = stagingOf.get(x.demandId)
      const rt = st ? routeTo(x.unitId, st.node) : null
      // Units come from the registry and staging from the same body: both exist unless the files changed.
      if (!rt) continue
      recommendations.push({ ...x, route: rt, hazardAvoided: null, notChosen: [] })
    }
    return { staging, unfilled: body.unfilled, totalEtaS: 0, recommendations }
  }

  /**
   * The best staging node the units can reach without crossing the forbidden zone: the kernel's
   * ranking (distance, ×1.5 in AEGL-2, ×2 downwind) over the nearest nodes, checked by routing.
   */
  private safeStaging(d: Demand, reachable: (node: number) => boolean): Staging | null {
    const ranked = nearestNodes(this.g, d.e, d.n, Math.min(64, this.g.nodeCount))
      .map((c) => {
        const e = this.g.nodeE[c.node]
        const n = this.g.nodeN[c.node]
        const sev = pointSeverity(this.h.zones, e, n)
        const score = c.distance * (sev === 'penalised' ? 1.5 : 1) * (isDownwind(this.h, e, n) ? 2 : 1)
        return { ...c, e, n, sev, score }
      })
      .filter((c) => c.sev !== 'forbidden')
      .sort((a, b) => a.score - b.score)
    for (const c of ranked.slice(0, 16))
      if (reachable(c.node))
        return {
          demandId: d.id,
          node: c.node,
          e: c.e,
          n: c.n,
          lngLat: toLngLat(this.g.origin, c.e, c.n),
          distanceM: c.distance,
          downwind: isDownwind(this.h, c.e, c.n),
        }
    return null
  }

  recall(unitId: string, by: string): Promise<CommandResult<{ seq: number; etaS: number }>> {
    return this.command(async () => {
      const ev = recallEvent(this.g, this.h, this.s.dispatch, unitId, { ws: this.ws })
      if ('error' in ev) return fail(`${unitId}: ${ev.error}`)
      const [stored] = await this.append([{ body: { ...ev, at: this.host.now() }, source: by, operator: by }])
      return { ok: true, data: { seq: stored.seq, etaS: Math.round(ev.route.etaS) } }
    })
  }

  /** A status change by a person of the owning tier (out of service, back in service …). */
  setStatus(
    unitId: string,
    to: ResourceStatus,
    reason: string,
    user: Pick<SessionUser, 'id' | 'role' | 'enterpriseId'>,
  ): Promise<CommandResult<{ seq: number }>> {
    return this.command(async () => {
      const u = this.s.dispatch.units[unitId]
      if (!u) return fail(`unknown unit ${unitId}`)
      const right = checkEditRight(actorOf(user), u.resource)
      if (right) return fail(right)
      const ev = statusEvent(this.s.dispatch, unitId, to, reason)
      if ('error' in ev) return fail(`${unitId}: ${ev.error}`)
      const err = validateDispatchEvent(this.s.dispatch, ev)
      if (err) return fail(`${unitId}: ${err}`)
      const [stored] = await this.append([{ body: { ...ev, at: this.host.now() }, source: user.id, operator: user.id }])
      return { ok: true, data: { seq: stored.seq } }
    })
  }

  /**
   * Evacuate the building occupants inside or near the threat zones (all of them with `all`) to
   * safe muster points by walking routes that avoid AEGL-3. UWB-tracked people join when the
   * people module publishes positions.
   */
  orderEvacuation(
    by: string,
    opts: { all?: boolean; nearM?: number } = {},
  ): Promise<CommandResult<{ seq: number; evacuationId: string; people: number; groups: number; stranded: number }>> {
    return this.command(async () => {
      const scene = this.host.loaded.scene
      const near = opts.nearM ?? 300
      const everyone = occupantsFromScene(scene)
      const zones = this.h.zones
      const hazardous = [...zones.forbidden, ...zones.penalised]
      const people = opts.all
        ? everyone
        : everyone.filter((p) =>
            hazardous.some(
              (z) => p.e > z.minE - near && p.e < z.maxE + near && p.n > z.minN - near && p.n < z.maxN + near,
            ),
          )
      if (!people.length)
        return fail(
          hazardous.length
            ? 'nobody inside or near the threat zones (send all: true to evacuate everyone)'
            : 'no threat zones now (send all: true to evacuate everyone)',
        )
      const plan = planEvacuation(this.g, this.h, people, musterPointsFromScene(scene))
      const t = this.host.now()
      const evacuationId = `EV-${t}`
      const body = {
        type: 'evacuation.ordered' as const,
        at: t,
        evacuationId,
        expected: plan.assignments.map((a) => ({ personId: a.personId, musterId: a.musterId, count: a.count })),
        routes: plan.assignments.map((a) => ({
          personId: a.personId,
          musterId: a.musterId,
          etaS: Math.round(a.etaS),
          distanceM: Math.round(a.distanceM),
          safe: a.safe,
          lngLat: a.route.lngLat,
        })),
        musters: plan.musters,
        overflow: plan.overflow,
        stranded: plan.stranded,
      }
      const [stored] = await this.append([{ body, source: by, operator: by }])
      return {
        ok: true,
        data: {
          seq: stored.seq,
          evacuationId,
          people: body.expected.reduce((a, x) => a + x.count, 0),
          groups: body.expected.length,
          stranded: plan.stranded.length,
        },
      }
    })
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  /** The registry with live status and positions (HTTP GET …/resources). */
  resourcesView() {
    const origin = this.host.loaded.scene.origin
    return Object.values(this.s.dispatch.units).map((u) => ({
      ...u.resource,
      status: u.status,
      incidentId: u.incidentId,
      role: u.role,
      e: round1(u.e),
      n: round1(u.n),
      lngLat: toLngLat(origin, u.e, u.n),
      headingDeg: this.s.heading[u.resource.id] ?? null,
      etaS: u.etaS === null ? null : Math.round(u.etaS),
    }))
  }

  /** Active routes (units on the move or on scene with their route) for maps and the HTTP view. */
  activeRoutes() {
    return Object.values(this.s.dispatch.units)
      .filter((u) => u.route && (isMoving(u.status) || u.status === 'on_scene'))
      .map((u) => ({
        unitId: u.resource.id,
        status: u.status,
        incidentId: u.incidentId,
        role: u.role,
        etaS: u.etaS === null ? null : Math.round(u.etaS),
        lengthM: Math.round(u.route!.lengthM),
        safe: u.route!.safe,
        exposure: u.route!.exposure,
        roads: u.route!.roads,
        lngLat: u.route!.lngLat,
        reroutes: this.s.reroutes[u.resource.id] ?? 0,
      }))
  }

  /** Recommendations, active routes, hazard summary, evacuation (HTTP GET …/dispatch and scene:join). */
  snapshot() {
    const recs = this.s.recOrder.map((id) => this.s.recs[id])
    return {
      units: this.resourcesView().map((u) => ({
        id: u.id,
        name: u.name,
        tier: u.tier,
        owner: u.owner,
        type: u.type,
        status: u.status,
        incidentId: u.incidentId,
        role: u.role,
        e: u.e,
        n: u.n,
        lngLat: u.lngLat,
        headingDeg: u.headingDeg,
        etaS: u.etaS,
      })),
      routes: this.activeRoutes(),
      recommendations: recs
        .filter((r) => r.status === 'open')
        .map((r) => ({
          seq: r.seq,
          t: r.t,
          planId: r.planId,
          trigger: r.body.trigger,
          incidentIds: r.body.incidentIds,
          recommendations: r.body.recommendations,
          unfilled: r.body.unfilled,
          staging: r.body.staging,
          details: r.body.details,
        })),
      history: recs
        .filter((r) => r.status !== 'open')
        .map((r) => ({ seq: r.seq, planId: r.planId, status: r.status, confirmedSeq: r.confirmedSeq })),
      hazard: {
        forbiddenEdges: this.h.forbiddenEdges,
        penalisedEdges: this.h.penalisedEdges,
        downwindEdges: this.h.downwindEdges,
        windFromDeg: this.windFromDeg,
      },
      evacuation: this.s.evacuation ? { ...this.s.evacuation, report: musterReport(this.s.muster) } : null,
    }
  }

  /** Metres of a polyline (scene-local) inside the current forbidden zones (tests and the panel). */
  forbiddenMetresNow(local: readonly (readonly [number, number])[]): number {
    let m = 0
    for (let i = 0; i + 1 < local.length; i++) {
      const [ax, ay] = local[i]
      const [bx, by] = local[i + 1]
      m += segmentExposure(this.h.zones, ax, ay, bx, by).forbiddenM
    }
    return m
  }
}

function recKey(tr: RecommendedBody['trigger']): string {
  return tr.tiers.length ? `${tr.incidentId}/${tr.tiers.join('+')}` : `${tr.incidentId ?? 'point'}/request/${tr.by}`
}

function stripEnvelope(e: StoredEvent): Record<string, unknown> {
  const {
    seq: _s,
    t: _t,
    wall: _w,
    sceneId: _sc,
    source: _so,
    operator: _o,
    drill: _d,
    prevHash: _p,
    hash: _h,
    ...body
  } = e
  return body
}

/** Which edges are forbidden / penalised / downwind: a change in these is worth re-routing for. */
function hazardKey(h: GraphHazard): string {
  const parts: number[] = []
  for (let k = 0; k < h.costSafe.length; k++) {
    const c = h.forbiddenM[k] > 0.01 ? 1 : h.penalisedM[k] > 0 ? 2 : 0
    const d = h.downwind[k] ? 4 : 0
    if (c || d) parts.push(k * 8 + c + d)
  }
  return parts.join(',')
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** Host module factory: null for scenes without a resources.json. */
export function dispatchModule(host: SceneHost): DispatchModule | null {
  const file = join(host.loaded.dir, 'resources.json')
  if (!existsSync(file)) return null
  const parsed = parseResources(JSON.parse(readFileSync(file, 'utf8')), host.loaded.scene)
  // A broken registry is a configuration error: refuse to start rather than dispatch from half a list.
  if (!parsed.ok) throw new Error(`${file}:\n${parsed.errors.join('\n')}`)
  const m = new DispatchModule(host, parsed.value.resources)
  host.drillActions['dispatch_recommended'] = async (a) => {
    const open = m.openRecommendations(a.incident)
    if (!open.length) return `${a.by}: no open dispatch recommendation to confirm`
    const notes: string[] = []
    for (const r of open) {
      const res = await m.confirm({ planId: r.planId }, a.by)
      if (!res.ok) notes.push(res.error)
      else if (res.data.errors.length) notes.push(`${r.planId}: ${res.data.errors.join('; ')}`)
    }
    return notes.length ? `${a.by}: dispatch_recommended: ${notes.join('; ')}` : undefined
  }
  return m
}

/** The dispatch module of a host, if the scene has one. */
export function dispatchOf(host: SceneHost | undefined): DispatchModule | undefined {
  return host?.modules.find((m): m is DispatchModule => m.name === DISPATCH_MODULE)
}
