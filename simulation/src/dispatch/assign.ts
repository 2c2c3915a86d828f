/**
 * Which units go where: recommendations by route ETA, optimal when several incidents compete.
 *
 * 1. Each incident gets a staging node: the nearest road node outside the forbidden zone,
 *    preferring upwind/crosswind ones (units stop at the edge of the hot zone, they do not drive
 *    into the leak).
 * 2. One backward search per incident from its staging node over the hazard costs gives every
 *    unit's safe route at once; units with no safe route get the least-bad one (and a penalty).
 * 3. Each need ({ engine: 2, hazmat: 1 }) is expanded into slots; a slot may be filled by any
 *    eligible unit with the capability. The slots × units ETA matrix, plus one "leave unfilled"
 *    column per slot, is solved exactly by the Hungarian algorithm (minimum total ETA, weighted
 *    by incident priority). Greedy "nearest unit first" is not optimal when incidents compete for
 *    the same unit; this is.
 * 4. Each recommendation explains itself: ETA, distance, what the hazard-aware route avoided
 *    compared with the plain fastest route, and why nearer units were not chosen (busy, no safe
 *    route, slower by road, or needed elsewhere with the exact cost of swapping them).
 */
import type { LngLat } from '../geo/frames'
import { toLngLat } from '../geo/frames'
import { pointSeverity, isDownwind, type GraphHazard } from './hazard'
import { hasCapability, type ResourceStatus } from './resources'
import {
  assembleRoute,
  costTo,
  createWorkspace,
  edgePieces,
  pathFrom,
  resolveStart,
  search,
  type CostMode,
  type Route,
  type RouteEnd,
  type SearchWorkspace,
  type Start,
} from './route'
import { nearestNodes, type RoadGraph } from './roadGraph'

export interface Demand {
  /** Incident id (one incident may post several demands, e.g. per sector). */
  id: string
  /** Incident location, scene-local metres. */
  e: number
  n: number
  /** Role → number of units, e.g. { engine: 2, hazmat: 1, ambulance: 1 }. */
  needs: Readonly<Record<string, number>>
  /** Weight on this demand's ETAs and on leaving its slots unfilled (default 1). */
  priority?: number
}

export interface DispatchUnit {
  id: string
  status: ResourceStatus
  type: string
  capabilities: readonly string[]
  /** Where the unit is now: its base, or its live position on the graph. */
  at: RouteEnd
  /** For "nearer as the crow flies": the unit's position in metres. */
  e: number
  n: number
}

export interface Staging {
  demandId: string
  node: number
  e: number
  n: number
  lngLat: LngLat
  /** Straight-line distance from the incident, m. */
  distanceM: number
  /** The staging node is in the downwind sector (no other choice nearby). */
  downwind: boolean
}

export interface Alternative {
  unitId: string
  etaS: number | null
  reason: string
}

export interface Recommendation {
  unitId: string
  demandId: string
  role: string
  etaS: number
  distanceM: number
  safe: boolean
  route: Route
  /** Compared with the plain fastest route: extra seconds and the exposure it would have had. */
  hazardAvoided: {
    plainEtaS: number
    detourS: number
    forbiddenM: number
    penalisedM: number
    downwindM: number
  } | null
  /** Nearer units (straight line) that were not chosen, and why. */
  notChosen: Alternative[]
  explanation: { en: string; zh: string }
}

export interface Unfilled {
  demandId: string
  role: string
  missing: number
  reason: string
}

export interface DispatchPlan {
  recommendations: Recommendation[]
  unfilled: Unfilled[]
  staging: Staging[]
  /** Sum of the chosen ETAs, s (unweighted). */
  totalEtaS: number
}

export interface PlanOptions {
  /** Statuses that may be sent (default: available, returning — a returning unit can be re-tasked). */
  eligible?: readonly ResourceStatus[]
  /** Seconds added to an ETA whose only route crosses a forbidden zone (default 1800). */
  unsafePenaltyS?: number
  /** Compute hazard-avoided comparisons and not-chosen reasons (default true). */
  explain?: boolean
  ws?: SearchWorkspace
}

const BIG = 1e9

