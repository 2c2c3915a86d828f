/**
 * `npm run -s drill -- --scene DIR --scenario FILE --report OUT.json [--db FILE]`
 * Runs a drill scenario headless at full speed and writes the incident report (JSON). Exit 2 on
 * bad arguments or a bad scenario (the bad field is named), 1 on an internal failure.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { DrillInputError, runDrill } from '../drill/runDrill'
import { SceneLoadError } from '../scenes/sceneRepository'
import { defaultDrillModules } from '../drill/modules'

function fail(msg: string, code = 2): never {
  process.stderr.write(`drill: ${msg}\n`)
  process.exit(code)
}

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith('--'))
      fail(`unexpected argument "${a}" (usage: --scene DIR --scenario FILE --report OUT.json [--db FILE])`)
    const v = argv[i + 1]
    if (v === undefined || v.startsWith('--')) fail(`${a} needs a value`)
    out[a.slice(2)] = v
    i++
  }
  return out
}

async function main(): Promise<void> {
  const a = args(process.argv.slice(2))
  for (const k of ['scene', 'scenario', 'report'])
    if (!a[k]) fail(`--${k} is required (usage: --scene DIR --scenario FILE --report OUT.json)`)
  for (const k of Object.keys(a)) if (!['scene', 'scenario', 'report', 'db'].includes(k)) fail(`unknown option --${k}`)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(a.scenario, 'utf8'))
  } catch (e) {
    fail(`scenario: cannot read ${a.scenario}: ${(e as Error).message}`)
  }
  try {
    const { report } = await runDrill({
      sceneDir: a.scene,
      scenario: raw,
      dbFile: a.db,
      modules: defaultDrillModules(),
    })
    writeFileSync(a.report, JSON.stringify(report, null, 2) + '\n')
    const iv = report.intervals
    process.stdout.write(
      `drill ${report.scenario?.id}: ${report.log.events} events, ${report.alarms.raised} alarms, first alarm after leak ${iv.first_alarm_after_leak_s ?? '—'} s → ${a.report}\n`,
    )
  } catch (e) {
    if (e instanceof DrillInputError) fail(`scenario: ${e.problems.join('; ')}`)
    if (e instanceof SceneLoadError) fail(`scene: ${e.message}`)
    fail((e as Error).stack ?? String(e), 1)
  }
}

void main()
