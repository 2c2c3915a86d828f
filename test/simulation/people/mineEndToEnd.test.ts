/**
 * End to end on the demo mine, all pure: miners walk the roadways (simulateUwb: noise, bias,
 * NLOS, dropouts), the live tracker follows them on the roadway network, the zone engine counts
 * tracked people per zone; the counts must equal the counts of the true positions ≥ 95 % of the time.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createRng } from '@sim/core/rng'
import { toLocal } from '@sim/geo/frames'
import { simulateUwb, type Anchor } from '@sim/positioning'
import { parseScene } from '@sim/scene/parseScene'
import { mineNetwork, RoadwayTagTracker, ZoneEngine, zonesFromScene, type PersonPosition } from '@sim/people'

const r = parseScene(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../scenes/demo-mine/scene.json'), 'utf8')),
)
if (!r.ok) throw new Error(r.errors.join('\n'))
const scene = r.scene

describe('demo mine: simulated miners → UWB → tracker → zone counts', () => {
  it('tracked counts per zone equal the truth ≥ 95 % of the time', () => {
    const network = mineNetwork(scene)
    const anchors: Anchor[] = scene.uwbAnchors.map((a) => {
      const l = toLocal(scene.origin, a.position)
      return { id: a.id, x: l.e, y: l.n, z: a.height_m }
    })
    const tags = 40
    const sim = simulateUwb({
      anchors,
      network,
      tags,
      duration_s: 90,
      noiseSigma_m: 0.1,
      bias_m: 0.2,
      nlosRatePerS: 0.03,
      nlosMean_m: 0.6,
      spikeProb: 0.01,
      dropoutProb: 0.1,
      maxRange_m: 60,
      rng: createRng(2024),
    })
    const tracker = new RoadwayTagTracker({
      anchors,
      sigma_m: 0.1,
      estimateBias: true,
      network,
      roadHalfWidth_m: 2.5,
      tagHeightAboveRoad_m: 1,
    })
    const truthZones = new ZoneEngine(zonesFromScene(scene), { hysteresis_m: 0 })
    const trackedZones = new ZoneEngine(zonesFromScene(scene))
    const zoneIds = scene.zones.map((z) => z.id)
    let agree = 0
    let total = 0
    let fixes = 0
    let occupancy = 0
    const perZone = new Map(zoneIds.map((z) => [z, { agree: 0, total: 0 }]))
    const T0 = 1.7e12
    for (let k = 0; k * tags < sim.epochs.length; k++) {
      const truth: PersonPosition[] = []
      const tracked: PersonPosition[] = []
      for (let i = k * tags; i < (k + 1) * tags; i++) {
        const ep = sim.epochs[i]
        const tr = sim.truth[i]
        truth.push({ id: tr.tag, e: tr.x, n: tr.y, u: tr.z })
        const fix = tracker.update(ep.tag, ep.t_s, ep.ranges)
        if (fix) tracked.push({ id: fix.tag, e: fix.x, n: fix.y, u: fix.z })
        if (fix && k >= 30) fixes++
      }
      const t = T0 + k * 100
      truthZones.update(t, truth)
      trackedZones.update(t, tracked)
      if (k < 30) continue // the first 3 s: tracks starting up
      const a = truthZones.counts()
      const b = trackedZones.counts()
      for (const z of zoneIds) {
        occupancy += a[z]
        const s = perZone.get(z)!
        s.total++
        total++
        if (a[z] === b[z]) {
          s.agree++
          agree++
        }
      }
    }
    const busy = [...perZone].filter(([z]) => zoneIds.includes(z))
    console.log(
      `zone counts agree ${((100 * agree) / total).toFixed(2)} % of zone-ticks;`,
      busy.map(([z, s]) => `${z} ${((100 * s.agree) / s.total).toFixed(1)}%`).join(', '),
    )
    const ticks = total / zoneIds.length
    // The test means something: nearly every epoch gives a fix and the zones are busy.
    expect(fixes / (ticks * tags)).toBeGreaterThan(0.95)
    expect(occupancy / ticks).toBeGreaterThan(15)
    expect(agree / total).toBeGreaterThanOrEqual(0.95)
    for (const [z, s] of perZone) expect(s.agree / s.total, z).toBeGreaterThanOrEqual(0.95)
  })
})
