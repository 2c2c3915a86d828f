/**
 * Numbers and units as the wall shows them: units in their usual symbols, a precision that
 * suits the size of the number, times in the scene's timezone.
 */
import { formatServerClock } from './formatServerClock'

const UNIT_SYMBOLS: Record<string, string> = { degC: '°C', deg: '°' }

/** '°C', '%LEL', and per-minute rates as '%LEL/min'. */
export function formatUnit(unit: string): string {
  const [base, per] = unit.split('/')
  const sym = UNIT_SYMBOLS[base] ?? base
  return per ? `${sym}/${per}` : sym
}

/** 3 significant-ish digits: 0.42, 4.21, 42.1, 421; dash for nothing. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2
  return v.toFixed(digits)
}

export function formatWithUnit(v: number | null | undefined, unit: string): string {
  const s = formatValue(v)
  if (s === '—') return s
  const u = formatUnit(unit)
  return u === '°' ? `${s}°` : `${s} ${u}`
}

/** HH:MM:SS in the scene's timezone. */
export function formatTimeOfDay(t: number, timeZone: string, locale: string): string {
  return formatServerClock(t, timeZone, locale).time
}

/** Date and time, for shelf expiries and history older than today. */
export function formatDateTime(t: number, timeZone: string, locale: string): string {
  const c = formatServerClock(t, timeZone, locale)
  return `${c.date} ${c.time}`
}
