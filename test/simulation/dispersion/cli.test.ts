import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { baseCase } from './helpers'

const run = (args: string[], input?: string) =>
  spawnSync('npx', ['tsx', 'server/src/cli/plume.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 })

describe('plume CLI', () => {
  it('runs the issue example from a file and keeps the contract keys in order', () => {
    const r = run(['test/fixtures/dispersion/issue-example.json'])
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out).slice(0, 4)).toEqual(['concentrations_mg_m3', 'threat_zones', 'model', 'warnings'])
    expect(out.concentrations_mg_m3).toHaveLength(1)
    expect(out.concentrations_mg_m3[0]).toBeGreaterThan(0)
    expect(out.threat_zones.map((z: { level_mg_m3: number }) => z.level_mg_m3)).toEqual([21, 112, 770])
  })
  it('reads a batch from stdin; a bad case yields an error entry naming the field and the rest still run', () => {
    const batch = {
      cases: [baseCase(), { ...baseCase(), weather: { wind_from_deg: 0 } }, baseCase({ substance: 'Cl2' })],
    }
    const r = run(['-'], JSON.stringify(batch))
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout).results
    expect(out).toHaveLength(3)
    expect(out[0].concentrations_mg_m3[0]).toBeGreaterThan(0)
    expect(out[1].error).toContain('weather.wind_speed_m_s')
    expect(out[2].model).toBeTruthy()
  })
  it('a single bad case exits with code 2 and names the field on stderr', () => {
    const bad = baseCase({ source: { kind: 'continuous', rate_kg_s: -1 } })
    const r = run(['-'], JSON.stringify(bad))
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('source.rate_kg_s')
    const r2 = run(['-'], JSON.stringify(baseCase({ substance: 'unobtainium' })))
    expect(r2.status).toBe(2)
    expect(r2.stderr).toContain('substance')
  })
  it('unparseable JSON and a missing file exit with code 2', () => {
    expect(run(['-'], '{not json').status).toBe(2)
    expect(run(['/nonexistent/case.json']).status).toBe(2)
    expect(run(['-'], JSON.stringify({ cases: 5 })).status).toBe(2)
  })
  it('matches the golden output of the fixtures (tolerance 1e-6 relative)', () => {
    const input = readFileSync('test/fixtures/dispersion/cases.json', 'utf8')
    const expected = JSON.parse(readFileSync('test/fixtures/dispersion/cases.out.json', 'utf8'))
    const r = run(['-'], input)
    expect(r.status).toBe(0)
    const got = JSON.parse(r.stdout)
    expect(got.results.length).toBe(expected.results.length)
    got.results.forEach(
      (g: { concentrations_mg_m3?: number[]; threat_zones?: { max_distance_m: number }[] }, i: number) => {
        const e = expected.results[i]
        if (e.error) return expect(g).toEqual(e)
        g.concentrations_mg_m3!.forEach((c, k) => expect(c).toBeCloseTo(e.concentrations_mg_m3[k], 6))
        g.threat_zones!.forEach((z, k) => expect(z.max_distance_m).toBeCloseTo(e.threat_zones[k].max_distance_m, 3))
      },
    )
  })
})
