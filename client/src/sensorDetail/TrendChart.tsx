import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { drawTrend, type TrendLimits } from './drawTrend'

const WINDOW_MS = 120_000

/**
 * The live trend canvas. A requestAnimationFrame loop redraws only when the ring's version moved
 * (new sample, new device) or the canvas was resized: 10 redraws a second at most, no React state.
 */
export function TrendChart({ limits }: { limits: TrendLimits }) {
  const { t } = useTranslation()
  const canvas = useRef<HTMLCanvasElement>(null)
  const nowLabel = t('detail.trendNow')
  const labels = {
    lowLow: t('detail.threshold.lowLow'),
    low: t('detail.threshold.low'),
    high: t('detail.threshold.high'),
    highHigh: t('detail.threshold.highHigh'),
  }
  const labelKey = Object.values(labels).join('|')

  useEffect(() => {
    const el = canvas.current
    const ctx = el?.getContext('2d')
    if (!el || !ctx) return
    let raf = 0
    let drawnVersion = -1
    let drawnW = 0
    let drawnH = 0
    const style = {
      scale: 1,
      windowMs: WINDOW_MS,
      font: '',
      nowLabel,
      limitLabels: labels,
    }
    const loop = () => {
      raf = requestAnimationFrame(loop)
      const ring = twinStore.getState().trend
      if (!ring) return
      const dpr = window.devicePixelRatio || 1
      const w = Math.round(el.clientWidth * dpr)
      const h = Math.round(el.clientHeight * dpr)
      if (ring.version === drawnVersion && w === drawnW && h === drawnH) return
      if (el.width !== w || el.height !== h) {
        el.width = w
        el.height = h
      }
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
      style.scale = (dpr * rem) / 16
      style.font = `${Math.round(1.125 * rem * dpr)}px 'Noto Sans SC', sans-serif`
      drawTrend(ctx, w, h, ring, limits, style)
      el.dataset.version = String(ring.version)
      drawnVersion = ring.version
      drawnW = w
      drawnH = h
    }
    loop()
    return () => cancelAnimationFrame(raf)
    // `labels` is rebuilt each render; `labelKey` is its stable identity.
  }, [limits, nowLabel, labelKey])

  return <canvas ref={canvas} className="trend-chart" data-testid="trend-chart" />
}
