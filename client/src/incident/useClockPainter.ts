import { useEffect, type RefObject } from 'react'
import { countdownUrgency, formatCountdown, formatInterval } from '../response/countdown'
import { twinStore } from '../state/twinStore'

/** Simulated "now": the newest frame's server time (live) or the replay position (replay frames carry it). */
export function screenNow(): number {
  return twinStore.getState().telemetry?.lastT ?? NaN
}

/**
 * Paint every clock inside `root` at `hz` (default 2 Hz) without a React render:
 *  - `[data-due]` (ms since epoch): a countdown mm:ss, and `data-urgency` ok / soon / late on the
 *    nearest `[data-step]` ancestor (CSS turns a late step red the moment its deadline passes);
 *  - `[data-since]`: time elapsed since then, mm:ss.
 */
export function useClockPainter(root: RefObject<HTMLElement | null>, hz = 2): void {
  useEffect(() => {
    const paint = () => {
      const el = root.current
      const now = screenNow()
      if (!el || !Number.isFinite(now)) return
      el.querySelectorAll<HTMLElement>('[data-due]').forEach((n) => {
        const left = Number(n.dataset.due) - now
        const text = formatCountdown(left)
        if (n.textContent !== text) n.textContent = text
        const box = n.closest<HTMLElement>('[data-step]')
        const u = countdownUrgency(left)
        if (box && box.dataset.urgency !== u) box.dataset.urgency = u
      })
      el.querySelectorAll<HTMLElement>('[data-since]').forEach((n) => {
        const text = formatInterval(now - Number(n.dataset.since))
        if (n.textContent !== text) n.textContent = text
      })
    }
    paint()
    const id = window.setInterval(paint, 1000 / hz)
    return () => window.clearInterval(id)
  }, [root, hz])
}
