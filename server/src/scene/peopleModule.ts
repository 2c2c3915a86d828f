/**
 * People in the live twin: simulated walkers wear UWB tags, their raw ranges go through the real
 * tracker (RoadwayTagTracker on the mine's roadways / the park's walkways), the fixes feed the
 * PeopleMonitor (zones, gathering, man-down, exposure to the live plume), and:
 *   - discrete events (person.entered/left/overstay/intrusion, people.gathering[.cleared],
 *     person.down[.cleared], person.exposure) go to the hash-chained log, source 'uwb';
 *   - positions are telemetry, not log events: a binary people frame (protocol/peopleFrame.ts)
 *     to the scene room at 5 Hz, and 1 Hz into the frame store as scene `${sceneId}#people`;
 *   - the join snapshot (`modules.people`) gives the person order of the frames, names, roles,
 *     counts per zone, gatherings, people down, the triage list and, in a mine, the risk map.
 * UWB epochs are 10 Hz live; in drills 1 Hz (DRILL_EPOCH_HZ) so a 40-minute drill stays fast —
 * every detector works on time, not on epoch counts, so only the positions get coarser.
 */
import type { Person } from '@sim/scene/mineSchema'
import {
  PeopleMonitor,
  RoadwayTagTracker,
  createRiskModel,
  evaluateRiskMap,
  parkPersonnel,
  riskZoneDefs,
  type ConcentrationAt,
  type LevelsOfConcern,
  type PersonPosition,
  type RiskMapData,
  type RiskModel,
  type ZoneKind,
} from '@sim/people'
import type { Anchor } from '@sim/positioning'
import { levelsFor } from '@sim/twin/plumeModel'
import type { PlumeUpdate } from '@sim/twin/plumeWire'
import { ringToLocal } from '@sim/geo/frames'
import { PEOPLE_FLAG_DRILL, PersonStatus, encodePeopleFrame } from '@sim/protocol/peopleFrame'
import type { HostModule, HostModuleFactory } from './hostModule'
import type { AppendItem, SceneHost } from './sceneHost'
import { WalkerSim, inRing, peopleLayout, type WalkerScript } from './peopleWalkers'

export const PEOPLE_MODULE = 'people'
export const LIVE_EPOCH_HZ = 10
export const DRILL_EPOCH_HZ = 1
/** Frames to screens per second (volatile); a screen interpolates between them. */
export const PEOPLE_FRAME_HZ = 5
/** A person without a fix this long shows as lost (the zone engine drops them from zones after 30 s). */
export const LOST_AFTER_MS = 5_000

const HAZARD_KINDS = new Set<ZoneKind>(['hazardous', 'restricted', 'working_face', 'threat', 'risk'])

export interface PeopleModuleSnapshot {
  sceneId: string
  t: number
  /** Frame order: slot i of every people frame is people[i]. */
  people: {
    id: string
    name: { zh: string; en: string }
    role: string
    tagId: string
    enterpriseId: string | null
    team: string | null
    workZoneId: string | null
  }[]
  anchors: { count: number; generated: boolean }
  epochHz: number
  frameHz: number
  counts: Record<string, number>
  gatherings: ReturnType<PeopleMonitor['snapshot']>['gatherings']
  down: string[]
  triage: ReturnType<PeopleMonitor['snapshot']>['triage']
  /** Mine only: the red/yellow/blue map per roadway segment (null in parks). */
  riskMap: RiskMapData | null
}

export class PeopleModule implements HostModule {
  readonly name = PEOPLE_MODULE
  readonly people: Person[]
  readonly anchors: Anchor[]
  readonly sim: WalkerSim
  readonly tracker: RoadwayTagTracker
  readonly monitor: PeopleMonitor
  readonly epochHz: number
  private readonly generatedAnchors: boolean
  private readonly index = new Map<string, number>()
  /** Tracked positions (NaN until the first fix). */
  readonly xyz: Float32Array
  private readonly lastFixT: Float64Array
  private readonly status: Uint8Array
  private readonly zoneRings = new Map<string, Float64Array>()
  private frameNo = 0
  private seq = 0
  private lastEpochT = NaN
  private lastT = 0
  private plumeSeen: PlumeUpdate | null = null
  private threatLeaks = new Set<string>()
  private levels: LevelsOfConcern | null = null
  private readonly conc: ConcentrationAt
  private readonly risk: RiskModel | null
  private riskMap: RiskMapData | null = null
  private redKey = ''

