/**
 * Headless drills: the demo scenarios validate against their scenes, a run gives the report the
 * log implies, the same scenario and seed give a byte-identical report, a different seed does
 * not, and bad scenario files are refused with the field named (CLI exit code 2).
 */
import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseDrillScenario, checkScenarioAgainstScene } from '@sim/drills/scenarioSchema'
import { loadSceneFile } from '@server/scenes/sceneRepository'
import { runDrill, DrillInputError } from '@server/drill/runDrill'

const ROOT = join(__dirname, '../../..')
const scenario = (scene: string, file: string) =>
  JSON.parse(readFileSync(join(ROOT, 'scenes', scene, 'drills', file), 'utf8'))

describe('drill scenarios', () => {
  for (const scene of ['demo-park', 'demo-mine'])
    for (const file of readdirSync(join(ROOT, 'scenes', scene, 'drills')))
      it(`${scene}/${file} validates against its scene`, () => {
        const p = parseDrillScenario(scenario(scene, file))
        expect(p.ok ? [] : p.errors).toEqual([])
        if (!p.ok) return
        expect(checkScenarioAgainstScene(p.scenario, loadSceneFile(join(ROOT, 'scenes', scene, 'scene.json')))).toEqual(
          [],
        )
      })
})

/** The same scenario cut to its first `d` seconds (items scheduled later are dropped). */
function shorten(s: Record<string, unknown>, d: number) {
  const keep = (k: string) => ((s[k] as { at_s: number }[] | undefined) ?? []).filter((x) => x.at_s <= d)
  return {
    ...s,
    duration_s: d,
    weather: keep('weather'),
    leaks: keep('leaks'),
    faults: keep('faults'),
    actions: keep('actions'),
  }
}

describe('headless drill runner', () => {
  const short = shorten(scenario('demo-park', 'chlorine-tank-leak.json'), 600) as ReturnType<typeof shorten> & {
    seed: number
  }

  it('is deterministic: same scenario and seed → byte-identical report; another seed differs', async () => {
    const a = await runDrill({ sceneDir: join(ROOT, 'scenes/demo-park'), scenario: short })
    const b = await runDrill({ sceneDir: join(ROOT, 'scenes/demo-park'), scenario: short })
    expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report))
    const c = await runDrill({ sceneDir: join(ROOT, 'scenes/demo-park'), scenario: { ...short, seed: short.seed + 1 } })
    expect(JSON.stringify(c.report)).not.toBe(JSON.stringify(a.report))

    const r = a.report
    expect(r.drill).toBe(true)
    expect(a.events.every((e) => e.drill)).toBe(true)
    expect(r.log.chainVerified).toBe(true)
    expect(r.log.headHash).toBe(a.events.at(-1)!.hash)
    // The leak starts at 60 s, detectors near the tank alarm within seconds.
    expect(r.intervals.leak_start_s).toBe(60)
    expect(r.intervals.first_alarm_after_leak_s).toBeGreaterThan(0)
    expect(r.intervals.first_alarm_after_leak_s).toBeLessThan(60)
    expect(r.leaks[0]).toMatchObject({ substance: 'Cl2', sourceId: 'CA-T101', started_s: 60 })
    // The response plan closes the isolation valves at the first toxic alarm; the leak then only
    // gives up the trapped hold-up (200 kg in the plant model) and stops — far less than 3 kg/s
    // for the whole run would have released.
    expect(r.intervals.alarm_to_valves_closed_s).toBeLessThanOrEqual(180) // the pilot's 3 minutes
    expect(r.intervals.alarm_to_fire_brigade_s).toBeLessThanOrEqual(300) // and 5 minutes
    expect(r.leaks[0].stopped_s).not.toBeNull()
    expect(r.leaks[0].released_kg).toBeGreaterThan(200)
    expect(r.leaks[0].released_kg).toBeLessThan(3 * (r.intervals.valves_closed_s! - 60) + 200 * 1.2)
    // The cloud left the plant: park tier active; scripted participants were judged against deadlines.
    expect(r.intervals.park_tier_active_s).not.toBeNull()
    expect(r.compliance.some((c) => c.met === true)).toBe(true)
    expect(r.compliance.some((c) => c.met === false)).toBe(true)
    // The scripted acknowledgement at 150 s appears with its actor.
    const acks = r.timeline.filter((e) => e.type === 'alarm.acknowledged')
    expect(acks.length).toBeGreaterThan(0)
    expect(acks[0]).toMatchObject({ t_s: 150, actor: 'qinglan-chloralkali/operator-wang' })
    // The scripted offline fault at 300 s shows as the device going offline ~30 s later.
    const off = r.timeline.find((e) => e.type === 'device.offline' && e.actor === 'CA-GT003')
    expect(off?.t_s).toBeGreaterThan(300)
    expect(off?.t_s).toBeLessThan(340)
    // Threat zones grow while the leak runs.
    const reach = r.zones.map((z) => z.aegl[0].maxDistance_m)
    expect(Math.max(...reach)).toBeGreaterThan(200)
    // The park commander confirms the open recommendations at 200 s: park and county units
    // drive safe routes to the incident and arrive; no route or position entered AEGL-3.
    const units = r.dispatch as {
      unitId: string
      by: string
      dispatched_s: number
      arrived_s: number | null
      routesSafe: boolean
      forbidden_m: number
      enteredForbiddenZone: boolean
    }[]
    expect(units.map((u) => u.unitId)).toEqual(expect.arrayContaining(['PK-E1', 'PK-HZ1', 'GOV-ENV1']))
    for (const u of units) {
      expect(u).toMatchObject({
        by: 'park/commander-chen',
        dispatched_s: 200,
        routesSafe: true,
        forbidden_m: 0,
        enteredForbiddenZone: false,
      })
      expect(u.arrived_s).toBeGreaterThan(200)
    }
  }, 120_000)

  it('refuses a bad scenario with the field named', async () => {
    const bad = { ...short, leaks: [{ at_s: 10, sourceId: 'NO-SUCH-TANK', rate_kg_s: 1 }] }
    await expect(runDrill({ sceneDir: join(ROOT, 'scenes/demo-park'), scenario: bad })).rejects.toThrow(
      /leaks\[0\]\.sourceId/,
    )
    const bad2 = { ...short, weather: [{ at_s: 0, wind_speed_m_s: -3, wind_from_deg: 10, air_temp_c: 20 }] }
    await expect(runDrill({ sceneDir: join(ROOT, 'scenes/demo-park'), scenario: bad2 })).rejects.toBeInstanceOf(
      DrillInputError,
    )
  })

  it('CLI: writes the report; exit 2 naming the field for a bad scenario or missing arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'drill-cli-'))
    const file = join(dir, 's.json')
    writeFileSync(file, JSON.stringify(shorten(short, 90)))
    const ok = spawnSync(
      'npx',
      [
        'tsx',
        'server/src/cli/drill.ts',
        '--scene',
        'scenes/demo-park',
        '--scenario',
        file,
        '--report',
        join(dir, 'r.json'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(ok.status).toBe(0)
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))
    expect(report.format).toBe('safetwin.incident-report/1')
    writeFileSync(file, JSON.stringify({ ...short, duration_s: 'long' }))
    const bad = spawnSync(
      'npx',
      [
        'tsx',
        'server/src/cli/drill.ts',
        '--scene',
        'scenes/demo-park',
        '--scenario',
        file,
        '--report',
        join(dir, 'r2.json'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    )
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/duration_s/)
    const missing = spawnSync('npx', ['tsx', 'server/src/cli/drill.ts', '--scene', 'scenes/demo-park'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/--scenario is required/)
  }, 120_000)
})