/**
 * Staging node for an incident: among the nearest road nodes, the closest one outside forbidden
 * zones, with downwind nodes counted 2× and AEGL-2 nodes 1.5× as far.
 */
export function stagingFor(g: RoadGraph, h: GraphHazard, d: Pick<Demand, 'id' | 'e' | 'n'>): Staging {
  let best = -1
  let bestScore = Infinity
  let bestDist = 0
  for (let k = 32; k <= Math.max(32, g.nodeCount * 2); k *= 4) {
    for (const c of nearestNodes(g, d.e, d.n, Math.min(k, g.nodeCount))) {
      const x = g.nodeE[c.node],
        y = g.nodeN[c.node]
      const sev = pointSeverity(h.zones, x, y)
      if (sev === 'forbidden') continue
      const score = c.distance * (sev === 'penalised' ? 1.5 : 1) * (isDownwind(h, x, y) ? 2 : 1)
      if (score < bestScore) {
        bestScore = score
        best = c.node
        bestDist = c.distance
      }
    }
    if (best >= 0 || k >= g.nodeCount) break
  }
  if (best < 0) {
    // Everything is inside the zone: stage at the nearest node and let the routes say unsafe.
    const c = nearestNodes(g, d.e, d.n, 1)[0]
    best = c?.node ?? 0
    bestDist = c?.distance ?? 0
  }
  const e = g.nodeE[best],
    n = g.nodeN[best]
  return {
    demandId: d.id,
    node: best,
    e,
    n,
    lngLat: toLngLat(g.origin, e, n),
    distanceM: bestDist,
    downwind: isDownwind(h, e, n),
  }
}

interface Reach {
  cost: number
  etaS: number
  seedNode: number
  mode: CostMode
  safe: boolean
}

/**
 * Best seed of a unit in the workspace's last backward search (run with `sum: edgeTime`, so the
 * plain travel time of the path is already in `ws.sum`).
 */
function unitReach(ws: SearchWorkspace, start: Start, mode: CostMode): Reach | null {
  let best: Reach | null = null
  for (const s of start.seeds) {
    const c = s.cost + costTo(ws, s.node)
    if (!(c < Infinity) || (best && c >= best.cost)) continue
    let eta = ws.sum[s.node]
    for (const p of start.prefix(s.node)) eta += p.time
    best = { cost: c, etaS: eta, seedNode: s.node, mode, safe: mode === 'safe' }
  }
  return best
}

