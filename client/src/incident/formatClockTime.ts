import { formatServerClock } from '../hud/formatServerClock'

/** HH:MM:SS of a simulated instant in the scene's timezone. */
export function formatClockTime(t: number, timeZone: string, locale: string): string {
  return formatServerClock(t, timeZone, locale).time
}
