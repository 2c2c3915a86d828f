import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { horizontalErrors } from '@sim/positioning'
import { median } from '@sim/positioning/linalg'
import { hallAnchors, simulateHall } from './fixtures'

const dir = mkdtempSync(join(tmpdir(), 'uwb-cli-'))

function run(args: string[], stdin?: string) {
  const r = spawnSync('npx', ['tsx', 'server/src/cli/uwb.ts', ...args], {
    input: stdin,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

const sim = simulateHall('nlos', 3, 2, 20)
const input = {
  anchors: hallAnchors.map((a) => ({ id: a.id, x_m: a.x, y_m: a.y, z_m: a.z })),
  measurements: sim.epochs.map((e) => ({ t_s: e.t_s, tag: e.tag, ranges_m: e.ranges })),
}

describe('uwb batch CLI', { timeout: 120_000 }, () => {
  it('positions a recording from a file, one fix per tag per measurement time', () => {
    const file = join(dir, 'in.json')
    writeFileSync(file, JSON.stringify(input))
    const r = run([file])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out) as {
      fixes: { t_s: number; tag: string; x_m: number; y_m: number; z_m: number; quality: number }[]
    }
    expect(out.fixes.length).toBeGreaterThan(0.98 * input.measurements.length)
    const keys = new Set(out.fixes.map((f) => `${f.tag}@${f.t_s}`))
    expect(keys.size).toBe(out.fixes.length)
    for (const f of out.fixes.slice(0, 5))
      expect(Object.keys(f).sort()).toEqual(['quality', 't_s', 'tag', 'x_m', 'y_m', 'z_m'])
    const e = horizontalErrors(
      out.fixes.map((f) => ({ ...f, x: f.x_m, y: f.y_m, z: f.z_m, hdop: NaN, rms_m: NaN, used: 0 })),
      sim.truth,
    )
    console.log(`[uwb cli] nlos scenario median horizontal error ${median(e).toFixed(3)} m`)
    expect(median(e)).toBeLessThan(0.1)
    expect(out.fixes.every((f) => f.quality > 0 && f.quality < 1)).toBe(true)
  })

  it('reads stdin with "-" and honours tag_height_m', () => {
    const r = run(['-'], JSON.stringify({ ...input, tag_height_m: 1.0, measurements: input.measurements.slice(0, 20) }))
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out)
    expect(out.fixes.length).toBeGreaterThan(0)
    expect(out.fixes[0].z_m).toBeCloseTo(1.0, 1)
  })

  it('exits 2 naming an unknown anchor', () => {
    const bad = structuredClone(input)
    bad.measurements[3].ranges_m = { ...bad.measurements[3].ranges_m, a9: 3.2 }
    const r = run(['-'], JSON.stringify(bad))
    expect(r.code).toBe(2)
    expect(r.err).toContain('measurements[3].ranges_m.a9: unknown anchor')
  })

  it('exits 2 naming a malformed field, invalid JSON or a missing file', () => {
    const bad = structuredClone(input) as unknown as { anchors: { x_m: unknown }[] }
    bad.anchors[2].x_m = 'east'
    const r = run(['-'], JSON.stringify(bad))
    expect(r.code).toBe(2)
    expect(r.err).toContain('anchors[2].x_m')
    const j = run(['-'], '{"anchors": [')
    expect(j.code).toBe(2)
    expect(j.err).toContain('invalid JSON')
    expect(run([join(dir, 'nope.json')]).code).toBe(2)
    expect(run([]).code).toBe(2)
  })
})
