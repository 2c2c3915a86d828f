/**
 * One object for the server's people tick: zones → gathering → man-down → exposure, in that order
 * (gathering and man-down read the zones of the same tick). Feed it the tick's fixes mapped to
 * people; it returns plain JSON event bodies for the event log, and `snapshot()` gives what the
 * client shows (counts per zone, gatherings, people down, the triage list).
 */
import type { Scene } from '../scene/sceneSchema'
import type { Person } from '../scene/mineSchema'
import {
  ExposureTracker,
  type ConcentrationAt,
  type ExposureCategoryRaised,
  type ExposureOptions,
  type LevelsOfConcern,
  type TriageEntry,
} from './exposure'
import { GatheringDetector, type Gathering, type GatheringEvent, type GatheringOptions } from './gathering'
import { ManDownDetector, type ManDownEvent, type ManDownOptions } from './manDown'
import { threatZoneDefs, ZoneEngine, zonesFromScene, type ZoneEngineOptions, type ZoneEvent } from './zones'
import type { PersonPosition } from './types'

export type PeopleEvent = ZoneEvent | GatheringEvent | ManDownEvent | ExposureCategoryRaised

export interface PeopleMonitorOptions {
  zones?: ZoneEngineOptions
  gathering?: GatheringOptions
  manDown?: ManDownOptions
  exposure?: Omit<ExposureOptions, 'levels'>
}

export interface PeopleSnapshot {
  t: number
  counts: Record<string, number>
  gatherings: Gathering[]
  down: string[]
  triage: TriageEntry[]
}

export class PeopleMonitor {
  readonly zones: ZoneEngine
  readonly gathering: GatheringDetector
  readonly manDown: ManDownDetector
  exposure: ExposureTracker | null = null
  private lastT = 0

  constructor(
    scene: Scene,
    private readonly opts: PeopleMonitorOptions = {},
  ) {
    this.zones = new ZoneEngine(zonesFromScene(scene), opts.zones)
    this.gathering = new GatheringDetector(opts.gathering)
    // Refuge chambers are rest areas as well as offices: people wait there, still, on purpose.
    const refugeZones = (scene.mine?.refugeChambers ?? []).flatMap((c) => (c.zoneId ? [c.zoneId] : []))
    this.manDown = new ManDownDetector({
      ...opts.manDown,
      restZoneIds: [...(opts.manDown?.restZoneIds ?? []), ...refugeZones],
    })
  }

  /**
   * Starts (or replaces) exposure tracking for a release: the substance's levels of concern in
   * mg/m³ (e.g. `aeglMgM3(findSubstance('Cl2'), k, 60)` from the dispersion engine). Doses so far
   * are kept unless `reset`.
   */
  setExposureLevels(levels: LevelsOfConcern, reset = false): void {
    const prev = reset ? null : this.exposure
    this.exposure = new ExposureTracker({ ...this.opts.exposure, levels })
    if (prev) for (const x of prev.all()) this.exposure.restore(x)
  }

  /** Threat zones of a release (contours in metres from the source) as dynamic zones. */
  setThreatZones(
    releaseId: string,
    levels: readonly { label: string; rings: readonly (Float64Array | readonly number[])[] }[],
    sourceE = 0,
    sourceN = 0,
  ): void {
    this.zones.setZones(`threat:${releaseId}`, threatZoneDefs(`threat:${releaseId}`, levels, sourceE, sourceN))
  }

  clearThreatZones(releaseId: string): void {
    this.zones.clearZones(`threat:${releaseId}`)
  }

  /** One tick at time `t` (ms). `concentration` only while a release is being modelled. */
  update(t: number, positions: readonly PersonPosition[], concentration?: ConcentrationAt): PeopleEvent[] {
    this.lastT = t
    const events: PeopleEvent[] = this.zones.update(t, positions)
    for (const e of this.gathering.update(t, positions, this.zones)) events.push(e)
    for (const e of this.manDown.update(t, positions, this.zones)) events.push(e)
    if (this.exposure && concentration)
      for (const e of this.exposure.update(t, positions, concentration)) events.push(e)
    return events
  }

  snapshot(): PeopleSnapshot {
    return {
      t: this.lastT,
      counts: this.zones.counts(),
      gatherings: this.gathering.active(),
      down: this.manDown.down(),
      triage: this.exposure ? this.exposure.triage() : [],
    }
  }
}

/** tag id → person, for turning UWB fixes into people. */
export function personnelByTag(people: readonly Person[]): Map<string, Person> {
  return new Map(people.map((p) => [p.tagId, p]))
}
