/**
 * Dispersion benchmarks (`npm run bench -- dispersion`):
 * - plume field 512×512, one source (goal ≤ 5 ms on one core)
 * - puff field, 200 puffs on 256×256
 * - threat-zone contours (3 levels) from a 512² field (goal ≤ 5 ms)
 */
import { timeIt } from './harness'
import { parseCase } from '@sim/dispersion/caseInput'
import { resolveScenario } from '@sim/dispersion/scenario'
import { buildProfile, fillField, gridReach, scenarioField, type GridSpec } from '@sim/dispersion/field'
import { threatZonesFromField } from '@sim/dispersion/zones'
import { createPuffState, releasePuff, advancePuffs, puffField } from '@sim/dispersion/puffs'

const parsed = parseCase({
  substance: 'NH3',
  source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1 },
  weather: { wind_speed_m_s: 3, wind_from_deg: 45, obukhov_length_m: 120, roughness_m: 0.1 },
})
if (!parsed.ok) throw new Error(parsed.error)
const s = resolveScenario(parsed.value)
const g512: GridSpec = { originE: -1280, originN: -1280, cellM: 5, nx: 512, ny: 512 }
const out512 = new Float32Array(512 * 512)
const prof = buildProfile(s, gridReach(g512, 0, 0), g512.cellM / 2, 0)

timeIt(
  'dispersion: plume field 512x512, one source (profile + fill)',
  () => scenarioField(s, g512, { out: out512, profile: prof }),
  {
    n: 40,
    extra: { goal_ms: 5 },
  },
)
timeIt(
  'dispersion: plume field 512x512, fill only (profile reused)',
  () => fillField(prof, s.downE, s.downN, 0, 0, g512, out512),
  {
    n: 40,
  },
)

const st = createPuffState(256)
const wind = { speedMs: 3, fromDeg: 250, stabilityIndex: 3, sigmaSet: 'briggs-rural' as const, mixingHeightM: 800 }
for (let i = 0; i < 200; i++) {
  releasePuff(st, 1, 0, 0, 1)
  advancePuffs(st, { ...wind, fromDeg: 250 + 20 * Math.sin(i / 30) }, 5)
}
const g256: GridSpec = { originE: -500, originN: -1500, cellM: 8, nx: 256, ny: 256 }
const out256 = new Float32Array(256 * 256)
timeIt('dispersion: puff field 200 puffs on 256x256', () => puffField(st, g256, 0, 800, out256), { n: 40 })

scenarioField(s, g512, { out: out512, profile: prof })
timeIt(
  'dispersion: threat-zone contours, 3 levels, 512x512 field',
  () => threatZonesFromField(out512, g512, [21, 112, 770], { e: 0, n: 0 }, s.downE, s.downN),
  {
    n: 40,
    extra: { goal_ms: 5 },
  },
)
