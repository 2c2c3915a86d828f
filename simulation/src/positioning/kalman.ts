/**
 * Constant-velocity Kalman filter in 3D (state x y z vx vy vz), with scalar nonlinear updates
 * (ranges, height, roadway cross-track) applied one at a time — each relinearises at the latest
 * estimate, which is what an iterated EKF would buy at 10 Hz for free.
 */
export const N = 6

export interface KalmanState {
  x: Float64Array
  P: Float64Array
  t: number
}

export function createState(x: number, y: number, z: number, t: number, posVar: number, velVar: number): KalmanState {
  const s: KalmanState = { x: new Float64Array(N), P: new Float64Array(N * N), t }
  s.x[0] = x
  s.x[1] = y
  s.x[2] = z
  for (let i = 0; i < 3; i++) {
    s.P[i * N + i] = posVar
    s.P[(i + 3) * N + i + 3] = velVar
  }
  return s
}

export function copyState(s: KalmanState): KalmanState {
  return { x: s.x.slice(), P: s.P.slice(), t: s.t }
}

/**
 * Propagates by dt under white-noise acceleration with spectral density qH (horizontal) and qV
 * (vertical), in m²/s³. P ← F P Fᵀ + Q with F = [[I, dt I], [0, I]].
 */
export function predict(s: KalmanState, dt: number, qH: number, qV: number): void {
  if (dt <= 0) return
  const x = s.x
  const P = s.P
  for (let i = 0; i < 3; i++) x[i] += dt * x[i + 3]
  // Rows: P' = F P
  for (let i = 0; i < 3; i++) for (let j = 0; j < N; j++) P[i * N + j] += dt * P[(i + 3) * N + j]
  // Columns: P'' = P' Fᵀ
  for (let i = 0; i < N; i++) for (let j = 0; j < 3; j++) P[i * N + j] += dt * P[i * N + j + 3]
  const dt2 = (dt * dt) / 2
  const dt3 = (dt * dt * dt) / 3
  for (let i = 0; i < 3; i++) {
    const q = i < 2 ? qH : qV
    P[i * N + i] += q * dt3
    P[i * N + i + 3] += q * dt2
    P[(i + 3) * N + i] += q * dt2
    P[(i + 3) * N + i + 3] += q * dt
  }
  s.t += dt
}

const _PH = new Float64Array(N)

/**
 * Scalar update with measurement row H (length N), innovation nu, noise variance r.
 * Returns the innovation variance S (before the update).
 */
export function updateScalar(s: KalmanState, H: ArrayLike<number>, nu: number, r: number): number {
  const P = s.P
  for (let i = 0; i < N; i++) {
    let v = 0
    for (let j = 0; j < N; j++) v += P[i * N + j] * H[j]
    _PH[i] = v
  }
  let S = r
  for (let i = 0; i < N; i++) S += H[i] * _PH[i]
  if (!(S > 0)) return S
  for (let i = 0; i < N; i++) s.x[i] += (_PH[i] * nu) / S
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) P[i * N + j] -= (_PH[i] * _PH[j]) / S
  // Keep P symmetric against round-off.
  for (let i = 0; i < N; i++)
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (P[i * N + j] + P[j * N + i])
      P[i * N + j] = v
      P[j * N + i] = v
    }
  return S
}

/** Innovation variance H P Hᵀ + r without updating. */
export function innovationVariance(s: KalmanState, H: ArrayLike<number>, r: number): number {
  let S = r
  for (let i = 0; i < N; i++) {
    let v = 0
    for (let j = 0; j < N; j++) v += s.P[i * N + j] * H[j]
    S += H[i] * v
  }
  return S
}
