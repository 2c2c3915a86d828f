/**
 * Dispatch in the live twin, end to end on the demo park over real sockets: a chlorine leak at
 * CA-T101 opens an incident, the plume takes it to the park tier, the dispatch module logs a
 * recommendation with explanations (and sends nobody), the commander confirms over the socket,
 * the units drive (ETAs fall, one position per unit per second), a wind shift moves the cloud
 * onto their approach and they are re-routed round it, they arrive on scene, and a restarted
 * server folds the same unit states from the log.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io as ioClient, type Socket } from 'socket.io-client'
import { VirtualClock } from '@sim/core/clock'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { Ack } from '@sim/protocol/messages'
import type { LoggedEvent, SceneJoined } from '@sim/protocol/events'
import type { Route } from '@sim/dispatch/index'
import { startServer, type RunningServer } from '@server/startServer'
import { dispatchOf, type RecommendedBody } from '@server/scene/dispatchModule'

const T0 = Date.UTC(2026, 10, 29, 3, 0, 0) // 11:00 in Shanghai
const SCENE = 'demo-park'

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = ioClient(url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    })
    s.once('connect', () => resolve(s))
    s.once('connect_error', reject)
  })
}
const emitAck = <T>(s: Socket, ev: string, p: unknown) => new Promise<Ack<T>>((r) => s.emit(ev, p, r))

describe('dispatch in the live twin (demo park, chlorine at CA-T101)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'st-dispatch-'))
  let srv: RunningServer
  let clock: VirtualClock
  let screen: Socket
  const seen: LoggedEvent[] = []
  const host = () => srv.application.hosts.get(SCENE)!
  const mod = () => dispatchOf(host())!
  /** Advance simulated time in 100 ms frames, letting the log settle every second. */
  const run = async (seconds: number, until?: () => boolean) => {
    for (let s = 0; s < seconds; s++) {
      for (let k = 0; k < 10; k++) clock.advance(100)
      await host().idle()
      // Let socket I/O through: a loop that only awaits microtasks starves the heartbeat.
      await new Promise((r) => setImmediate(r))
      if (until?.()) return true
    }
    return false
  }
  /** Wait (real time) until the screen has received a logged event matching `pred`. */
  const received = async (pred: (e: LoggedEvent) => boolean) => {
    for (let i = 0; i < 100 && !seen.some(pred); i++) await new Promise((r) => setTimeout(r, 20))
    return seen.some(pred)
  }
  const logged = async (type: string) => (await srv.store.read(SCENE)).filter((e) => e.type === type)

  beforeAll(async () => {
    clock = new VirtualClock(T0)
    srv = await startServer({ port: 0, clock, seed: 3, dataDir, staticDir: '/none' })
    screen = await connect(srv.url)
    screen.on('log:event', (e: LoggedEvent) => seen.push(e))
    const j = await emitAck<SceneJoined>(screen, 'scene:join', { sceneId: SCENE })
    expect(j.ok).toBe(true)
    await run(10)
  })
  afterAll(async () => {
    screen?.close()
    await srv?.close()
  })

  let rec: LoggedEvent & RecommendedBody
  it('park tier → a logged recommendation with explanations; nobody is sent until the commander confirms', async () => {
    const r = await host().startLeak(
      { sourceId: 'CA-T101', rate_kg_s: 3 },
      { source: 'test', operator: 'instructor', cause: 'drill' },
    )
    expect('error' in r).toBe(false)
    expect(await run(240, () => mod().openRecommendations().length > 0)).toBe(true)
    const tier = (await logged('incident.tier_activated')).find((e) => e.tier === 'park')!
    expect(tier).toBeTruthy()
    const [first] = await logged('dispatch.recommended')
    rec = first as typeof rec
    expect(rec.t).toBe(tier.t)
    expect(rec.source).toBe('dispatch')
    expect(rec.trigger).toMatchObject({ incidentId: tier.incidentId, tiers: ['park'] })
    const roles = rec.recommendations.map((x) => x.role).sort()
    expect(roles).toEqual(['ambulance', 'engine', 'engine', 'hazmat'])
    for (const x of rec.recommendations) {
      expect(x.safe).toBe(true)
      expect(x.etaS).toBeGreaterThan(30)
      expect(x.explanation.en).toMatch(/ETA/)
      expect(x.explanation.zh.length).toBeGreaterThan(5)
    }
    expect(rec.details.every((d) => d.hazardAvoided !== null && d.lengthM > 0)).toBe(true)
    expect(rec.unfilled).toEqual([])
    // The screen got it as a log event, and the join snapshot lists it as open.
    expect(await received((e) => e.type === 'dispatch.recommended' && e.seq === rec.seq)).toBe(true)
    const j = await emitAck<SceneJoined>(screen, 'scene:join', { sceneId: SCENE })
    expect(
      j.ok &&
        (j.data.modules.dispatch as { recommendations: { planId: string }[] }).recommendations.map((x) => x.planId),
    ).toContain(rec.planId)
    expect(await logged('unit.dispatched')).toEqual([])
  }, 120_000)

  it('refuses bad commands with an error ack and logs nothing', async () => {
    const before = host().logSeq
    const bad = await emitAck(screen, 'dispatch:confirm', { sceneId: SCENE })
    expect(!bad.ok && bad.error).toMatch(/recommendationSeq/)
    const unknownPlan = await emitAck(screen, 'dispatch:confirm', { sceneId: SCENE, planId: 'D-nope' })
    expect(!unknownPlan.ok && unknownPlan.error).toMatch(/no such recommendation/)
    const recall = await emitAck(screen, 'dispatch:recall', { sceneId: SCENE, unitId: 'PK-E1' })
    expect(!recall.ok && recall.error).toMatch(/illegal transition available → returning/)
    const status = await emitAck(screen, 'resource:status', {
      sceneId: SCENE,
      unitId: 'CA-ERT',
      status: 'out_of_service',
      reason: 'pump broken',
    })
    expect(!status.ok && status.error).toMatch(/enterprise tier/)
    const extra = await emitAck(screen, 'dispatch:recommend', { sceneId: SCENE, needs: { engine: 1 }, extra: 1 })
    expect(extra.ok).toBe(false)
    expect(host().logSeq).toBe(before)
  })

  let shiftAt = 0
  it('confirm over the socket → units dispatched with hazard-aware routes; ETAs fall, positions stream once a second', async () => {
    const ack = await emitAck<{ planId: string; seqs: number[]; dispatched: string[]; errors: string[] }>(
      screen,
      'dispatch:confirm',
      {
        sceneId: SCENE,
        recommendationSeq: rec.seq,
      },
    )
    expect(ack.ok).toBe(true)
    if (!ack.ok) return
    expect(ack.data.dispatched.sort()).toEqual(rec.recommendations.map((x) => x.unitId).sort())
    expect(ack.data.errors).toEqual([])
    const dispatched = await logged('unit.dispatched')
    expect(dispatched.map((e) => e.operator)).toEqual(dispatched.map(() => 'demo.visitor'))
    for (const e of dispatched) {
      const r = e.route as Route
      expect(r.safe).toBe(true)
      expect(r.exposure.forbiddenM).toBe(0)
      // The route does not cross the threat zones as they are now, either.
      expect(mod().forbiddenMetresNow(r.local)).toBe(0)
    }
    expect(mod().hazard.forbiddenEdges).toBeGreaterThan(0) // there is an AEGL-3 zone on the roads to avoid
    // A second confirm of the same plan is refused: it is no longer open.
    const again = await emitAck(screen, 'dispatch:confirm', { sceneId: SCENE, recommendationSeq: rec.seq })
    expect(!again.ok && again.error).toMatch(/confirmed/)

    await run(5)
    const unit = dispatched[0].unitId as string
    const pos = (await logged('unit.position')).filter((e) => e.unitId === unit)
    expect(pos.length).toBeGreaterThanOrEqual(4)
    for (let i = 1; i < pos.length; i++) {
      expect(pos[i].t - pos[i - 1].t).toBeGreaterThanOrEqual(1000)
      expect(pos[i].etaS as number).toBeLessThan(pos[i - 1].etaS as number)
    }
    expect(mod().state.dispatch.units[unit].status).toBe('en_route')
    shiftAt = clock.now()
  }, 60_000)

  it('a wind shift moves the cloud onto the approach: active units are re-routed and stay out of AEGL-3', async () => {
    // The operator takes the weather over (the met station would log its own wind back).
    host().plume.weatherScripted = true
    await host().appendItems([
      {
        body: {
          type: 'weather.observed',
          at: clock.now(),
          wind_speed_m_s: 5,
          wind_from_deg: 285,
          air_temp_c: 16,
          stability: 3,
          source: 'operator',
        } as never,
        source: 'operator',
        operator: 'duty-officer',
      },
    ])
    expect(await run(150, () => Object.keys(mod().state.reroutes).length > 0)).toBe(true)
    const rr = (await logged('unit.rerouted'))[0]
    expect(rr.reason).toMatch(/^wind shift \d+° → 285°; old route now crosses the forbidden zone for \d+ m/)
    expect(rr.t).toBeGreaterThan(shiftAt)
    expect((rr.route as Route).safe).toBe(true)
    expect(mod().forbiddenMetresNow((rr.route as Route).local)).toBe(0)
    expect(mod().state.dispatch.units[rr.unitId as string].route!.etaS).toBe((rr.route as Route).etaS)
    expect(await received((e) => e.type === 'unit.rerouted')).toBe(true)
  }, 120_000)

  it('units arrive on scene; no logged position was ever inside AEGL-3', async () => {
    const ids = rec.recommendations.map((x) => x.unitId)
    expect(await run(400, () => ids.every((id) => mod().state.dispatch.units[id].status === 'on_scene'))).toBe(true)
    const arrived = await logged('unit.arrived')
    expect(arrived.map((e) => e.unitId).sort()).toEqual([...ids].sort())
    const positions = await logged('unit.position')
    expect(positions.filter((p) => p.hazard === 'forbidden')).toEqual([])
    for (const id of ids) {
      const u = mod().state.dispatch.units[id]
      expect(u.etaS).toBe(0)
      const last = positions.filter((p) => p.unitId === id).at(-1)!
      expect(last.etaS).toBe(0)
    }
    // The HTTP views agree with the fold.
    const res = await (await fetch(`${srv.url}/api/v1/scenes/${SCENE}/resources`)).json()
    expect(res.resources.find((r: { id: string }) => r.id === ids[0])).toMatchObject({ status: 'on_scene', etaS: 0 })
    const view = await (await fetch(`${srv.url}/api/v1/scenes/${SCENE}/dispatch`)).json()
    expect(view.routes.map((r: { unitId: string }) => r.unitId)).toEqual(expect.arrayContaining(ids))
    expect((await fetch(`${srv.url}/api/v1/scenes/nope/dispatch`)).status).toBe(404)
  }, 240_000)

  it('recall, out of service by the owning tier, evacuation order', async () => {
    const recall = await emitAck<{ seq: number; etaS: number }>(screen, 'dispatch:recall', {
      sceneId: SCENE,
      unitId: rec.recommendations[0].unitId,
    })
    expect(recall.ok && recall.data.etaS).toBeGreaterThan(0)
    const oos = await emitAck(screen, 'resource:status', {
      sceneId: SCENE,
      unitId: 'PK-RS1',
      status: 'out_of_service',
      reason: 'hydraulic cutter in repair',
    })
    expect(oos.ok).toBe(true)
    const evac = await emitAck<{ people: number; groups: number; stranded: number }>(screen, 'evacuation:order', {
      sceneId: SCENE,
      all: true,
    })
    expect(evac.ok).toBe(true)
    if (evac.ok) expect(evac.data.people).toBeGreaterThan(0)
    await run(2)
    expect(mod().state.dispatch.units['PK-RS1'].status).toBe('out_of_service')
    expect(mod().snapshot().evacuation?.report.totalExpected).toBe(evac.ok ? evac.data.people : -1)
  }, 60_000)

  it('a restarted server folds the same unit states from the log', async () => {
    await run(3)
    const before = JSON.parse(JSON.stringify(mod().state.dispatch.units)) as Record<
      string,
      { status: string; e: number; n: number; route: unknown }
    >
    const seq = host().logSeq
    const t1 = clock.now()
    screen.close()
    await srv.close()
    clock = new VirtualClock(t1)
    srv = await startServer({ port: 0, clock, seed: 3, dataDir, staticDir: '/none' })
    expect(host().logSeq).toBe(seq)
    const after = mod().state.dispatch.units
    for (const [id, u] of Object.entries(before)) {
      expect(after[id].status, id).toBe(u.status)
      expect(after[id].e, id).toBeCloseTo(u.e, 6)
      expect(after[id].route, id).toEqual(u.route)
    }
    // The recalled unit keeps driving home after the restart.
    const home = rec.recommendations[0].unitId
    expect(after[home].status).toBe('returning')
    const eta0 = after[home].etaS!
    await run(3)
    expect(mod().state.dispatch.units[home].etaS!).toBeLessThan(eta0)
  }, 60_000)
})
