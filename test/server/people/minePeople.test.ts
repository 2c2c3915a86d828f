/**
 * The demo mine's people in the live server, over real sockets: 40 miners walk the roadways,
 * their tags' simulated ranges go through the real tracker, screens get binary people frames whose
 * positions are on the roadways and close to the simulated truth; zone counts match the positions;
 * a scripted gathering and a scripted man-down reach the log.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Socket } from 'socket.io-client'
import { VirtualClock } from '@sim/core/clock'
import type { SceneJoined } from '@sim/protocol/events'
import { decodePeopleFrame, PersonStatus, type PeopleFrame } from '@sim/protocol/peopleFrame'
import { parseScene } from '@sim/scene/parseScene'
import { mineNetwork, ZoneEngine, zonesFromScene } from '@sim/people'
import { projectOnNetwork } from '@sim/positioning'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { peopleOf, type PeopleModule, type PeopleModuleSnapshot } from '@server/scene/peopleModule'
import { connect, emitAck, flush, quantile, singleSceneDir } from './helpers'

const T0 = Date.UTC(2026, 10, 29, 1, 0, 0)
const parsed = parseScene(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../scenes/demo-mine/scene.json'), 'utf8')),
)
if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
const scene = parsed.scene

describe('people in the demo mine (live server)', () => {
  let srv: RunningServer
  let clock: VirtualClock
  let sock: Socket
  let joined: SceneJoined
  let mod: PeopleModule
  const frames: PeopleFrame[] = []
  /** Simulated truth per frame time, recorded as the clock steps. */
  const truthAt = new Map<number, Float64Array>()

  const step = async (frames100ms: number) => {
    for (let k = 0; k < frames100ms; k++) {
      clock.advance(100)
      const tr = new Float64Array(3 * mod.people.length)
      mod.people.forEach((p, i) => {
        const x = mod.truth(p.id)
        tr.set([x.x, x.y, x.z], 3 * i)
      })
      truthAt.set(clock.now(), tr)
      // Volatile frames are dropped while the transport is busy: let each one out, as a real server's event loop would.
      if (k % 2 === 1) await flush(1)
    }
    await srv.application.hosts.get('demo-mine')!.idle()
    await flush()
  }

  beforeAll(async () => {
    clock = new VirtualClock(T0)
    srv = await startServer({
      port: 0,
      clock,
      seed: 11,
      scenesDir: singleSceneDir('demo-mine'),
      store: new SqliteEventStore(':memory:'),
      staticDir: '/none',
    })
    mod = peopleOf(srv.application.hosts.get('demo-mine')!)!
    sock = await connect(srv.url)
    sock.on('people:frame', (b: ArrayBuffer | Uint8Array) =>
      frames.push(decodePeopleFrame(b instanceof Uint8Array ? new Uint8Array(b) : b)),
    )
    const ack = await emitAck<SceneJoined>(sock, 'scene:join', { sceneId: 'demo-mine' })
    if (!ack.ok) throw new Error(ack.error)
    joined = ack.data
    await step(300)
  }, 60_000)
  afterAll(async () => {
    sock?.close()
    await srv?.close()
  })

  it('the join snapshot gives the people, in frame order', () => {
    const p = joined.modules.people as PeopleModuleSnapshot
    expect(p.people.map((x) => x.id)).toEqual(scene.personnel.map((x) => x.id))
    expect(p.people[0]).toMatchObject({
      name: scene.personnel[0].name,
      role: scene.personnel[0].role,
      tagId: scene.personnel[0].tagId,
    })
    expect(p.anchors).toEqual({ count: 207, generated: false })
    expect(p.riskMap).toBeNull() // not evaluated before the first tick
  })

  it('streams people frames: one slot per miner, on the roadways, within 0.5 m of the truth', () => {
    expect(frames.length).toBeGreaterThan(120) // 30 s at 5 Hz, volatile (a few may be dropped)
    const n = scene.personnel.length
    for (const f of frames) expect(f.status.length).toBe(n)
    const net = mineNetwork(scene)
    const errs: number[] = []
    const offRoad: number[] = []
    for (const f of frames) {
      const tr = truthAt.get(f.t)
      if (!tr || f.t < T0 + 5000) continue // tracks starting up
      for (let i = 0; i < n; i++) {
        const x = f.xyz[3 * i]
        const y = f.xyz[3 * i + 1]
        expect(f.status[i] & PersonStatus.lost, `person ${i} lost at ${f.t - T0} ms`).toBe(0)
        errs.push(Math.hypot(x - tr[3 * i], y - tr[3 * i + 1]))
        offRoad.push(projectOnNetwork(net, x, y)!.distance_m)
      }
    }
    const within = errs.filter((e) => e <= 0.5).length / errs.length
    console.log(
      `mine live: ${errs.length} positions, horizontal error median ${quantile(errs, 0.5).toFixed(3)} m, p95 ${quantile(errs, 0.95).toFixed(3)} m, ` +
        `${(100 * within).toFixed(1)} % within 0.5 m; off-roadway p99 ${quantile(offRoad, 0.99).toFixed(2)} m`,
    )
    expect(errs.length).toBeGreaterThan(100 * n)
    expect(quantile(errs, 0.5)).toBeLessThan(0.15)
    expect(within).toBeGreaterThanOrEqual(0.9)
    expect(quantile(offRoad, 0.99)).toBeLessThan(2.5)
  })

  it('zone counts in the snapshot equal the people whose positions are in each zone', async () => {
    const r = await fetch(`${srv.url}/api/v1/scenes/demo-mine/people`)
    expect(r.status).toBe(200)
    const snap = (await r.json()) as PeopleModuleSnapshot
    const geo = new ZoneEngine(zonesFromScene(scene))
    const count: Record<string, number> = {}
    for (let i = 0; i < mod.people.length; i++)
      for (const z of geo.zonesAt(mod.xyz[3 * i], mod.xyz[3 * i + 1], mod.xyz[3 * i + 2]))
        count[z.def.id] = (count[z.def.id] ?? 0) + 1
    let inZones = 0
    let diff = 0
    for (const z of scene.zones) {
      inZones += snap.counts[z.id]
      diff += Math.abs(snap.counts[z.id] - (count[z.id] ?? 0))
    }
    console.log('mine zone counts', JSON.stringify(snap.counts))
    expect(inZones).toBeGreaterThan(15)
    // Equal, give or take one person standing within the 0.5 m leave-hysteresis of an edge.
    expect(diff).toBeLessThanOrEqual(1)
    expect((await fetch(`${srv.url}/api/v1/scenes/atlantis/people`)).status).toBe(404)
  })

  it('a scripted gathering in the mains and a scripted man-down in the headgate reach the log', async () => {
    const mains = mod.pointInZone('Z-MAINS')!
    const gate = mod.pointInZone('Z-HG-4101')!
    expect(mains && gate).toBeTruthy()
    const trio = ['miner-010', 'miner-011', 'miner-012']
    for (const id of trio) mod.script(id, { to: mains, teleport: true, mill_m: 3 })
    mod.script('miner-020', { to: gate, teleport: true })
    const t0 = clock.now()
    await step(850)
    const log = await srv.store.read('demo-mine')
    const gathering = log.find(
      (e) => e.type === 'people.gathering' && e.t > t0 && trio.every((id) => (e.members as string[]).includes(id)),
    )
    expect(gathering, 'people.gathering with the three scripted miners').toBeTruthy()
    expect(gathering).toMatchObject({ zoneId: 'Z-MAINS', source: 'uwb', operator: null })
    // A group keeps its start while members join (two of them may have been together already).
    expect(gathering!.t - (gathering!.since as number)).toBeGreaterThanOrEqual(60_000)
    expect(gathering!.t - t0).toBeLessThan(75_000)
    const down = log.find((e) => e.type === 'person.down' && e.personId === 'miner-020')
    expect(down, 'person.down for the still miner').toBeTruthy()
    expect(down!.t - t0).toBeGreaterThanOrEqual(60_000)
    // Milling workers are not "down".
    expect(log.some((e) => e.type === 'person.down' && trio.includes(e.personId as string))).toBe(false)
    const snap = mod.snapshot()
    expect(snap.down).toContain('miner-020')
    expect(snap.gatherings.some((g) => g.alarmed && trio.every((id) => g.members.includes(id)))).toBe(true)
    const last = frames.at(-1)!
    expect(last.status[mod.people.findIndex((p) => p.id === 'miner-020')] & PersonStatus.down).toBeTruthy()
    // The risk map is evaluated once a second (mine only).
    expect(snap.riskMap!.segments.length).toBeGreaterThan(20)
    // Back to work: the alarm clears.
    mod.script('miner-020', null)
    await step(100)
    const after = await srv.store.read('demo-mine')
    expect(after.some((e) => e.type === 'person.down.cleared' && e.personId === 'miner-020')).toBe(true)
  }, 120_000)

  it('positions are recorded once a second for replay, not logged', async () => {
    const rec = await srv.store.readFrames('demo-mine#people', T0, clock.now())
    expect(rec.length).toBeGreaterThan(100)
    expect(decodePeopleFrame(rec.at(-1)!.data).status.length).toBe(scene.personnel.length)
    const log = await srv.store.read('demo-mine')
    expect(log.filter((e) => e.type.startsWith('person.') || e.type.startsWith('people.')).length).toBeLessThan(500)
  })
})
