/**
 * Gaussian puffs: instantaneous and time-varying releases, and wind that changes during the
 * incident (the twin feeds the live wind from the met station step by step).
 *
 *   C = M / ((2π)^{3/2} σx σy σz) · exp(−r_along²/2σx² − r_cross²/2σy²) · [vertical images]
 *
 * with σx = σy. Each puff grows by the *increment* of the current class's σ curve over the distance
 * it travelled in the step, so a change of stability or wind bends and widens the cloud without a
 * jump. The σ curves are ensemble-mean plume curves, so a chain of puffs reproduces the steady
 * plume (tested); the concentration of a single puff is an ensemble mean, not an instantaneous peak.
 * Puffs are stored struct-of-arrays in Float64Arrays; nothing is allocated per step.
 */
import type { GridSpec } from './field'
import { verticalFactor } from './gaussianPlume'
import { sigmasAt, type SigmaSet } from './sigmas'

export interface PuffWind {
  /** transport speed, m/s */
  speedMs: number
  /** direction the wind blows FROM, degrees clockwise from north */
  fromDeg: number
  stabilityIndex: number
  sigmaSet: SigmaSet
  mixingHeightM: number | null
}

export interface PuffState {
  count: number
  e: Float64Array
  n: Float64Array
  h: Float64Array
  mass: Float64Array
  dist: Float64Array
  sy: Float64Array
  sz: Float64Array
  age: Float64Array
}

export function createPuffState(capacity: number): PuffState {
  return {
    count: 0,
    e: new Float64Array(capacity),
    n: new Float64Array(capacity),
    h: new Float64Array(capacity),
    mass: new Float64Array(capacity),
    dist: new Float64Array(capacity),
    sy: new Float64Array(capacity),
    sz: new Float64Array(capacity),
    age: new Float64Array(capacity),
  }
}

/** Add a puff of `massKg` at (e, n, height h). Drops the oldest when full. */
export function releasePuff(
  st: PuffState,
  massKg: number,
  e: number,
  n: number,
  h: number,
  sy0 = 0.5,
  sz0 = 0.5,
): void {
  if (st.count === st.e.length) {
    // Drop the oldest (index 0) by shifting; rare, and keeps the arrays ordered by age.
    for (const a of [st.e, st.n, st.h, st.mass, st.dist, st.sy, st.sz, st.age]) a.copyWithin(0, 1)
    st.count--
  }
  const i = st.count++
  st.e[i] = e
  st.n[i] = n
  st.h[i] = h
  st.mass[i] = massKg
  st.dist[i] = 0
  st.sy[i] = sy0
  st.sz[i] = sz0
  st.age[i] = 0
}

const _a = { sy: 0, sz: 0 }
const _b = { sy: 0, sz: 0 }

/** Advance every puff by dt seconds in the given wind. */
export function advancePuffs(st: PuffState, w: PuffWind, dtS: number): void {
  const from = (w.fromDeg * Math.PI) / 180
  const de = -Math.sin(from) * w.speedMs * dtS
  const dn = -Math.cos(from) * w.speedMs * dtS
  const ds = w.speedMs * dtS
  for (let i = 0; i < st.count; i++) {
    const d0 = Math.max(st.dist[i], 0.01)
    sigmasAt(w.sigmaSet, w.stabilityIndex, d0, _a)
    sigmasAt(w.sigmaSet, w.stabilityIndex, d0 + ds, _b)
    // Add the increments in quadrature-consistent form: σ_new = σ_old + Δσ_curve.
    st.sy[i] += Math.max(0, _b.sy - (st.dist[i] > 0 ? _a.sy : 0))
    st.sz[i] += Math.max(0, _b.sz - (st.dist[i] > 0 ? _a.sz : 0))
    if (w.mixingHeightM !== null) st.sz[i] = Math.min(st.sz[i], 5 * w.mixingHeightM)
    st.e[i] += de
    st.n[i] += dn
    st.dist[i] += ds
    st.age[i] += dtS
  }
}

const TWO_PI_15 = Math.pow(2 * Math.PI, 1.5)

/** Concentration of all puffs at a point, mg/m³. */
export function puffConcentration(
  st: PuffState,
  e: number,
  n: number,
  z: number,
  mixingHeightM: number | null,
): number {
  let c = 0
  for (let i = 0; i < st.count; i++) {
    const sy = st.sy[i]
    const sz = st.sz[i]
    const dx = e - st.e[i]
    const dy = n - st.n[i]
    const r2 = (dx * dx + dy * dy) / (2 * sy * sy)
    if (r2 > 40) continue
    const v = verticalFactor(z, st.h[i], sz, mixingHeightM)
    c += ((st.mass[i] * 1e6) / (TWO_PI_15 * sy * sy * sz)) * Math.exp(-r2) * v
  }
  return c
}

/**
 * Add the puffs' concentrations (mg/m³) at height z to a grid. Each puff touches only the cells within
 * 4σ of its centre; its σ and vertical factor are computed once per puff.
 */
export function puffField(
  st: PuffState,
  g: GridSpec,
  z: number,
  mixingHeightM: number | null,
  out: Float32Array,
  accumulate = false,
): Float32Array {
  if (!accumulate) out.fill(0)
  const { nx, ny, cellM } = g
  for (let p = 0; p < st.count; p++) {
    const sy = st.sy[p]
    const amp =
      ((st.mass[p] * 1e6) / (TWO_PI_15 * sy * sy * st.sz[p])) * verticalFactor(z, st.h[p], st.sz[p], mixingHeightM)
    if (amp <= 0) continue
    const r = 4 * sy
    const i0 = Math.max(0, Math.floor((st.e[p] - r - g.originE) / cellM))
    const i1 = Math.min(nx - 1, Math.ceil((st.e[p] + r - g.originE) / cellM))
    const j0 = Math.max(0, Math.floor((st.n[p] - r - g.originN) / cellM))
    const j1 = Math.min(ny - 1, Math.ceil((st.n[p] + r - g.originN) / cellM))
    const inv = 1 / (2 * sy * sy)
    // Separable Gaussian: column weights once per puff, one multiply-add per cell.
    const w = i1 - i0 + 1
    if (w <= 0) continue
    if (_col.length < w) _col = new Float64Array(Math.max(w, 2 * _col.length))
    for (let i = i0; i <= i1; i++) {
      const dx = g.originE + (i + 0.5) * cellM - st.e[p]
      const a = dx * dx * inv
      _col[i - i0] = a < 16 ? Math.exp(-a) : 0
    }
    for (let j = j0; j <= j1; j++) {
      const dy = g.originN + (j + 0.5) * cellM - st.n[p]
      const fy = dy * dy * inv
      if (fy > 16) continue
      const rowAmp = amp * Math.exp(-fy)
      const row = j * nx + i0
      for (let k = 0; k < w; k++) out[row + k] += rowAmp * _col[k]
    }
  }
  return out
}
let _col = new Float64Array(256)

/** Remove puffs whose mass no longer matters (beyond `maxDist` m of travel). */
export function prunePuffs(st: PuffState, maxDist: number): void {
  let k = 0
  for (let i = 0; i < st.count; i++) {
    if (st.dist[i] > maxDist) continue
    if (k !== i) {
      st.e[k] = st.e[i]
      st.n[k] = st.n[i]
      st.h[k] = st.h[i]
      st.mass[k] = st.mass[i]
      st.dist[k] = st.dist[i]
      st.sy[k] = st.sy[i]
      st.sz[k] = st.sz[i]
      st.age[k] = st.age[i]
    }
    k++
  }
  st.count = k
}
