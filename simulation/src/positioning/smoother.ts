import { invertSpd } from './linalg'
import { N } from './kalman'
import type { KalmanState } from './kalman'

/**
 * Rauch–Tung–Striebel smoother for the constant-velocity model. Non-causal, so it cannot lag:
 * each estimate uses the ranges before and after it, weighted by the motion model. Inputs are
 * the filter's predicted (before update) and filtered (after update) states per epoch; a null
 * prediction marks a track (re)start, across which nothing is smoothed.
 */
export function rtsSmooth(predicted: readonly (KalmanState | null)[], filtered: readonly KalmanState[]): KalmanState[] {
  const n = filtered.length
  const out: KalmanState[] = new Array(n)
  if (n === 0) return out
  out[n - 1] = { x: filtered[n - 1].x.slice(), P: filtered[n - 1].P.slice(), t: filtered[n - 1].t }
  const Pinv = new Float64Array(N * N)
  const tmp = new Float64Array(N * N)
  const PfFt = new Float64Array(N * N)
  const C = new Float64Array(N * N)
  const col = new Float64Array(N)
  const dx = new Float64Array(N)
  const dP = new Float64Array(N * N)
  const CdP = new Float64Array(N * N)
  for (let k = n - 2; k >= 0; k--) {
    const f = filtered[k]
    const pnext = predicted[k + 1]
    const snext = out[k + 1]
    if (!pnext) {
      out[k] = { x: f.x.slice(), P: f.P.slice(), t: f.t }
      continue
    }
    const dt = pnext.t - f.t
    tmp.set(pnext.P)
    if (!invertSpd(tmp, N, Pinv, col)) {
      out[k] = { x: f.x.slice(), P: f.P.slice(), t: f.t }
      continue
    }
    // Pf Fᵀ: F = [[I, dt I],[0, I]] so column j<3 of Fᵀ… (Pf Fᵀ)[i][j] = Pf[i][j] + dt Pf[i][j+3] for j < 3.
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) PfFt[i * N + j] = f.P[i * N + j] + (j < 3 ? dt * f.P[i * N + j + 3] : 0)
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let v = 0
        for (let l = 0; l < N; l++) v += PfFt[i * N + l] * Pinv[l * N + j]
        C[i * N + j] = v
      }
    for (let i = 0; i < N; i++) dx[i] = snext.x[i] - pnext.x[i]
    for (let i = 0; i < N * N; i++) dP[i] = snext.P[i] - pnext.P[i]
    const x = f.x.slice()
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) x[i] += C[i * N + j] * dx[j]
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let v = 0
        for (let l = 0; l < N; l++) v += C[i * N + l] * dP[l * N + j]
        CdP[i * N + j] = v
      }
    const P = f.P.slice()
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let v = 0
        for (let l = 0; l < N; l++) v += CdP[i * N + l] * C[j * N + l]
        P[i * N + j] += v
      }
    out[k] = { x, P, t: f.t }
  }
  return out
}
