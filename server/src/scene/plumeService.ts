/**
 * The leak and its cloud in the live twin. Folds leak/weather events, watches the met station to
 * log the wind the plume uses, steps the puff model once a second, feeds each gas detector the
 * concentration at its position (so detectors — and therefore alarms — react to the simulated
 * cloud the way real ones would), and every 2 s sends the field and threat zones to screens and
 * logs what the zones reach (fence, boundary, sensitive targets) for the response machine.
 */
import {
  initialTwinState,
  reduceTwin,
  type TwinBody,
  type TwinState,
  type PlumeZonesUpdated,
  type ZoneReach,
} from '@sim/twin/leakEvents'
import {
  computeField,
  concentrationAt,
  createPlumeModel,
  plumeUpdate,
  stepPlume,
  zoneWire,
  zonesFor,
  type PlumeModel,
} from '@sim/twin/plumeModel'
import type { PlumeUpdate } from '@sim/twin/plumeWire'
import { zoneReach, type ReachContext } from '@sim/twin/zoneReach'
import { stabilityFromTurner } from '@sim/dispersion/meteorology'
import { findSubstance, mgM3ToPpm } from '@sim/dispersion/substances/properties'
import { ringToLocal, toLocal } from '@sim/geo/frames'
import type { LoadedScene } from '../scenes/sceneRepository'
import type { SceneRuntime } from '../sim/sceneRuntime'

export interface PlumeServiceDeps {
  loaded: LoadedScene
  runtime: SceneRuntime
  drill: boolean
  /** Append twin event bodies to the log (source = who/what, operator = person or null). */
  append: (items: { body: TwinBody; source: string; operator: string | null }[]) => void
  emitPlume: (update: PlumeUpdate) => void
  /** Release rate of a leak from `sourceId` after isolation (the response machine's plant model). */
  releaseRate?: (sourceId: string, rate0: number, t: number) => number
}

const WEATHER_TAU_S = 60

export class PlumeService {
  readonly twin: TwinState = initialTwinState()
  private model: PlumeModel | null = null
  private frame = 0
  private u = NaN
  private v = NaN
  private temp = NaN
  private lastLoggedWeatherAt = -Infinity
  /** A drill that scripts the weather owns it: met observations are not logged meanwhile. */
  weatherScripted = false
  private readonly met: { ws: number; wd: number; t: number }
  private readonly gas: {
    idx: number
    e: number
    n: number
    z: number
    substanceId: string
    lelPct: number | null
    molarMass: number
    kind: 'ppm' | 'lel'
  }[]
  private readonly reach: ReachContext
  private lastReach = new Map<string, string>()
  private lastUpdate: PlumeUpdate | null = null

  constructor(private readonly deps: PlumeServiceDeps) {
    const { scene, resolved } = deps.loaded
    const ix = resolved.deviceIndex
    this.met = {
      ws: ix.get(scene.metStation.windSpeedDevice)!,
      wd: ix.get(scene.metStation.windDirectionDevice)!,
      t: ix.get(scene.metStation.airTemperatureDevice)!,
    }
    this.gas = []
    scene.devices.forEach((d, i) => {
      if ((d.type !== 'gas_toxic' && d.type !== 'gas_combustible') || !d.substance) return
      const s = findSubstance(d.substance)
      if (!s) return
      const p = resolved.devicePositions
      this.gas.push({
        idx: i,
        e: p[3 * i],
        n: p[3 * i + 1],
        z: Math.max(0.3, d.height_m),
        substanceId: s.id,
        lelPct: s.lelPct,
        molarMass: s.molarMass,
        kind: d.type === 'gas_toxic' ? 'ppm' : 'lel',
      })
    })
    this.reach = {
      boundary: resolved.boundaryLocal,
      fences: resolved.fencesLocal,
      targets: scene.sensitiveTargets.map((t) => {
        const p = toLocal(resolved.origin, t.position)
        return { id: t.id, e: p.e, n: p.n, ring: t.footprint ? ringToLocal(resolved.origin, t.footprint) : null }
      }),
    }
  }

