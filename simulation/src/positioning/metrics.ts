import type { SimTruth } from './simulateUwb'
import type { Fix } from './types'

/** Horizontal errors (m) of fixes against simulated truth, matched by tag and time. */
export function horizontalErrors(fixes: readonly Fix[], truth: readonly SimTruth[]): number[] {
  const key = (tag: string, t: number) => `${tag}@${t}`
  const map = new Map<string, SimTruth>()
  for (const t of truth) map.set(key(t.tag, t.t_s), t)
  const out: number[] = []
  for (const f of fixes) {
    const t = map.get(key(f.tag, f.t_s))
    if (t) out.push(Math.hypot(f.x - t.x, f.y - t.y))
  }
  return out
}