/** Plan which units go to which demands. Pure; pass a workspace to reuse buffers between plans. */
export function planDispatch(
  g: RoadGraph,
  h: GraphHazard,
  units: readonly DispatchUnit[],
  demands: readonly Demand[],
  opts: PlanOptions = {},
): DispatchPlan {
  const eligible = new Set(opts.eligible ?? ['available', 'returning'])
  const penalty = opts.unsafePenaltyS ?? 1800
  const explain = opts.explain ?? true
  const ws = opts.ws ?? createWorkspace(g)
  const roles = new Set(demands.flatMap((d) => Object.keys(d.needs)))
  const pool = units.filter((u) => eligible.has(u.status) && [...roles].some((r) => hasCapability(u, r)))
  const staging = demands.map((d) => stagingFor(g, h, d))
  const starts: Record<CostMode, Start[]> = {
    safe: pool.map((u) => resolveStart(g, h, u.at, 'safe')),
    leastBad: pool.map((u) => resolveStart(g, h, u.at, 'leastBad')),
    time: pool.map((u) => resolveStart(g, h, u.at, 'time')),
  }
  const seedNodes = Int32Array.from(new Set(pool.flatMap((_, i) => starts.safe[i].seeds.map((s) => s.node))))

  // reach[d][u]: the hazard-aware way from unit u to demand d's staging node.
  // The shortest-path trees are kept (prev per node) so the chosen routes need no new search.
  const reach: (Reach | null)[][] = demands.map(() => [])
  const trees: Partial<Record<CostMode, Int32Array>>[] = demands.map(() => ({}))
  for (let d = 0; d < demands.length; d++) {
    const seed = [{ node: staging[d].node, cost: 0 }]
    search(g, h.costSafe, seed, ws, { reverse: true, targets: seedNodes, sum: g.edgeTime })
    trees[d].safe = ws.prev.slice()
    let missing = false
    for (let u = 0; u < pool.length; u++) {
      reach[d][u] = unitReach(ws, starts.safe[u], 'safe')
      if (!reach[d][u]) missing = true
    }
    if (missing) {
      search(g, h.costLeastBad, seed, ws, { reverse: true, targets: seedNodes, sum: g.edgeTime })
      trees[d].leastBad = ws.prev.slice()
      for (let u = 0; u < pool.length; u++)
        if (!reach[d][u]) {
          const r = unitReach(ws, starts.leastBad[u], 'leastBad')
          if (r) r.safe = false
          reach[d][u] = r
        }
    }
  }

  // Slots and the cost matrix (rows: slots; columns: units, then one "unfilled" column per slot).
  const slots: { d: number; role: string }[] = []
  demands.forEach((dm, d) => {
    for (const [role, count] of Object.entries(dm.needs)) for (let k = 0; k < count; k++) slots.push({ d, role })
  })
  const nS = slots.length
  const nU = pool.length
  const cols = nU + nS
  const cost = new Float64Array(nS * cols).fill(BIG * 10)
  for (let s = 0; s < nS; s++) {
    const { d, role } = slots[s]
    const w = demands[d].priority ?? 1
    for (let u = 0; u < nU; u++) {
      const r = reach[d][u]
      if (!r || !hasCapability(pool[u], role)) continue
      cost[s * cols + u] = w * (r.etaS + (r.safe ? 0 : penalty))
    }
    cost[s * cols + nU + s] = BIG * w
  }
  const rowToCol = hungarian(cost, nS, cols)

  const recommendations: Recommendation[] = []
  const unfilledCount = new Map<string, Unfilled>()
  const assignedSlot = new Int32Array(nU).fill(-1)
  for (let s = 0; s < nS; s++) if (rowToCol[s] < nU) assignedSlot[rowToCol[s]] = s
  let totalEtaS = 0
  for (let s = 0; s < nS; s++) {
    const { d, role } = slots[s]
    const u = rowToCol[s]
    if (u >= nU) {
      const key = `${demands[d].id}\u0000${role}`
      const capable = pool.filter((p) => hasCapability(p, role)).length
      const prev = unfilledCount.get(key)
      if (prev) prev.missing++
      else
        unfilledCount.set(key, {
          demandId: demands[d].id,
          role,
          missing: 1,
          reason:
            capable === 0
              ? `no eligible unit has capability '${role}'`
              : `all ${capable} eligible '${role}' units are needed elsewhere or cannot reach`,
        })
      continue
    }
    const r = reach[d][u]!
    totalEtaS += r.etaS
    recommendations.push({
      unitId: pool[u].id,
      demandId: demands[d].id,
      role,
      etaS: r.etaS,
      distanceM: 0,
      safe: r.safe,
      route: null as unknown as Route,
      hazardAvoided: null,
      notChosen: [],
      explanation: { en: '', zh: '' },
    })
  }

  // Routes for the chosen pairs, one backward search per demand and mode.
  const byDemand = new Map<number, number[]>()
  recommendations.forEach((rec, i) => {
    const d = demands.findIndex((x) => x.id === rec.demandId)
    const list = byDemand.get(d) ?? []
    list.push(i)
    byDemand.set(d, list)
  })
  const poolIndex = new Map(pool.map((p, i) => [p.id, i]))
  const hasHazard = h.forbiddenEdges + h.penalisedEdges + h.downwindEdges > 0
  const affected: number[] = []
  if (explain && hasHazard)
    for (let k = 0; k < g.edgeCount; k++)
      if (h.forbiddenM[k] > 0 || h.penalisedM[k] > 0 || h.downwind[k]) affected.push(k)
  for (const [d, list] of byDemand) {
    for (const i of list) {
      const rec = recommendations[i]
      const u = poolIndex.get(rec.unitId)!
      const r = reach[d][u]!
      const prev = trees[d][r.mode]!
      const edges: number[] = []
      for (let x = r.seedNode, guard = 0; prev[x] >= 0 && guard <= g.nodeCount; guard++) {
        edges.push(prev[x])
        x = g.edgeTo[prev[x]]
      }
      rec.route = assembleRoute(g, h, [...starts[r.mode][u].prefix(r.seedNode), ...edgePieces(g, edges)], r.mode)
      rec.distanceM = rec.route.lengthM
      rec.safe = rec.route.safe
      if (!rec.route.safe)
        rec.route.message = `no route avoids the forbidden zone; least-bad route runs ${Math.round(
          rec.route.exposure.forbiddenM,
        )} m inside it`
    }
    // The hazard-blind route can only be faster if it uses a hazard-affected edge; when even the
    // straight-line bound through the nearest such edge is slower, there is nothing to compare.
    const needPlain = !(explain && hasHazard)
      ? []
      : list.filter((i) => {
          const rec = recommendations[i]
          const u = pool[poolIndex.get(rec.unitId)!]
          return plainLowerBound(g, affected, u.e, u.n, staging[d].e, staging[d].n) < rec.etaS - 1e-6
        })
    if (explain && hasHazard)
      for (const i of list)
        if (!needPlain.includes(i))
          recommendations[i].hazardAvoided = {
            plainEtaS: recommendations[i].etaS,
            detourS: 0,
            forbiddenM: 0,
            penalisedM: 0,
            downwindM: 0,
          }
    if (explain && hasHazard && needPlain.length) {
      const targets = Int32Array.from(
        needPlain.flatMap((i) => starts.time[poolIndex.get(recommendations[i].unitId)!].seeds.map((x) => x.node)),
      )
      search(g, g.edgeTime, [{ node: staging[d].node, cost: 0 }], ws, { reverse: true, targets, sum: g.edgeTime })
      for (const i of needPlain) {
        const u = poolIndex.get(recommendations[i].unitId)!
        const r = unitReach(ws, starts.time[u], 'time')
        if (!r) continue
        const plain = assembleRoute(
          g,
          h,
          [...starts.time[u].prefix(r.seedNode), ...edgePieces(g, pathFrom(g, ws, r.seedNode))],
          'time',
        )
        const rec = recommendations[i]
        rec.hazardAvoided = {
          plainEtaS: plain.etaS,
          detourS: Math.max(0, rec.etaS - plain.etaS),
          forbiddenM: Math.max(0, plain.exposure.forbiddenM - rec.route.exposure.forbiddenM),
          penalisedM: Math.max(0, plain.exposure.penalisedM - rec.route.exposure.penalisedM),
          downwindM: Math.max(0, plain.exposure.downwindM - rec.route.exposure.downwindM),
        }
      }
    }
  }

  for (const rec of recommendations) {
    const u = poolIndex.get(rec.unitId)!
    const d = demands.findIndex((x) => x.id === rec.demandId)
    const s = assignedSlot[u]
    if (explain)
      rec.notChosen = notChosen(
        units,
        pool,
        poolIndex,
        demands[d],
        u,
        s,
        rec.role,
        reach[d],
        cost,
        cols,
        rowToCol,
        slots,
        demands,
      )
    rec.explanation = explainText(rec, staging[d])
  }
  return { recommendations, unfilled: [...unfilledCount.values()], staging, totalEtaS }
}

