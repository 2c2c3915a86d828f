/**
 * Batch UWB positioning — the `npm run -s uwb -- FILE|-` contract (docs/positioning.md).
 *
 * Input:  {"anchors":[{"id","x_m","y_m","z_m"}], "tag_height_m"?: number,
 *          "measurements":[{"t_s", "tag", "ranges_m": {anchorId: metres}}]}
 * Output: {"fixes":[{"t_s","tag","x_m","y_m","z_m","quality"}]} where quality is the estimated
 *         1-σ horizontal error (DRMS, metres; lower is better).
 * Options: --method smooth|filter|epoch (default smooth), --mode 2d|3d (default: from anchor
 *          geometry), --no-calibrate, --details (adds hdop, rms_m, used per fix and a summary).
 * Exit codes: 0 ok, 2 bad input or usage (the offending field is named on stderr).
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { solveBatch } from '@sim/positioning'
import type { Anchor, RangeEpoch } from '@sim/positioning'

const finite = z.number().refine(Number.isFinite, 'must be a finite number')

const InputSchema = z
  .object({
    anchors: z
      .array(
        z.object({
          id: z.string().min(1),
          x_m: finite,
          y_m: finite,
          // Some recordings give planar anchors without z; treat them as z = 0.
          z_m: finite.optional(),
        }),
      )
      .min(1),
    tag_height_m: finite.optional(),
    measurements: z.array(
      z.object({
        t_s: finite,
        tag: z.union([z.string().min(1), z.number()]).transform(String),
        // null marks a range the device reported as missing.
        ranges_m: z.record(z.string(), finite.min(-10).max(1e5).nullable()),
      }),
    ),
  })
  .superRefine((input, ctx) => {
    const ids = new Set<string>()
    input.anchors.forEach((a, i) => {
      if (ids.has(a.id))
        ctx.addIssue({ code: 'custom', path: ['anchors', i, 'id'], message: `duplicate anchor id "${a.id}"` })
      ids.add(a.id)
    })
    input.measurements.forEach((m, i) => {
      for (const id of Object.keys(m.ranges_m)) {
        if (!ids.has(id))
          ctx.addIssue({ code: 'custom', path: ['measurements', i, 'ranges_m', id], message: 'unknown anchor' })
      }
    })
  })

function formatPath(path: readonly PropertyKey[]): string {
  let s = ''
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p)
  return s || 'input'
}

function fail(message: string): never {
  process.stderr.write(`uwb: ${message}\n`)
  process.exit(2)
}

const USAGE =
  'usage: npm run -s uwb -- [--method smooth|filter|epoch] [--mode 2d|3d] [--no-calibrate] [--details] FILE|-'

function main(argv: string[]): void {
  let file: string | undefined
  let method: 'smooth' | 'filter' | 'epoch' = 'smooth'
  let mode: '2d' | '3d' | undefined
  let calibrate = true
  let details = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--method') {
      const v = argv[++i]
      if (v !== 'smooth' && v !== 'filter' && v !== 'epoch') fail(`--method: expected smooth|filter|epoch\n${USAGE}`)
      method = v
    } else if (a === '--mode') {
      const v = argv[++i]
      if (v !== '2d' && v !== '3d') fail(`--mode: expected 2d|3d\n${USAGE}`)
      mode = v
    } else if (a === '--no-calibrate') calibrate = false
    else if (a === '--details') details = true
    else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n')
      process.exit(0)
    } else if (a.startsWith('--')) fail(`unknown option ${a}\n${USAGE}`)
    else if (file === undefined) file = a
    else fail(`unexpected argument ${a}\n${USAGE}`)
  }
  if (file === undefined) fail(`missing FILE\n${USAGE}`)
  let text: string
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    fail(`input: invalid JSON: ${(e as Error).message}`)
  }
  const parsed = InputSchema.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `${formatPath(i.path)}: ${i.message}`)
    fail(lines.join('\n'))
  }
  const input = parsed.data
  const anchors: Anchor[] = input.anchors.map((a) => ({ id: a.id, x: a.x_m, y: a.y_m, z: a.z_m ?? 0 }))
  const epochs: RangeEpoch[] = input.measurements.map((m) => {
    const ranges: Record<string, number> = {}
    for (const [id, v] of Object.entries(m.ranges_m)) if (v !== null) ranges[id] = v
    return { t_s: m.t_s, tag: m.tag, ranges }
  })
  const res = solveBatch(anchors, epochs, { method, mode, calibrate, tagHeight_m: input.tag_height_m })
  const r = (v: number, d = 4) => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : null)
  const fixes = res.fixes.map((f) => {
    const base = { t_s: f.t_s, tag: f.tag, x_m: r(f.x), y_m: r(f.y), z_m: r(f.z), quality: r(f.quality) }
    return details ? { ...base, hdop: r(f.hdop, 3), rms_m: r(f.rms_m), used: f.used } : base
  })
  const out = details
    ? {
        fixes,
        summary: {
          mode: res.mode,
          sigma_m: r(res.sigma_m),
          outlier_fraction: r(res.outlierFraction, 3),
          tags: res.tags,
          anchor_bias_m: res.anchorBias_m,
        },
      }
    : { fixes }
  process.stdout.write(JSON.stringify(out) + '\n')
}

main(process.argv.slice(2))
