/**
 * Server CPU per 100 ms tick of the people module with 2,000 tagged people (the scale):
 * walkers move, each tag's simulated ranges (≤ 8 anchors, noise, bias, NLOS, dropouts) go through
 * the live RangeTracker on the network, and the PeopleMonitor runs zones, gathering, man-down.
 *  - people.host_tick_mine_2000: the demo mine (207 anchors), 2,000 people cloned from its 40 miners
 *  - people.host_tick_park_2000: the demo park (generated anchors), 2,000 derived people
 *  - people.host_frame_encode_2000: encoding one binary people frame (status bits included)
 * Budget: 100 ms per tick at 10 Hz live.
 */
import { join } from 'node:path'
import { VirtualClock } from '../../simulation/src/core/clock'
import { createRng } from '../../simulation/src/core/rng'
import { resolveScene } from '../../simulation/src/scene/resolveScene'
import { parkPersonnel } from '../../simulation/src/people'
import type { Scene } from '../../simulation/src/scene/sceneSchema'
import { loadSceneFile } from '../../server/src/scenes/sceneRepository'
import { SceneHost } from '../../server/src/scene/sceneHost'
import { SqliteEventStore } from '../../server/src/store/sqliteEventStore'
import { peopleOf } from '../../server/src/scene/peopleModule'
import { timeIt } from './harness'

const N = 2000

function hostWith(sceneId: string, people: (s: Scene) => Scene['personnel']) {
  const dir = join(import.meta.dirname, '../../scenes', sceneId)
  const scene = loadSceneFile(join(dir, 'scene.json'))
  scene.personnel = people(scene)
  const clock = new VirtualClock(Date.UTC(2026, 10, 29, 3, 0, 0))
  const host = new SceneHost(
    { scene, resolved: resolveScene(scene), dir },
    {
      clock,
      rng: createRng(1),
      store: new SqliteEventStore(':memory:'),
      simulate: true,
      record: false,
      emitFrame: () => {},
      emitEvent: () => {},
    },
  )
  const mod = peopleOf(host)!
  let t = clock.now()
  // Tracks started, walkers spread out.
  for (let k = 0; k < 50; k++) mod.onFrame((t += 100))
  return { mod, tick: () => mod.onFrame((t += 100)), now: () => t }
}

const mine = hostWith('demo-mine', (s) =>
  Array.from({ length: N }, (_, i) => {
    const p = s.personnel[i % s.personnel.length]
    return { ...p, id: `${p.id}-${i}`, tagId: `${p.tagId}-${i}` }
  }),
)
timeIt('people.host_tick_mine_2000', mine.tick, {
  n: 40,
  warmup: 5,
  extra: { people: N, anchors: mine.mod.anchors.length, budget_ms: 100 },
})

const park = hostWith('demo-park', (s) => parkPersonnel(s, { count: N }))
timeIt('people.host_tick_park_2000', park.tick, {
  n: 40,
  warmup: 5,
  extra: { people: N, anchors: park.mod.anchors.length, budget_ms: 100 },
})

timeIt('people.host_frame_encode_2000', () => void park.mod.encodeFrame(park.now()), {
  n: 200,
  warmup: 20,
  extra: { bytes: 24 + 13 * N },
})