  constructor(
    private readonly host: SceneHost,
    layout: ReturnType<typeof peopleLayout>,
    people: Person[],
  ) {
    const scene = host.loaded.scene
    const env = host.env
    this.people = people
    this.anchors = layout.anchors
    this.generatedAnchors = layout.generatedAnchors
    people.forEach((p, i) => this.index.set(p.id, i))
    for (const z of scene.zones) this.zoneRings.set(z.id, ringToLocal(scene.origin, z.polygon))
    const avoid = scene.zones.filter((z) => z.kind === 'restricted').map((z) => this.zoneRings.get(z.id)!)
    const rng = env.rng.fork('people')
    this.sim = new WalkerSim(
      people,
      {
        network: layout.network,
        anchors: layout.anchors,
        zoneRings: this.zoneRings,
        avoid,
        rng,
        mine: scene.kind === 'mine',
      },
      env.clock.now(),
    )
    this.tracker = new RoadwayTagTracker({
      anchors: layout.anchors,
      network: layout.network,
      sigma_m: 0.1,
      estimateBias: true,
      // Mine roadways are ~5 m wide; park walkways and roads are modelled as lanes of the same width.
      roadHalfWidth_m: 2.5,
      tagHeightAboveRoad_m: 1,
    })
    // Man-down speed over 10 s, not the default 5 s: under NLOS the live tracker wanders ±0.5 m
    // along a roadway (p95 error 0.43 m), which over 5 s reads as 0.2 m/s on a motionless miner
    // and keeps restarting the stillness clock.
    this.monitor = new PeopleMonitor(scene, { manDown: { window_s: 10 } })
    this.epochHz = env.drill ? DRILL_EPOCH_HZ : LIVE_EPOCH_HZ
    const n = people.length
    this.xyz = new Float32Array(3 * n).fill(NaN)
    this.lastFixT = new Float64Array(n).fill(-Infinity)
    this.status = new Uint8Array(n)
    this.risk = scene.kind === 'mine' && scene.mine ? createRiskModel(scene) : null
    this.conc = (e, n2) => this.concentrationAt(e, n2)
  }

  /** The log is this module's output, not its input: the live tick owns the state. */
  fold(): void {}

  onFrame(t: number): void {
    const frame = this.frameNo++
    const framesPerEpoch = Math.max(1, Math.round(10 / this.epochHz))
    if (frame % framesPerEpoch === 0) this.epoch(t)
    if (frame % Math.max(1, Math.round(10 / PEOPLE_FRAME_HZ)) === 0) this.publish(t)
    if (frame % 10 === 0) {
      this.record(t)
      if (this.risk) this.updateRisk(t)
    }
  }

  private epoch(t: number): void {
    const dt = this.lastEpochT === this.lastEpochT ? (t - this.lastEpochT) / 1000 : 1 / this.epochHz
    this.lastEpochT = t
    this.lastT = t
    this.followPlume()
    this.sim.step(t, dt)
    const positions: PersonPosition[] = []
    const t_s = t / 1000
    for (let i = 0; i < this.people.length; i++) {
      const p = this.people[i]
      const fix = this.tracker.update(p.tagId, t_s, this.sim.ranges(i, t, dt))
      if (!fix) continue
      this.xyz[3 * i] = fix.x
      this.xyz[3 * i + 1] = fix.y
      this.xyz[3 * i + 2] = fix.z
      this.lastFixT[i] = t
      positions.push({ id: p.id, e: fix.x, n: fix.y, u: fix.z })
    }
    const events = this.monitor.update(t, positions, this.levels ? this.conc : undefined)
    if (events.length)
      void this.host.appendItems(
        events.map((e): AppendItem => ({ body: { ...e, at: t }, t, source: 'uwb', operator: null })),
      )
  }