/** Lower bound on the travel time of any path from A to B that uses one of `edges`. */
function plainLowerBound(
  g: RoadGraph,
  edges: readonly number[],
  ae: number,
  an: number,
  be: number,
  bn: number,
): number {
  let best = Infinity
  for (const k of edges) {
    const a = g.edgeFrom[k],
      b = g.edgeTo[k]
    const dx1 = g.nodeE[a] - ae,
      dy1 = g.nodeN[a] - an,
      dx2 = be - g.nodeE[b],
      dy2 = bn - g.nodeN[b]
    const t = (Math.sqrt(dx1 * dx1 + dy1 * dy1) + Math.sqrt(dx2 * dx2 + dy2 * dy2)) / g.maxSpeed + g.edgeTime[k]
    if (t < best) best = t
  }
  return best
}

function notChosen(
  all: readonly DispatchUnit[],
  pool: readonly DispatchUnit[],
  poolIndex: Map<string, number>,
  demand: Demand,
  u: number,
  s: number,
  role: string,
  reachD: (Reach | null)[],
  cost: Float64Array,
  cols: number,
  rowToCol: Int32Array,
  slots: { d: number; role: string }[],
  demands: readonly Demand[],
): Alternative[] {
  const chosen = pool[u]
  const myDist = Math.hypot(chosen.e - demand.e, chosen.n - demand.n)
  const myEta = reachD[u]!.etaS
  const colToRow = new Map<number, number>()
  rowToCol.forEach((c, r) => colToRow.set(c, r))
  const out: Alternative[] = []
  const nearer = all
    .filter((x) => x.id !== chosen.id && hasCapability(x, role))
    .map((x) => ({ x, dist: Math.hypot(x.e - demand.e, x.n - demand.n) }))
    .filter(
      (c) => c.dist < myDist || (poolIndex.has(c.x.id) && (reachD[poolIndex.get(c.x.id)!]?.etaS ?? Infinity) < myEta),
    )
    .sort((a, b) => a.dist - b.dist)
  for (const { x } of nearer.slice(0, 3)) {
    const v = poolIndex.get(x.id)
    if (v === undefined) {
      out.push({ unitId: x.id, etaS: null, reason: `status ${x.status}` })
      continue
    }
    const r = reachD[v]
    if (!r) {
      out.push({ unitId: x.id, etaS: null, reason: 'cannot reach the staging point by road' })
      continue
    }
    if (!r.safe && reachD[u]!.safe) {
      out.push({ unitId: x.id, etaS: r.etaS, reason: `its only route crosses the forbidden zone` })
      continue
    }
    const s2 = colToRow.get(v)
    if (s2 !== undefined && s2 !== s) {
      // Exact cost of swapping the two units between their slots (≥ 0 by optimality).
      const delta = cost[s * cols + v] + cost[s2 * cols + u] - cost[s * cols + u] - cost[s2 * cols + v]
      const other = demands[slots[s2].d]
      out.push({
        unitId: x.id,
        etaS: r.etaS,
        reason:
          delta >= 1e8
            ? `needed as ${slots[s2].role} for ${other.id}, which this unit cannot serve`
            : `assigned to ${other.id} (${slots[s2].role}); swapping would add ${Math.round(delta)} s in total`,
      })
      continue
    }
    if (r.etaS >= myEta)
      out.push({
        unitId: x.id,
        etaS: r.etaS,
        reason: `slower by road: ${Math.round(r.etaS)} s vs ${Math.round(myEta)} s`,
      })
    else out.push({ unitId: x.id, etaS: r.etaS, reason: 'also chosen for this demand' })
  }
  return out
}

