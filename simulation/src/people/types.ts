/**
 * Shapes shared by the people modules. Positions are scene-local metres (east, north, up from
 * the scene origin, `geo/frames.ts`); times are ms since the epoch like the event log's `t`.
 */

/** One person's position at a tick: a UWB fix already mapped from tag to person. */
export interface PersonPosition {
  id: string
  e: number
  n: number
  /** Height (m, local up). Optional: zones with a height band ignore people without it. */
  u?: number
}

/** Zone kinds: the scene's static kinds plus the dynamic ones. */
export type ZoneKind =
  | 'restricted'
  | 'hazardous'
  | 'working_face'
  | 'production'
  | 'office'
  /** Dispersion threat zone (a level of concern's contour). */
  | 'threat'
  /** A red/yellow/blue risk-map area. */
  | 'risk'

export interface I18n {
  zh: string
  en: string
}
