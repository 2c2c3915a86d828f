/**
 * Ground-level concentration field on a regular east/north grid, written into a Float32Array.
 *
 * Everything that depends on downwind distance only (σy, σz, ū, images, dense-gas branch, the
 * time-limited arriving rate) is tabulated once along x in a DownwindProfile; the per-cell work is
 * a rotation, a table interpolation and one exp — no allocation, no σ evaluation per cell.
 */
import { amplitude, arrivingRate, kernelAt, type AmpOut, type Scenario } from './scenario'

/** Grid of nx × ny cells; cell (i, j) has its centre at (originE + (i+½)·cellM, originN + (j+½)·cellM), row-major j·nx + i. */
export interface GridSpec {
  originE: number
  originN: number
  cellM: number
  nx: number
  ny: number
}

/** C(x, y) = amp(x)·exp(−y²·inv2sy2(x)) tabulated at x_k = k·dx (k = 0…n−1; entry 0 copies entry 1). */
export interface DownwindProfile {
  dx: number
  n: number
  amp: Float64Array
  inv2sy2: Float64Array
}

const _a: AmpOut = { sy: 0, u: 0, kernel: 0 }

/**
 * Tabulate the plume of a scenario along x.
 * @param xMax farthest distance to tabulate, m
 * @param dx table step, m
 * @param z receptor height, m
 */
export function buildProfile(
  s: Scenario,
  xMax: number,
  dx: number,
  z: number,
  reuse?: DownwindProfile,
): DownwindProfile {
  const n = Math.max(3, Math.min(8192, Math.ceil(xMax / dx) + 2))
  const p =
    reuse && reuse.amp.length >= n
      ? { dx, n, amp: reuse.amp, inv2sy2: reuse.inv2sy2 }
      : { dx, n, amp: new Float64Array(n), inv2sy2: new Float64Array(n) }
  if (s.steady) {
    for (let k = 1; k < n; k++) {
      p.amp[k] = amplitude(s, k * dx, z, _a)
      p.inv2sy2[k] = 1 / (2 * _a.sy * _a.sy)
    }
  } else {
    // The time-limited arriving rate varies slowly with x: evaluate it every `stride` entries and
    // interpolate, the kernel at every entry.
    const stride = 16
    const qAt = (k: number) => {
      kernelAt(s, k * dx, z, _a)
      return arrivingRate(s, k * dx, _a)
    }
    let kPrev = 1
    let qPrev = qAt(1)
    let kNext = Math.min(n - 1, 1 + stride)
    let qNext = qAt(kNext)
    for (let k = 1; k < n; k++) {
      if (k > kNext) {
        kPrev = kNext
        qPrev = qNext
        kNext = Math.min(n - 1, kNext + stride)
        qNext = qAt(kNext)
      }
      const f = kNext > kPrev ? (k - kPrev) / (kNext - kPrev) : 0
      kernelAt(s, k * dx, z, _a)
      p.amp[k] = Math.min(_a.kernel * (qPrev + f * (qNext - qPrev)), s.capMgM3)
      p.inv2sy2[k] = 1 / (2 * _a.sy * _a.sy)
    }
  }
  p.amp[0] = p.amp[1]
  p.inv2sy2[0] = p.inv2sy2[1]
  return p
}

/**
 * Fill `out` with the profile's concentrations on the grid (mg/m³), for a source at (srcE, srcN)
 * and wind blowing towards (downE, downN). Adds to `out` when `accumulate` is true.
 */
export function fillField(
  p: DownwindProfile,
  downE: number,
  downN: number,
  srcE: number,
  srcN: number,
  g: GridSpec,
  out: Float32Array,
  accumulate = false,
): Float32Array {
  const { nx, ny, cellM } = g
  const invDx = 1 / p.dx
  const last = p.n - 1
  const amp = p.amp
  const b = p.inv2sy2
  const stepX = cellM * downE
  const stepY = -cellM * downN
  for (let j = 0; j < ny; j++) {
    const nn = g.originN + (j + 0.5) * cellM - srcN
    const e0 = g.originE + 0.5 * cellM - srcE
    let x = e0 * downE + nn * downN
    let y = -e0 * downN + nn * downE
    const row = j * nx
    for (let i = 0; i < nx; i++, x += stepX, y += stepY) {
      let c = 0
      if (x > 0) {
        const fk = x * invDx
        const k = fk | 0
        if (k < last) {
          const f = fk - k
          const bk = b[k] + f * (b[k + 1] - b[k])
          const arg = y * y * bk
          if (arg < 40) c = (amp[k] + f * (amp[k + 1] - amp[k])) * Math.exp(-arg)
        }
      }
      if (accumulate) out[row + i] += c
      else out[row + i] = c
    }
  }
  return out
}

/** Largest distance from the source to a grid corner, m (how far the profile must reach). */
export function gridReach(g: GridSpec, srcE: number, srcN: number): number {
  let r = 0
  for (const e of [g.originE, g.originE + g.nx * g.cellM])
    for (const n of [g.originN, g.originN + g.ny * g.cellM]) r = Math.max(r, Math.hypot(e - srcE, n - srcN))
  return r
}

/**
 * Ground-level field of one resolved scenario (source at the local origin unless given).
 * @param z receptor height, m (default 0 = ground)
 */
export function scenarioField(
  s: Scenario,
  g: GridSpec,
  opts: { z?: number; out?: Float32Array; srcE?: number; srcN?: number; profile?: DownwindProfile } = {},
): Float32Array {
  const out = opts.out ?? new Float32Array(g.nx * g.ny)
  const srcE = opts.srcE ?? 0
  const srcN = opts.srcN ?? 0
  const reach = gridReach(g, srcE, srcN)
  const prof = buildProfile(s, reach, g.cellM, opts.z ?? 0, opts.profile)
  return fillField(prof, s.downE, s.downN, srcE, srcN, g, out)
}
