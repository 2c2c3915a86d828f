import { describe, expect, test } from 'vitest'
import { RateMeter } from '../../../client/src/hud/rateMeter'
import { formatServerClock } from '../../../client/src/hud/formatServerClock'

describe('RateMeter', () => {
  test('rate over the sliding window of samples', () => {
    const m = new RateMeter(5)
    expect(m.sample(0, 0)).toBe(0)
    expect(m.sample(250, 1000)).toBe(4000)
    for (let i = 2; i <= 10; i++) m.sample(i * 250, i * 1000)
    // Steady 4000/s; then the counter stops and the window drains to 0.
    expect(m.sample(11 * 250, 11_000)).toBeCloseTo(4000)
    let r = 0
    for (let i = 12; i <= 16; i++) r = m.sample(i * 250, 11_000)
    expect(r).toBe(0)
  })
})

describe('formatServerClock', () => {
  test('shows the scene timezone, not the machine one', () => {
    const t = Date.UTC(2025, 5, 1, 23, 30, 5) // 07:30:05 next day in Shanghai (UTC+8)
    expect(formatServerClock(t, 'Asia/Shanghai', 'en')).toEqual({ date: '06/02/2025', time: '07:30:05' })
    expect(formatServerClock(t, 'Asia/Shanghai', 'zh-CN').time).toBe('07:30:05')
  })
  test('dashes before the first frame', () => {
    expect(formatServerClock(NaN, 'Asia/Shanghai', 'en').time).toBe('--:--:--')
  })
})
