/**
 * Server time for the status bar, in the scene's own timezone (a Shanghai park is shown in
 * Beijing time even on a laptop set to UTC). Formatters are cached: building one is slow.
 */
const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, timeZone: string, part: 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${part}`
  let f = cache.get(key)
  if (!f) {
    f =
      part === 'time'
        ? new Intl.DateTimeFormat(locale, {
            timeZone,
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
            hourCycle: 'h23',
          })
        : new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    cache.set(key, f)
  }
  return f
}

/** { date: '2025-06-01', time: '14:03:07' } or dashes before the first frame. */
export function formatServerClock(t: number, timeZone: string, locale: string): { date: string; time: string } {
  if (!Number.isFinite(t)) return { date: '----/--/--', time: '--:--:--' }
  const d = new Date(t)
  return { date: formatter(locale, timeZone, 'date').format(d), time: formatter(locale, timeZone, 'time').format(d) }
}

/** Whole numbers with locale grouping (12,345), cached per locale. */
const numberCache = new Map<string, Intl.NumberFormat>()
export function formatCount(n: number, locale: string): string {
  let f = numberCache.get(locale)
  if (!f) numberCache.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })))
  return f.format(n)
}
