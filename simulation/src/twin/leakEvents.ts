/**
 * Leaks and the weather, as logged events. The plume the twin shows is a pure function of these
 * events and time, so a replay or a drill rerun rebuilds exactly the cloud that was on the
 * screens at the time — the wind that was used is in the log, not re-read from sensors.
 */
export interface LeakStarted {
  type: 'leak.started'
  leakId: string
  at: number
  substance: string
  /** Source position, local metres east/north of the scene origin; release height above ground. */
  e: number
  n: number
  height_m: number
  /** Release rate at the start, kg/s. */
  rate_kg_s: number
  /** Tank or unit that leaks (for isolation and ownership), if known. */
  sourceId: string | null
  enterpriseId: string | null
  /** What started it: 'drill', 'simulator', 'operator' … */
  cause: string
}

export interface LeakRateChanged {
  type: 'leak.rate_changed'
  leakId: string
  at: number
  rate_kg_s: number
  reason: string
}

export interface LeakStopped {
  type: 'leak.stopped'
  leakId: string
  at: number
  reason: string
}

/** The wind and stability the plume uses from `at` on (a smoothed met-station reading or a drill script). */
export interface WeatherObserved {
  type: 'weather.observed'
  at: number
  wind_speed_m_s: number
  wind_from_deg: number
  air_temp_c: number
  /** Pasquill–Gifford index 0..5 (A..F), half classes allowed. */
  stability: number
  source: 'met_station' | 'drill' | 'operator'
}

/** Summary of the threat zones at `at`, for the response machine and the regulator's timeline. */
export interface PlumeZonesUpdated {
  type: 'plume.zones_updated'
  at: number
  leakId: string
  zones: { label: string; level_mg_m3: number; maxDistance_m: number; area_m2: number }[]
  /** What the AEGL-2 and AEGL-3 zones reach (the response machine's escalation inputs). */
  aegl2: ZoneReach
  aegl3: ZoneReach
}

export interface ZoneReach {
  /** The zone extends beyond the fence of the enterprise where the leak is. */
  outsideSourceFence: boolean
  /** Other enterprises whose plant area the zone reaches. */
  fences: string[]
  /** The zone extends beyond the park boundary. */
  outsideBoundary: boolean
  /** Sensitive targets (school, village, hospital …) inside the zone. */
  targets: string[]
}

export type TwinBody = LeakStarted | LeakRateChanged | LeakStopped | WeatherObserved | PlumeZonesUpdated

export const TWIN_BODY_TYPES = [
  'leak.started',
  'leak.rate_changed',
  'leak.stopped',
  'weather.observed',
  'plume.zones_updated',
] as const

export interface LeakState {
  leakId: string
  substance: string
  e: number
  n: number
  height_m: number
  rate_kg_s: number
  startedAt: number
  stoppedAt: number | null
  sourceId: string | null
  enterpriseId: string | null
  /** Release rate when the leak began, kg/s (isolation models decay from it). */
  rate0_kg_s: number
  /** Mass released up to `massAt`, kg (integrated piecewise-constant rate). */
  releasedKg: number
  massAt: number
}

export interface TwinState {
  leaks: Record<string, LeakState>
  weather: WeatherObserved | null
  lastZones: Record<string, PlumeZonesUpdated>
}

export const initialTwinState = (): TwinState => ({ leaks: {}, weather: null, lastZones: {} })

function integrate(l: LeakState, t: number): void {
  const until = l.stoppedAt === null ? t : Math.min(t, l.stoppedAt)
  if (until > l.massAt) l.releasedKg += (l.rate_kg_s * (until - l.massAt)) / 1000
  l.massAt = Math.max(l.massAt, until)
}

/** Fold one event (other types are ignored). Mutates and returns `s` (the host owns it). */
export function reduceTwin(s: TwinState, ev: { type: string }): TwinState {
  const e = ev as TwinBody
  switch (e.type) {
    case 'leak.started':
      s.leaks[e.leakId] = {
        leakId: e.leakId,
        substance: e.substance,
        e: e.e,
        n: e.n,
        height_m: e.height_m,
        rate_kg_s: e.rate_kg_s,
        rate0_kg_s: e.rate_kg_s,
        startedAt: e.at,
        stoppedAt: null,
        sourceId: e.sourceId,
        enterpriseId: e.enterpriseId,
        releasedKg: 0,
        massAt: e.at,
      }
      break
    case 'leak.rate_changed': {
      const l = s.leaks[e.leakId]
      if (!l) break
      integrate(l, e.at)
      l.rate_kg_s = e.rate_kg_s
      break
    }
    case 'leak.stopped': {
      const l = s.leaks[e.leakId]
      if (!l || l.stoppedAt !== null) break
      integrate(l, e.at)
      l.stoppedAt = e.at
      l.rate_kg_s = 0
      break
    }
    // Keep the bodies only: the state must not depend on envelope fields or their key order.
    case 'weather.observed':
      s.weather = {
        type: e.type,
        at: e.at,
        wind_speed_m_s: e.wind_speed_m_s,
        wind_from_deg: e.wind_from_deg,
        air_temp_c: e.air_temp_c,
        stability: e.stability,
        source: e.source,
      }
      break
    case 'plume.zones_updated':
      s.lastZones[e.leakId] = {
        type: e.type,
        at: e.at,
        leakId: e.leakId,
        zones: e.zones,
        aegl2: e.aegl2,
        aegl3: e.aegl3,
      }
      break
  }
  return s
}
