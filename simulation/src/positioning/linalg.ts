/**
 * Small dense linear algebra on row-major Float64Arrays. The systems here are tiny (≤ 8
 * unknowns per epoch, a few dozen global parameters in calibration), so a plain Cholesky
 * beats any general library and allocates nothing when the caller passes scratch arrays.
 */

/**
 * Solves A x = b in place for symmetric positive-definite A (n×n, row-major); `b` becomes x.
 * A is overwritten with its Cholesky factor. Returns false when A is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k]
    if (!(d > 0)) return false
    const l = Math.sqrt(d)
    a[j * n + j] = l
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k]
      a[i * n + j] = s / l
    }
  }
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= a[i * n + k] * b[k]
    b[i] = s / a[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k]
    b[i] = s / a[i * n + i]
  }
  return true
}

/** Inverse of an SPD matrix (n×n) into `out`; `a` is destroyed. Returns false if not SPD. */
export function invertSpd(a: Float64Array, n: number, out: Float64Array, col = new Float64Array(n)): boolean {
  // Factor once, then solve for each unit vector with the factor.
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]
    for (let k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k]
    if (!(d > 0)) return false
    const l = Math.sqrt(d)
    a[j * n + j] = l
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k]
      a[i * n + j] = s / l
    }
  }
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0
      for (let k = 0; k < i; k++) s -= a[i * n + k] * col[k]
      col[i] = s / a[i * n + i]
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = col[i]
      for (let k = i + 1; k < n; k++) s -= a[k * n + i] * col[k]
      col[i] = s / a[i * n + i]
    }
    for (let i = 0; i < n; i++) out[i * n + c] = col[i]
  }
  return true
}

/** Symmetric eigen-decomposition of a 3×3 matrix by Jacobi rotations: eigenvalues ascending, vectors as columns. */
export function eigenSym3(m: ArrayLike<number>): { values: number[]; vectors: number[][] } {
  const a = [
    [m[0], m[1], m[2]],
    [m[3], m[4], m[5]],
    [m[6], m[7], m[8]],
  ]
  const v = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2])
    if (off < 1e-15) break
    for (let p = 0; p < 2; p++) {
      for (let q = p + 1; q < 3; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < 3; k++) {
          const akp = a[k][p]
          const akq = a[k][q]
          a[k][p] = c * akp - s * akq
          a[k][q] = s * akp + c * akq
        }
        for (let k = 0; k < 3; k++) {
          const apk = a[p][k]
          const aqk = a[q][k]
          a[p][k] = c * apk - s * aqk
          a[q][k] = s * apk + c * aqk
        }
        for (let k = 0; k < 3; k++) {
          const vkp = v[k][p]
          const vkq = v[k][q]
          v[k][p] = c * vkp - s * vkq
          v[k][q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[i][i] - a[j][j])
  return {
    values: order.map((i) => a[i][i]),
    vectors: order.map((i) => [v[0][i], v[1][i], v[2][i]]),
  }
}

/** Median of a copy of `xs` (NaN for an empty list). */
export function median(xs: ArrayLike<number>): number {
  const s = Array.from(xs).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const m = s.length >> 1
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m])
}

/** Quantile (0..1) by linear interpolation of a copy of `xs`. */
export function quantile(xs: ArrayLike<number>, p: number): number {
  const s = Array.from(xs).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const h = (s.length - 1) * p
  const i = Math.floor(h)
  return i + 1 < s.length ? s[i] + (h - i) * (s[i + 1] - s[i]) : s[i]
}
