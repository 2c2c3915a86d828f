/**
 * Tiny benchmark helper shared by the *.bench.ts files: warms up, times `n` runs with
 * performance.now(), and prints one JSON line with the median (and p10/p90 for context).
 */
export interface BenchResult {
  name: string
  unit: string
  median: number
  n: number
  [extra: string]: unknown
}

export function emit(result: BenchResult): void {
  console.log(JSON.stringify(result))
}

export function timeIt(
  name: string,
  fn: () => void,
  opts: { n?: number; warmup?: number; extra?: Record<string, unknown> } = {},
): BenchResult {
  const n = opts.n ?? 30
  const warmup = opts.warmup ?? 5
  for (let i = 0; i < warmup; i++) fn()
  const samples: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]
  const result: BenchResult = {
    name,
    unit: 'ms',
    median: round(q(0.5)),
    n,
    p10: round(q(0.1)),
    p90: round(q(0.9)),
    ...opts.extra,
  }
  emit(result)
  return result
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