function fmtS(s: number): string {
  const m = Math.floor(s / 60)
  const r = Math.round(s - 60 * m)
  return m > 0 ? `${m} min ${r} s` : `${r} s`
}

function explainText(rec: Recommendation, st: Staging): { en: string; zh: string } {
  const en: string[] = [
    `${rec.unitId} → ${rec.demandId} as ${rec.role}: ETA ${fmtS(rec.etaS)}, ${(rec.distanceM / 1000).toFixed(2)} km`,
  ]
  const zh: string[] = [
    `${rec.unitId} → ${rec.demandId}（${rec.role}）：预计 ${Math.round(rec.etaS)} 秒到达，${(rec.distanceM / 1000).toFixed(2)} 公里`,
  ]
  en.push(
    `stages ${Math.round(st.distanceM)} m from the incident${st.downwind ? ' (downwind: no upwind road nearby)' : ''}`,
  )
  zh.push(`集结点距事故点 ${Math.round(st.distanceM)} 米${st.downwind ? '（位于下风向，附近无上风向道路）' : ''}`)
  if (!rec.safe) {
    en.push(
      `NO SAFE ROUTE: least-bad route runs ${Math.round(rec.route.exposure.forbiddenM)} m inside the forbidden zone`,
    )
    zh.push(`无安全路线：最优替代路线穿越禁入区 ${Math.round(rec.route.exposure.forbiddenM)} 米`)
  }
  const ha = rec.hazardAvoided
  if (ha && (ha.forbiddenM > 0 || ha.penalisedM > 0 || ha.downwindM > 0)) {
    const parts: string[] = []
    if (ha.forbiddenM > 0) parts.push(`${Math.round(ha.forbiddenM)} m of AEGL-3`)
    if (ha.penalisedM > 0) parts.push(`${Math.round(ha.penalisedM)} m of AEGL-2`)
    if (ha.downwindM > 0) parts.push(`${Math.round(ha.downwindM)} m downwind`)
    en.push(`avoids ${parts.join(', ')} of the fastest route for ${fmtS(ha.detourS)} extra`)
    zh.push(
      `较最快路线避开 AEGL-3 ${Math.round(ha.forbiddenM)} 米、AEGL-2 ${Math.round(ha.penalisedM)} 米、下风向 ${Math.round(ha.downwindM)} 米，多用 ${Math.round(ha.detourS)} 秒`,
    )
  }
  for (const a of rec.notChosen) {
    en.push(`not ${a.unitId}: ${a.reason}`)
    zh.push(`未选 ${a.unitId}：${a.reason}`)
  }
  return { en: en.join('; '), zh: zh.join('；') }
}

