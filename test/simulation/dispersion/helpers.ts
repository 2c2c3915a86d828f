import type { PlumeParams } from '@sim/dispersion/gaussianPlume'

/** Plume parameters with a uniform wind (Turner's textbook setting) unless overridden. */
export function plumeParams(over: Partial<PlumeParams> = {}): PlumeParams {
  return {
    heightM: 0,
    sigmaSet: 'briggs-rural',
    stabilityIndex: 3,
    wind: { uRef: 5, zRef: 10, kind: 'none', z0: 0.1, obukhov: Infinity, p: 0.15 },
    mixingHeightM: null,
    sigmaYFactor: 1,
    sigmaThetaRad: null,
    sigmaY0: 0,
    sigmaZ0: 0,
    minWindMs: 0.5,
    ...over,
  }
}

/** A minimal valid CLI case. */
export function baseCase(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    substance: 'NH3',
    source: { kind: 'continuous', rate_kg_s: 0.5, height_m: 1.0, duration_s: 1800 },
    weather: {
      wind_speed_m_s: 3.0,
      wind_height_m: 10,
      wind_from_deg: 45,
      stability: null,
      obukhov_length_m: 120,
      roughness_m: 0.1,
      sigma_theta_deg: null,
      mixing_height_m: 800,
      air_temp_c: 25,
    },
    averaging_time_s: 600,
    receptors: [{ east_m: -300, north_m: -300, height_m: 1.5 }],
    levels_of_concern_mg_m3: [21, 112, 770],
    ...over,
  }
}
