/** Shared shapes of the positioning kernel. Local east/north/up metres, seconds. */

export interface Vec3 {
  x: number
  y: number
  z: number
}

/** A UWB anchor at a surveyed position (m, scene-local ENU). */
export interface Anchor extends Vec3 {
  id: string
}

/** One epoch of two-way ranges from one tag: anchor id → measured range (m), raw. */
export interface RangeEpoch {
  t_s: number
  tag: string
  ranges: Record<string, number>
}

/** A position estimate with its quality figures. */
export interface Fix extends Vec3 {
  t_s: number
  tag: string
  /** Estimated 1-σ horizontal error (DRMS = √(σx²+σy²)) in metres; lower is better. */
  quality: number
  /** Horizontal dilution of precision of the ranges used (unitless; NaN when not from a single-epoch solve). */
  hdop: number
  /** RMS range residual of the ranges used (m). */
  rms_m: number
  /** Number of ranges used at this epoch (after outlier rejection). */
  used: number
}