  /** Restore the folded leak/weather state from a keyframe (the cloud is rebuilt by stepping). */
  restoreTwin(t: TwinState): void {
    this.twin.leaks = JSON.parse(JSON.stringify(t.leaks))
    this.twin.weather = t.weather
    this.twin.lastZones = JSON.parse(JSON.stringify(t.lastZones))
    const first = Object.values(this.twin.leaks).reduce((m, l) => Math.min(m, l.startedAt), Infinity)
    this.model = first < Infinity ? createPlumeModel({ t0: first }) : null
  }

  apply(e: { type: string }): void {
    reduceTwin(this.twin, e)
    if (e.type === 'leak.started' && !this.model)
      this.model = createPlumeModel({ t0: (e as unknown as { at: number }).at })
  }

  get hasCloud(): boolean {
    return (
      this.model !== null &&
      (this.model.puffs.count > 0 || Object.values(this.twin.leaks).some((l) => l.stoppedAt === null))
    )
  }

  /** Called every 100 ms frame, before alarm evaluation (so the overlay is in this frame's readings). */
  onFrame(t: number): void {
    this.smoothWeather()
    if (++this.frame % 10 !== 0) return
    this.maybeLogWeather(t)
    if (!this.model) return
    this.followIsolation(t)
    stepPlume(this.model, this.twin, t)
    computeField(this.model)
    this.updateOverlay()
    if (this.frame % 20 === 0) this.publish(t)
  }

  private smoothWeather(): void {
    const vals = this.deps.runtime.values
    const ws = vals[this.met.ws]
    const wd = vals[this.met.wd]
    const ta = vals[this.met.t]
    // Vector-average the wind (u, v): averaging directions as numbers breaks at north.
    if (ws === ws && wd === wd) {
      const r = (wd * Math.PI) / 180
      const u = ws * Math.sin(r)
      const v = ws * Math.cos(r)
      const a = 0.1 / WEATHER_TAU_S
      this.u = this.u === this.u ? this.u + a * (u - this.u) : u
      this.v = this.v === this.v ? this.v + a * (v - this.v) : v
    }
    if (ta === ta) this.temp = this.temp === this.temp ? this.temp + (0.1 / WEATHER_TAU_S) * (ta - this.temp) : ta
  }

  private maybeLogWeather(t: number): void {
    if (this.weatherScripted || !(this.u === this.u)) return
    const speed = Math.hypot(this.u, this.v)
    const from = ((Math.atan2(this.u, this.v) * 180) / Math.PI + 360) % 360
    const temp = this.temp === this.temp ? this.temp : 20
    const w = this.twin.weather
    const dDir = w ? Math.abs(((from - w.wind_from_deg + 540) % 360) - 180) : Infinity
    const changed = !w || dDir > 10 || Math.abs(speed - w.wind_speed_m_s) > 0.5 || Math.abs(temp - w.air_temp_c) > 2
    if (!changed && t - this.lastLoggedWeatherAt < 300_000) return
    this.lastLoggedWeatherAt = t
    const stability = stabilityFromTurner({
      windSpeed10: speed,
      isDay: isDaytime(t, this.deps.loaded.scene.origin.lng),
    })
    this.deps.append([
      {
        body: {
          type: 'weather.observed',
          at: t,
          wind_speed_m_s: round(speed, 2),
          wind_from_deg: round(from, 1),
          air_temp_c: round(temp, 1),
          stability,
          source: 'met_station',
        },
        source: this.deps.loaded.scene.metStation.id,
        operator: null,
      },
    ])
  }

