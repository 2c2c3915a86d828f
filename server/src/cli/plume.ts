/**
 * Batch dispersion CLI — a stable contract (docs/dispersion.md):
 *   npm run -s plume -- FILE      or      npm run -s plume -- -   (stdin)
 * Input: one case, or {"cases": [case, …]}. Output: JSON on stdout, one result per case in order.
 * Exit codes: 0 ok (in a batch, bad cases become {"error": "field: message"} entries);
 *             2 bad input (single bad case, unreadable/unparseable file, bad top level) — message on stderr.
 */
import { readFileSync } from 'node:fs'
import { runCase } from '@sim/dispersion/index'

function fail(msg: string): never {
  process.stderr.write(`plume: ${msg}\n`)
  process.exit(2)
}

function readInput(arg: string | undefined): string {
  if (!arg) fail('usage: npm run -s plume -- FILE|-')
  try {
    return arg === '-' ? readFileSync(0, 'utf8') : readFileSync(arg, 'utf8')
  } catch (e) {
    fail(`cannot read ${arg === '-' ? 'stdin' : arg}: ${(e as Error).message}`)
  }
}

function main(): void {
  const text = readInput(process.argv[2])
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    fail(`input is not valid JSON: ${(e as Error).message}`)
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'cases' in raw) {
    const cases = (raw as { cases: unknown }).cases
    if (!Array.isArray(cases)) fail('cases: expected an array of cases')
    const out = cases.map((c, i) => {
      const r = runCase(c)
      if ('error' in r) process.stderr.write(`plume: case ${i}: ${r.error}\n`)
      return r
    })
    process.stdout.write(JSON.stringify({ results: out }) + '\n')
    return
  }
  const r = runCase(raw)
  if ('error' in r) fail(r.error)
  process.stdout.write(JSON.stringify(r) + '\n')
}

main()
