/**
 * `npm run bench`: runs every test/bench/*.bench.ts in its own process, one after another
 * (so one benchmark's garbage and JIT state cannot skew the next), and passes through their
 * stdout. Each benchmark prints one JSON line per figure:
 *   {"name":"…","unit":"…","median":…,"n":…, …optional reference fields}
 * Pass a substring to run only matching files: `npm run bench -- dispersion`.
 */
import { readdirSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const dir = fileURLToPath(new URL('.', import.meta.url))
const filter = process.argv[2] ?? ''
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort()
let failed = 0
for (const f of files) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' })
  if (r.status !== 0) {
    failed++
    console.error(`bench ${f} exited with ${r.status}`)
  }
}
process.exit(failed ? 1 : 0)