  /** Threat zones and levels of concern follow the plume picture (new every 2 s while a cloud exists). */
  private followPlume(): void {
    const u = this.host.plume.latest()
    if (!this.levels) {
      for (const l of Object.values(this.host.plume.twin.leaks)) {
        const lv = levelsFor(l.substance)
        const at = (k: number) => lv.find((x) => x.label.startsWith(`AEGL-${k}`))?.mgM3 ?? null
        if (at(1) === null && at(2) === null && at(3) === null) continue
        // One set of levels for the scene: the first toxic release's substance (see docs/people.md, Hosting).
        this.levels = { aegl1: at(1), aegl2: at(2), aegl3: at(3) }
        this.monitor.setExposureLevels(this.levels)
        break
      }
    }
    if (!u || u === this.plumeSeen) return
    this.plumeSeen = u
    const byLeak = new Map<string, { label: string; rings: number[][] }[]>()
    for (const z of u.zones) {
      const list = byLeak.get(z.leakId) ?? []
      list.push({ label: z.label, rings: [z.ring] })
      byLeak.set(z.leakId, list)
    }
    for (const id of this.threatLeaks) if (!byLeak.has(id)) this.monitor.clearThreatZones(id)
    // Rings on the wire are already in scene-local metres, so the source offset is 0.
    for (const [id, levels] of byLeak) this.monitor.setThreatZones(id, levels, 0, 0)
    this.threatLeaks = new Set(byLeak.keys())
  }

  /**
   * The puff model summed over every puff is exact but costs O(puffs) per person; the published
   * field (20 m cells) says where there is nothing at all, so people far from the cloud cost O(1).
   */
  private concentrationAt(e: number, n: number): number {
    const u = this.plumeSeen
    if (u) {
      const g = u.grid
      const i = Math.floor((e - g.originE) / g.cellM)
      const j = Math.floor((n - g.originN) / g.cellM)
      let any = false
      for (let dj = -1; dj <= 1 && !any; dj++)
        for (let di = -1; di <= 1; di++) {
          const ii = i + di
          const jj = j + dj
          if (ii >= 0 && jj >= 0 && ii < g.nx && jj < g.ny && u.field[jj * g.nx + ii] > 0) {
            any = true
            break
          }
        }
      if (!any) return 0
    }
    return this.host.plume.concentrationAt(e, n)
  }

  private computeStatus(t: number): Uint8Array {
    const down = new Set(this.monitor.manDown.down())
    const ex = this.monitor.exposure
    const lv = this.levels
    const catLevel = { none: 0, minor: 1, delayed: 2, immediate: 3 } as const
    for (let i = 0; i < this.people.length; i++) {
      const id = this.people[i].id
      let s = 0
      if (ex && lv) {
        const x = ex.get(id)
        if (x) {
          let k: number = catLevel[x.category]
          const c = x.current_mgM3
          if (lv.aegl3 !== null && c >= lv.aegl3) k = 3
          else if (lv.aegl2 !== null && c >= lv.aegl2) k = Math.max(k, 2)
          else if (lv.aegl1 !== null && c >= lv.aegl1) k = Math.max(k, 1)
          s |= k
        }
      }
      if (this.monitor.zones.zonesOf(id).some((z) => HAZARD_KINDS.has(z.def.kind))) s |= PersonStatus.hazardousZone
      if (down.has(id)) s |= PersonStatus.down
      if (t - this.lastFixT[i] > LOST_AFTER_MS) s |= PersonStatus.lost
      this.status[i] = s
    }
    return this.status
  }

  /** The current people frame (positions as tracked, status bits). */
  encodeFrame(t: number): ArrayBuffer {
    return encodePeopleFrame({
      seq: this.seq++,
      t,
      flags: this.host.env.drill ? PEOPLE_FLAG_DRILL : 0,
      xyz: this.xyz,
      status: this.computeStatus(t),
    })
  }

  private publish(t: number): void {
    const emit = this.host.env.emitPeople
    if (emit) emit(this.host.sceneId, this.encodeFrame(t))
  }

  private record(t: number): void {
    const env = this.host.env
    if (env.record === false) return
    const frame = this.encodeFrame(t)
    const seq = new DataView(frame).getUint32(4, true)
    void env.store
      .appendFrame({ sceneId: `${this.host.sceneId}#people`, seq, t, full: true, data: new Uint8Array(frame) })
      .catch((e: Error) => env.log?.(`people frame not recorded: ${e.message}`))
  }

