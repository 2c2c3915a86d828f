import { describe, expect, it } from 'vitest'
import { createRng } from '@sim/core/rng'
import { analyseAnchors, solveFix } from '@sim/positioning'
import type { Vec3 } from '@sim/positioning'
import { hallAnchors } from './fixtures'

const cube: Vec3[] = [
  { x: 0, y: 0, z: 0.3 },
  { x: 15, y: 0, z: 3.5 },
  { x: 15, y: 10, z: 0.5 },
  { x: 0, y: 10, z: 3.2 },
  { x: 7, y: -2, z: 2.0 },
  { x: 7, y: 12, z: 0.8 },
]

const ranges = (anchors: Vec3[], p: Vec3, bias = 0) =>
  anchors.map((a) => Math.hypot(p.x - a.x, p.y - a.y, p.z - a.z) + bias)

describe('single-epoch solver', () => {
  it('classifies anchor geometry', () => {
    expect(analyseAnchors(hallAnchors).mode).toBe('2d')
    expect(analyseAnchors(cube).mode).toBe('3d')
    const line = [0, 40, 80, 120].map((x, i) => ({ x, y: i % 2 ? 0.1 : -0.1, z: 2.5 }))
    expect(analyseAnchors(line).collinear).toBe(true)
  })

  it('converges in 3D from bad initial guesses', () => {
    const truth = { x: 4.2, y: 6.1, z: 1.4 }
    const r = ranges(cube, truth)
    for (const initial of [
      { x: -200, y: 300, z: 50 },
      { x: 1000, y: -1000, z: -40 },
      { x: 15, y: 10, z: 20 },
    ]) {
      const f = solveFix(cube, r, { mode: '3d', initial, sigma_m: 0.05 })
      expect(f.ok).toBe(true)
      expect(Math.hypot(f.x - truth.x, f.y - truth.y, f.z - truth.z)).toBeLessThan(1e-3)
    }
  })

  it('uses the known tag height with coplanar anchors (2D mode)', () => {
    const truth = { x: 13.3, y: 3.7, z: 1.1 }
    const r = ranges(hallAnchors, truth)
    const f = solveFix(hallAnchors, r, { mode: '2d', height_m: 1.1, initial: { x: 50, y: -40, z: 0 } })
    expect(Math.hypot(f.x - truth.x, f.y - truth.y)).toBeLessThan(1e-3)
    expect(f.z).toBe(1.1)
    expect(f.hdop).toBeGreaterThan(0.5)
    expect(f.hdop).toBeLessThan(2)
  })

  it('estimates a common range bias as an extra unknown', () => {
    const truth = { x: 6, y: 4, z: 1.2 }
    const rng = createRng(3)
    const r = ranges(cube, truth, 0.35).map((v) => v + 0.01 * rng.normal())
    const f = solveFix(cube, r, { mode: '3d', estimateBias: true, sigma_m: 0.01 })
    expect(f.bias).toBeCloseTo(0.35, 1)
    expect(Math.hypot(f.x - truth.x, f.y - truth.y)).toBeLessThan(0.05)
  })

  it('rejects an NLOS range better than plain least squares', () => {
    const rng = createRng(7)
    let plain = 0
    let robust = 0
    const trials = 200
    for (let i = 0; i < trials; i++) {
      const truth = { x: rng.uniform(2, 18), y: rng.uniform(2, 10), z: 1 }
      const r = ranges(hallAnchors, truth).map((v) => v + 0.05 * rng.normal())
      r[rng.int(r.length)] += rng.uniform(0.5, 3) // NLOS: always positive
      const a = solveFix(hallAnchors, r, { mode: '2d', height_m: 1, sigma_m: 0.05, robust: false })
      const b = solveFix(hallAnchors, r, { mode: '2d', height_m: 1, sigma_m: 0.05 })
      plain += Math.hypot(a.x - truth.x, a.y - truth.y) / trials
      robust += Math.hypot(b.x - truth.x, b.y - truth.y) / trials
    }
    console.log(
      `one NLOS range of six: mean horizontal error plain LS ${plain.toFixed(3)} m, robust ${robust.toFixed(3)} m`,
    )
    expect(robust).toBeLessThan(0.1)
    expect(robust).toBeLessThan(plain / 3)
  })

  it('refuses a fix with too few ranges', () => {
    const f = solveFix(hallAnchors, [3, 4, NaN, NaN, NaN, NaN], { mode: '2d', height_m: 1 })
    expect(f.ok).toBe(false)
  })
})