/**
 * Minimum-cost assignment of `rows` rows to distinct columns (rows ≤ cols) on a row-major cost
 * matrix: the Hungarian algorithm with potentials (Kuhn–Munkres, O(rows² · cols)). Costs must be
 * finite. Returns the column of each row.
 */
export function hungarian(cost: Float64Array | readonly number[], rows: number, cols: number): Int32Array {
  if (rows > cols) throw new Error(`hungarian: ${rows} rows > ${cols} columns (transpose or pad)`)
  const u = new Float64Array(rows + 1)
  const v = new Float64Array(cols + 1)
  const p = new Int32Array(cols + 1) // p[j]: row (1-based) matched to column j
  const way = new Int32Array(cols + 1)
  const minv = new Float64Array(cols + 1)
  const used = new Uint8Array(cols + 1)
  for (let i = 1; i <= rows; i++) {
    p[0] = i
    let j0 = 0
    minv.fill(Infinity)
    used.fill(0)
    do {
      used[j0] = 1
      const i0 = p[j0]
      let delta = Infinity
      let j1 = 0
      const base = (i0 - 1) * cols - 1
      const ui = u[i0]
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue
        const cur = cost[base + j] - ui - v[j]
        if (cur < minv[j]) {
          minv[j] = cur
          way[j] = j0
        }
        if (minv[j] < delta) {
          delta = minv[j]
          j1 = j
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[p[j]] += delta
          v[j] -= delta
        } else minv[j] -= delta
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0]
      p[j0] = p[j1]
      j0 = j1
    } while (j0)
  }
  const rowToCol = new Int32Array(rows).fill(-1)
  for (let j = 1; j <= cols; j++) if (p[j]) rowToCol[p[j] - 1] = j - 1
  return rowToCol
}

/** Minimum-cost assignment of any rectangular matrix (number[][]); each row gets a column or −1 (more rows than columns). */
export function solveAssignment(matrix: readonly (readonly number[])[]): { rowToCol: number[]; total: number } {
  const rows = matrix.length
  const cols = rows ? matrix[0].length : 0
  if (rows === 0 || cols === 0) return { rowToCol: new Array(rows).fill(-1), total: 0 }
  if (rows <= cols) {
    const r2c = hungarian(Float64Array.from(matrix.flat()), rows, cols)
    const rowToCol = Array.from(r2c)
    return { rowToCol, total: rowToCol.reduce((s, c, r) => s + matrix[r][c], 0) }
  }
  const t = new Float64Array(rows * cols)
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = matrix[r][c]
  const c2r = hungarian(t, cols, rows)
  const rowToCol = new Array(rows).fill(-1)
  c2r.forEach((r, c) => (rowToCol[r] = c))
  return { rowToCol, total: Array.from(c2r).reduce((s, r, c) => s + matrix[r][c], 0) }
}