  private updateRisk(t: number): void {
    const scene = this.host.loaded.scene
    const vals = this.host.runtime.values
    const readings = new Map<string, number>()
    scene.devices.forEach((d, i) => readings.set(d.id, vals[i]))
    const positions: PersonPosition[] = []
    for (let i = 0; i < this.people.length; i++)
      if (t - this.lastFixT[i] <= LOST_AFTER_MS)
        positions.push({ id: this.people[i].id, e: this.xyz[3 * i], n: this.xyz[3 * i + 1], u: this.xyz[3 * i + 2] })
    this.riskMap = evaluateRiskMap(this.risk!, readings, positions, t)
    const red = this.riskMap.segments.filter((s) => s.level === 'red').map((s) => s.id)
    const key = red.join(',')
    if (key === this.redKey) return
    this.redKey = key
    // Red segments become 'risk' zones: entering one is an intrusion, and they count as hazardous.
    if (red.length) this.monitor.zones.setZones('risk', riskZoneDefs(this.risk!, this.riskMap, ['red']))
    else this.monitor.zones.clearZones('risk')
  }

  snapshot(): PeopleModuleSnapshot {
    const s = this.monitor.snapshot()
    return {
      sceneId: this.host.sceneId,
      t: this.lastT,
      people: this.people.map((p) => ({
        id: p.id,
        name: p.name,
        role: p.role,
        tagId: p.tagId,
        enterpriseId: p.enterpriseId ?? null,
        team: p.team ?? null,
        workZoneId: p.workZoneId ?? null,
      })),
      anchors: { count: this.anchors.length, generated: this.generatedAnchors },
      epochHz: this.epochHz,
      frameHz: PEOPLE_FRAME_HZ,
      counts: s.counts,
      gatherings: s.gatherings,
      down: s.down,
      triage: s.triage,
      riskMap: this.riskMap,
    }
  }

  // ---- hooks for tests and scripted drills ----

  /** Script a person's walker (go to / jump to a point, stay, mill); null = back to their routine. */
  script(personId: string, s: WalkerScript | null): void {
    const i = this.index.get(personId)
    if (i === undefined) throw new Error(`people: unknown person "${personId}"`)
    this.sim.script(i, s, this.lastT || this.host.env.clock.now())
    // A jump is a tag switched off here and on there: the track restarts instead of waiting for
    // the filter to give up on its old position.
    if (s?.teleport) this.tracker.drop(this.people[i].tagId)
  }

  /** Simulated truth (tag position) of a person. */
  truth(personId: string): { x: number; y: number; z: number } {
    const i = this.index.get(personId)
    if (i === undefined) throw new Error(`people: unknown person "${personId}"`)
    return { ...this.sim.walkers[i].pos }
  }

  /** A place on the walk network inside a zone (for scripts), or null. */
  pointInZone(zoneId: string): { e: number; n: number } | null {
    const ring = this.zoneRings.get(zoneId)
    if (!ring) return null
    const net = this.sim.router.net
    for (let s = 0; s < net.ax.length; s++)
      for (const f of [0.5, 0.25, 0.75]) {
        const p = this.sim.router.point({ seg: s, f })
        if (inRing(ring, p.x, p.y)) return { e: p.x, n: p.y }
      }
    return null
  }
}

/** Scenes with people: the mine's personnel, or derived park personnel; null when nobody can walk anywhere. */
export const peopleModule: HostModuleFactory = (host) => {
  const scene = host.loaded.scene
  const people = scene.personnel.length ? scene.personnel : scene.kind === 'park' ? parkPersonnel(scene) : []
  if (!people.length) return null
  const layout = peopleLayout(scene)
  if (layout.network.ax.length === 0 || layout.anchors.length < 3) return null
  return new PeopleModule(host, layout, people)
}

/** The people module of a host, if it has one. */
export function peopleOf(host: SceneHost): PeopleModule | undefined {
  return host.modules.find((m): m is PeopleModule => m instanceof PeopleModule)
}
