/**
 * Wall time of a headless 1-hour drill: runDrill on the demo park's chlorine-tank-leak scenario
 * with duration_s raised to 3,600 (one run, in-memory log, default modules). The same loop the
 * `npm run drill` CLI runs: 36,000 ticks of the full scene (simulator, alarms, plume, response,
 * dispatch, people) on a virtual clock, then the report.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runDrill } from '@server/drill/runDrill'
import { emit, round } from './harness'

const sceneDir = fileURLToPath(new URL('../../scenes/demo-park', import.meta.url))
const scenario = JSON.parse(readFileSync(`${sceneDir}/drills/chlorine-tank-leak.json`, 'utf8')) as {
  duration_s: number
}
scenario.duration_s = 3_600

const cpu0 = process.cpuUsage()
const t0 = performance.now()
const run = await runDrill({ sceneDir, scenario })
const wall = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
emit({
  name: 'drill.headless_1h_wall',
  unit: 's',
  median: round(wall, 1),
  n: 1,
  cpu_s: round((cpu.user + cpu.system) / 1e6, 1),
  speedup: Math.round(3_600 / wall),
  devices: run.host.loaded.scene.devices.length,
  events: run.events.length,
  chain_verified: run.report.log.chainVerified,
  note: 'chlorine-tank-leak.json with duration_s 3600, one run; cpu_s is the figure to compare on a busy machine',
})
process.exit(0)
