/**
 * Draw the selected device's trend on a 2D canvas: the last `windowMs` of samples as one line,
 * the alarm limits as dashed lines in their alarm colours, a light grid with value and time
 * labels. No allocation per call beyond what the canvas API itself does.
 */
import { trendExtent, trendIndex, type TrendRing } from '../state/trendRing'

export interface TrendLimits {
  lowLow: number
  low: number
  high: number
  highHigh: number
}

export interface TrendStyle {
  /** CSS pixels → canvas pixels. */
  scale: number
  windowMs: number
  font: string
  nowLabel: string
  limitLabels: Record<keyof TrendLimits, string>
}

export const TREND_COLORS = {
  background: '#08111d',
  grid: 'rgba(159, 179, 200, 0.18)',
  text: '#9fb3c8',
  line: '#4cc3ff',
  high: '#ffb000',
  highHigh: '#ff2d2d',
} as const

const LIMIT_KEYS = ['lowLow', 'low', 'high', 'highHigh'] as const
const _ext: [number, number] = [NaN, NaN]

function niceStep(span: number): number {
  const raw = span / 4
  const p = Math.pow(10, Math.floor(Math.log10(raw)))
  const m = raw / p
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p
}

function tickLabel(v: number, step: number): string {
  return step >= 1 ? v.toFixed(0) : v.toFixed(Math.min(3, Math.ceil(-Math.log10(step))))
}

export function drawTrend(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  ring: TrendRing,
  limits: TrendLimits,
  style: TrendStyle,
): void {
  const s = style.scale
  ctx.fillStyle = TREND_COLORS.background
  ctx.fillRect(0, 0, width, height)
  const left = 64 * s
  const right = width - 56 * s
  const top = 10 * s
  const bottom = height - 28 * s

  // Value range: the data, and the limits so the operator sees how far the value is from them.
  trendExtent(ring, _ext)
  let lo = _ext[0]
  let hi = _ext[1]
  for (const k of LIMIT_KEYS) {
    const v = limits[k]
    if (v !== v) continue
    lo = lo === lo ? Math.min(lo, v) : v
    hi = hi === hi ? Math.max(hi, v) : v
  }
  if (lo !== lo) return
  if (hi - lo < 1e-6) {
    lo -= 1
    hi += 1
  }
  const pad = (hi - lo) * 0.08
  lo -= pad
  hi += pad
  const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top)

  ctx.font = style.font
  ctx.lineWidth = 1 * s
  ctx.textBaseline = 'middle'
  const step = niceStep(hi - lo)
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
    ctx.strokeStyle = TREND_COLORS.grid
    ctx.beginPath()
    ctx.moveTo(left, y(v))
    ctx.lineTo(right, y(v))
    ctx.stroke()
    ctx.fillStyle = TREND_COLORS.text
    ctx.textAlign = 'right'
    ctx.fillText(tickLabel(v, step), left - 8 * s, y(v))
  }

  const tEnd = ring.count > 0 ? ring.t[trendIndex(ring, ring.count - 1)] : 0
  const tStart = tEnd - style.windowMs
  const x = (t: number) => left + ((t - tStart) / style.windowMs) * (right - left)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  ctx.fillStyle = TREND_COLORS.text
  for (let k = 0; k <= 4; k++) {
    const sec = (style.windowMs / 1000) * (1 - k / 4)
    ctx.fillText(sec === 0 ? style.nowLabel : `-${sec.toFixed(0)} s`, left + (k / 4) * (right - left), bottom + 6 * s)
  }

  // Limits, dashed, labelled at the right end.
  ctx.setLineDash([10 * s, 6 * s])
  ctx.lineWidth = 2 * s
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  for (const k of LIMIT_KEYS) {
    const v = limits[k]
    if (v !== v) continue
    const c = k === 'high' || k === 'low' ? TREND_COLORS.high : TREND_COLORS.highHigh
    ctx.strokeStyle = c
    ctx.beginPath()
    ctx.moveTo(left, y(v))
    ctx.lineTo(right, y(v))
    ctx.stroke()
    ctx.fillStyle = c
    ctx.fillText(style.limitLabels[k], right + 6 * s, y(v))
  }
  ctx.setLineDash([])

  // The samples; a NaN (no data) breaks the line.
  ctx.strokeStyle = TREND_COLORS.line
  ctx.lineWidth = 3 * s
  ctx.lineJoin = 'round'
  ctx.beginPath()
  let pen = false
  for (let k = 0; k < ring.count; k++) {
    const i = trendIndex(ring, k)
    const t = ring.t[i]
    const v = ring.v[i]
    if (t < tStart || v !== v) {
      pen = false
      continue
    }
    if (pen) ctx.lineTo(x(t), y(v))
    else ctx.moveTo(x(t), y(v))
    pen = true
  }
  ctx.stroke()
}
