/**
 * The replay timeline's geometry and colours, pure: time ↔ position across the bar, marker
 * colours by severity or type, and thinning so a burst of events (zone updates every few
 * seconds) becomes one mark per pixel column, the most important one winning.
 */
import type { ReplayOpened } from '@sim/protocol/events'

export type ReplayMarker = ReplayOpened['markers'][number]

/** 0…1 across the bar. */
export function timeToFraction(t: number, from: number, to: number): number {
  if (!(to > from)) return 0
  return Math.min(1, Math.max(0, (t - from) / (to - from)))
}

/** The instant at a fraction of the bar, whole ms. */
export function fractionToTime(f: number, from: number, to: number): number {
  return Math.round(from + Math.min(1, Math.max(0, f)) * (to - from))
}

const SEVERITY_COLORS: Record<string, string> = {
  red: '#ff2d2d',
  orange: '#ff8c00',
  yellow: '#ffd600',
  blue: '#3d8bff',
}
const TYPE_COLORS: Record<string, string> = {
  'leak.started': '#e040fb',
  'leak.stopped': '#19e3b1',
  'alarm.acknowledged': '#7cd992',
  'plume.zones_updated': '#ffb347',
  'weather.observed': '#8ea3bd',
  'device.offline': '#9aa5b1',
}

export function markerColor(m: Pick<ReplayMarker, 'type' | 'severity'>): string {
  if (m.type === 'alarm.raised' && m.severity) return SEVERITY_COLORS[m.severity] ?? '#ff2d2d'
  return TYPE_COLORS[m.type] ?? '#c7d2de'
}

/** Higher = drawn over others in the same pixel column. */
export function markerRank(m: Pick<ReplayMarker, 'type' | 'severity'>): number {
  if (m.type === 'leak.started' || m.type === 'leak.stopped') return 5
  if (m.type === 'alarm.raised') return m.severity === 'red' ? 4 : 3
  if (m.type === 'alarm.acknowledged') return 2
  if (m.type === 'plume.zones_updated') return 1
  return 0
}

/** At most one marker per `columns` bucket (the highest ranked, the earliest on ties), in time order. */
export function thinMarkers(
  markers: readonly ReplayMarker[],
  from: number,
  to: number,
  columns: number,
): ReplayMarker[] {
  const best = new Map<number, ReplayMarker>()
  for (const m of markers) {
    const col = Math.min(columns - 1, Math.floor(timeToFraction(m.t, from, to) * columns))
    const cur = best.get(col)
    if (!cur || markerRank(m) > markerRank(cur)) best.set(col, m)
  }
  return [...best.values()].sort((a, b) => a.t - b.t)
}

/** i18n key suffix for a marker type ('leak.started' → 'leak_started'). */
export const markerKey = (type: string) => type.replace(/\./g, '_')
