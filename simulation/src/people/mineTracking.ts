/**
 * Live UWB tracking of tags on a mine's roadways: `RangeTracker` on the roadway network, plus
 * a start height per tag.
 *
 * Why the wrapper: a 2D range solve needs the tag's height, and before a tag has a track the
 * tracker assumes the mean height of *all* its anchors minus a metre. In a mine those anchors span
 * the shafts (0 … −385 m) and a dipping seam, so that mean is tens of metres off the tag and the
 * first fix never converges. Here, for a tag without a live track, the height is taken from the
 * roadway under the nearest anchor it hears (+ the tag height above the floor); once the track
 * runs, the tracker's own roadway constraint sets z.
 */
import { RangeTracker, type TrackerOptions } from '../positioning/tracker'
import { projectOnNetwork, type RoadNetwork } from '../positioning/roadNetwork'
import type { Anchor, Fix } from '../positioning/types'

export interface RoadwayTrackerOptions extends Omit<TrackerOptions, 'network' | 'mode' | 'height_m'> {
  anchors: readonly Anchor[]
  network: RoadNetwork
}

export class RoadwayTagTracker {
  readonly tracker: RangeTracker
  private readonly anchorById: Map<string, Anchor>
  private readonly lastFix = new Map<string, number>()
  private readonly gap_s: number
  private readonly tagHeight: number

  constructor(opts: RoadwayTrackerOptions) {
    this.tracker = new RangeTracker({ ...opts, mode: '2d' })
    this.anchorById = new Map(opts.anchors.map((a) => [a.id, a]))
    this.gap_s = this.tracker.o.gapReset_s
    this.tagHeight = opts.tagHeightAboveRoad_m ?? 1
  }

  update(tag: string, t_s: number, ranges: Record<string, number>): Fix | null {
    const last = this.lastFix.get(tag)
    const live = last !== undefined && t_s - last <= this.gap_s
    // `o` is the tracker's option object; the start height is consulted only while the tag has no track.
    this.tracker.o.height_m = live ? undefined : this.startHeight(ranges)
    const fix = this.tracker.update(tag, t_s, ranges)
    this.tracker.o.height_m = undefined
    if (fix) this.lastFix.set(tag, t_s)
    return fix
  }

  drop(tag: string): void {
    this.tracker.drop(tag)
    this.lastFix.delete(tag)
  }

  private startHeight(ranges: Record<string, number>): number | undefined {
    let best: Anchor | undefined
    let bestR = Infinity
    for (const id in ranges) {
      const a = this.anchorById.get(id)
      const r = ranges[id]
      if (a && Number.isFinite(r) && r < bestR) {
        bestR = r
        best = a
      }
    }
    if (!best) return undefined
    const p = projectOnNetwork(this.tracker.o.network!, best.x, best.y)
    return p ? p.z + this.tagHeight : best.z - 2
  }
}