  /**
   * Closed isolation valves starve a leak: once the plant model's rate moves by a tenth of the
   * initial rate (or reaches zero) it is logged, so the cloud — and every replay — follows it.
   */
  private followIsolation(t: number): void {
    if (!this.deps.releaseRate) return
    const items: { body: TwinBody; source: string; operator: null }[] = []
    for (const l of Object.values(this.twin.leaks)) {
      if (l.stoppedAt !== null || !l.sourceId) continue
      const r = this.deps.releaseRate(l.sourceId, l.rate0_kg_s, t)
      if (r <= 0)
        items.push({
          body: {
            type: 'leak.stopped',
            leakId: l.leakId,
            at: t,
            reason: 'isolated: valves closed, trapped inventory released',
          },
          source: 'plant',
          operator: null,
        })
      else if (Math.abs(r - l.rate_kg_s) >= 0.1 * l.rate0_kg_s)
        items.push({
          body: {
            type: 'leak.rate_changed',
            leakId: l.leakId,
            at: t,
            rate_kg_s: Math.round(r * 1000) / 1000,
            reason: 'isolation valves closed',
          },
          source: 'plant',
          operator: null,
        })
    }
    if (items.length) this.deps.append(items)
  }

  private updateOverlay(): void {
    const m = this.model!
    const overlay = this.deps.runtime.overlay
    const leaks = Object.values(this.twin.leaks)
    for (const g of this.gas) {
      // Only the detector's own target gas registers (a Cl2 cell does not see ammonia).
      if (!leaks.some((l) => findSubstance(l.substance)?.id === g.substanceId)) {
        overlay[g.idx] = 0
        continue
      }
      const c = concentrationAt(m, g.e, g.n, g.z)
      const ppm = mgM3ToPpm(c, g.molarMass)
      overlay[g.idx] = g.kind === 'ppm' ? ppm : g.lelPct ? (100 * ppm) / (g.lelPct * 1e4) : 0
    }
  }

  private publish(t: number): void {
    const m = this.model!
    const w = this.twin.weather
    const zones: PlumeUpdate['zones'] = []
    const logged: { body: PlumeZonesUpdated; source: string; operator: null }[] = []
    for (const l of Object.values(this.twin.leaks)) {
      const zs = zonesFor(m, l, w?.wind_from_deg ?? 0)
      for (const z of zs) if (z.ring) zones.push(zoneWire(l.leakId, z)!)
      const find = (k: number) => zs.find((z) => z.label.startsWith(`AEGL-${k}`)) ?? zs[k - 1]
      const r2 = zoneReach(find(2)?.ring ?? null, l.enterpriseId, this.reach)
      const r3 = zoneReach(find(3)?.ring ?? null, l.enterpriseId, this.reach)
      const key = JSON.stringify([r2, r3, zs.map((z) => Math.round(z.maxDistanceM / 50))])
      if (this.lastReach.get(l.leakId) !== key) {
        this.lastReach.set(l.leakId, key)
        logged.push({
          body: {
            type: 'plume.zones_updated',
            at: t,
            leakId: l.leakId,
            zones: zs.map((z) => ({
              label: z.label,
              level_mg_m3: round(z.levelMgM3, 3),
              maxDistance_m: Math.round(z.maxDistanceM),
              area_m2: Math.round(z.areaM2),
            })),
            aegl2: r2 satisfies ZoneReach,
            aegl3: r3,
          },
          source: 'plume',
          operator: null,
        })
      }
    }
    if (logged.length) this.deps.append(logged)
    const update = plumeUpdate(m, this.twin, zones, { sceneId: this.deps.loaded.scene.id, t, drill: this.deps.drill })
    this.lastUpdate = update
    this.deps.emitPlume(update)
  }

  /** Concentration now at a point (mg/m³, breathing height by default); 0 without a cloud. For people's exposure. */
  concentrationAt(e: number, n: number, z = 1.5): number {
    return this.model ? concentrationAt(this.model, e, n, z) : 0
  }

  /** The newest plume picture, for screens that join mid-incident. */
  latest(): PlumeUpdate | null {
    return this.lastUpdate
  }
}

function round(x: number, d: number): number {
  const f = 10 ** d
  return Math.round(x * f) / f
}

/** Daytime by local solar time (06–18 h): enough for the Turner key's day/night column. */
export function isDaytime(t: number, lng: number): boolean {
  const solarHour = (((t / 3_600_000 + lng / 15) % 24) + 24) % 24
  return solarHour >= 6 && solarHour < 18
}
