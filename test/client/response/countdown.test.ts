import { describe, expect, test } from 'vitest'
import { countdownUrgency, formatCountdown, formatInterval } from '../../../client/src/response/countdown'

describe('countdowns', () => {
  test('mm:ss, rounding up so a deadline is never shown as reached early', () => {
    expect(formatCountdown(300_000)).toBe('05:00')
    expect(formatCountdown(299_001)).toBe('05:00')
    expect(formatCountdown(200)).toBe('00:01')
    expect(formatCountdown(0)).toBe('00:00')
  })
  test('h:mm:ss past an hour, −mm:ss once overdue', () => {
    expect(formatCountdown(3_600_000)).toBe('1:00:00')
    expect(formatCountdown(-12_000)).toBe('−00:12')
    expect(formatCountdown(-200)).toBe('−00:01')
    expect(formatCountdown(NaN)).toBe('--:--')
  })
  test('intervals for the figures', () => {
    expect(formatInterval(0)).toBe('00:00')
    expect(formatInterval(44_400)).toBe('00:44')
    expect(formatInterval(null)).toBe('--:--')
  })
  test('urgency', () => {
    expect(countdownUrgency(61_000)).toBe('ok')
    expect(countdownUrgency(60_000)).toBe('soon')
    expect(countdownUrgency(-1)).toBe('late')
  })
})
