/**
 * The headless drill runner: a scenario played into the scene at full speed on a virtual clock,
 * with the same host, alarm engine, plume and log as the live server. Same scenario + seed →
 * byte-identical report (wall time in the log is the virtual clock, so even the hash chain repeats).
 */
import { join } from 'node:path'
import { VirtualClock } from '@sim/core/clock'
import { createRng } from '@sim/core/rng'
import { resolveScene } from '@sim/scene/resolveScene'
import { checkScenarioAgainstScene, parseDrillScenario, type DrillScenario } from '@sim/drills/scenarioSchema'
import { loadSceneFile } from '../scenes/sceneRepository'
import { SceneHost } from '../scene/sceneHost'
import { SqliteEventStore } from '../store/sqliteEventStore'
import type { StoredEvent } from '../store/eventStore'
import { playScenario } from './drillScript'
import { buildReport, type DrillReport, type ReportContributor } from './drillReport'
import { defaultDrillModules } from './modules'
import { webhookOutboxModule } from '../notify/webhookOutbox'

export class DrillInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
  }
}

export interface DrillRun {
  report: DrillReport
  events: StoredEvent[]
  host: SceneHost
}

export interface RunDrillOptions {
  sceneDir: string
  scenario: unknown
  /** Keep the drill's log in this SQLite file (for replaying it later); default in memory. */
  dbFile?: string
  /** Feature modules that add to the host and the report (response, dispatch, people). */
  modules?: ((host: SceneHost) => ReportContributor | void)[]
  /** Called every simulated minute (progress for long drills). */
  onProgress?: (t_s: number) => void
}

export async function runDrill(opts: RunDrillOptions): Promise<DrillRun> {
  const parsed = parseDrillScenario(opts.scenario)
  if (!parsed.ok) throw new DrillInputError(parsed.errors)
  const s: DrillScenario = parsed.scenario
  const scene = loadSceneFile(join(opts.sceneDir, 'scene.json'))
  const problems = checkScenarioAgainstScene(s, scene)
  if (problems.length) throw new DrillInputError(problems)

  const t0 = Date.parse(s.start)
  const clock = new VirtualClock(t0)
  const store = new SqliteEventStore(opts.dbFile ?? ':memory:', () => clock.now())
  const rng = createRng(s.seed)
  const host = new SceneHost(
    { scene, resolved: resolveScene(scene), dir: opts.sceneDir },
    {
      clock,
      rng: rng.fork(`scene:${scene.id}`),
      store,
      simulate: true,
      drill: true,
      emitFrame: () => {},
      emitEvent: () => {},
      // Drill notifications go to the drill sink (marked delivered), never to real endpoints.
      modules: [webhookOutboxModule({ urls: {}, drills: false }, clock)],
    },
  )
  const contributors = (opts.modules ?? defaultDrillModules())
    .map((m) => m(host))
    .filter((c): c is ReportContributor => !!c)
  const script = playScenario(host, clock, s, t0)
  host.start()
  const end = t0 + s.duration_s * 1000
  let nextProgress = t0 + 60_000
  while (clock.now() < end) {
    clock.advance(Math.min(100, end - clock.now()))
    // Let this tick's appends and scripted actions finish before time moves on, as they would
    // in a live room where 100 ms is an age for the event loop.
    await script.settled()
    await host.idle()
    if (clock.now() >= nextProgress) {
      opts.onProgress?.(Math.round((clock.now() - t0) / 1000))
      nextProgress += 60_000
    }
  }
  host.stop()
  script.cancel()
  await script.settled()
  await host.idle()
  const events = await store.read(scene.id)
  const chain = await store.verify(scene.id)
  const report = buildReport({
    events,
    sceneId: scene.id,
    scenario: { id: s.id, name: s.name, seed: s.seed, start: new Date(t0).toISOString(), duration_s: s.duration_s },
    t0,
    chainVerified: chain.ok,
    notes: script.notes,
    contributors,
  })
  await store.close()
  return { report, events, host }
}
