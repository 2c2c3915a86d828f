/**
 * Time as the wall shows it: mm:ss countdowns to a deadline (h:mm:ss past an hour), negative once
 * overdue, and mm:ss intervals for the customer's figures. Pure; painted at 2 Hz by the panel.
 */

/** "04:59", "1:02:03", "−00:12" (overdue by 12 s). Counts down in whole seconds, rounding up. */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--'
  const late = ms < 0
  // A deadline 0.2 s away still shows 00:01; one 0.2 s past shows −00:00 → make it −00:01.
  const s = late ? Math.ceil(-ms / 1000) : Math.ceil(ms / 1000)
  return (late ? '−' : '') + clock(s)
}

/** An elapsed interval: "00:03", "04:10", "1:05:00". */
export function formatInterval(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--:--'
  return clock(Math.max(0, Math.round(ms / 1000)))
}

function clock(totalS: number): string {
  const h = Math.floor(totalS / 3600)
  const m = Math.floor((totalS % 3600) / 60)
  const s = totalS % 60
  const mm = String(m).padStart(2, '0')
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

/** Countdown urgency: `late` past the deadline, `soon` within the last minute, else `ok`. */
export function countdownUrgency(ms: number): 'ok' | 'soon' | 'late' {
  if (ms < 0) return 'late'
  return ms <= 60_000 ? 'soon' : 'ok'
}
