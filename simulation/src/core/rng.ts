/**
 * Seeded pseudo-random numbers. Every simulator takes an `Rng` instead of calling
 * Math.random, so a drill or a replay run twice with one seed gives the same numbers.
 *
 * Generator: sfc32 (Small Fast Counting, 128-bit state), seeded through splitmix32 so that
 * nearby seeds give unrelated streams. It is fast in plain JS (32-bit integer ops only) and
 * its state is four numbers, which makes it trivial to snapshot into the event log.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number
  /** Integer in [0, n). */
  int(n: number): number
  /** Standard normal N(0, 1) (Box–Muller, the second value is cached). */
  normal(): number
  /** A new independent generator derived from this one's seed and a label, e.g. one per device. */
  fork(label: string): Rng
  /** The internal state; `createRng` accepts it back to resume exactly. */
  state(): RngState
}

export type RngState = readonly [number, number, number, number]

function splitmix32(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** FNV-1a hash of a string to 32 bits, to turn labels into seeds. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/**
 * @param seed an integer seed, a string (hashed), or a state from `Rng.state()`
 * @example const rng = createRng(42); rng.next() // 0.… the same on every machine
 */
export function createRng(seed: number | string | RngState): Rng {
  let a: number, b: number, c: number, d: number
  let seedKey: number
  if (Array.isArray(seed)) {
    ;[a, b, c, d] = seed as RngState
    seedKey = (a ^ b ^ c ^ d) >>> 0
  } else {
    seedKey = typeof seed === 'string' ? hashString(seed) : (seed as number) >>> 0
    const sm = splitmix32(seedKey)
    a = sm()
    b = sm()
    c = sm()
    d = sm()
    // Warm up: the first outputs of sfc32 are correlated with the seed.
    for (let i = 0; i < 12; i++) step()
  }
  let spare: number | null = null

  function step(): number {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t >>> 0
  }

  const rng: Rng = {
    next: () => step() / 4294967296,
    uniform: (min, max) => min + (max - min) * (step() / 4294967296),
    int: (n) => Math.floor((step() / 4294967296) * n),
    normal: () => {
      if (spare !== null) {
        const s = spare
        spare = null
        return s
      }
      let u = 0
      while (u === 0) u = step() / 4294967296
      const v = step() / 4294967296
      const r = Math.sqrt(-2 * Math.log(u))
      spare = r * Math.sin(2 * Math.PI * v)
      return r * Math.cos(2 * Math.PI * v)
    },
    fork: (label) => createRng(hashString(label, seedKey ^ 0x5bd1e995)),
    state: () => [a >>> 0, b >>> 0, c >>> 0, d >>> 0] as const,
  }
  return rng
}
