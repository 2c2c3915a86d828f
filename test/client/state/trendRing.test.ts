import { describe, expect, test } from 'vitest'
import {
  createTrendRing,
  pushTrend,
  selectTrendDevice,
  trendExtent,
  trendIndex,
} from '../../../client/src/state/trendRing'

const values = (r: ReturnType<typeof createTrendRing>) =>
  Array.from({ length: r.count }, (_, k) => r.v[trendIndex(r, k)])

describe('trend ring', () => {
  test('keeps the newest `capacity` samples, oldest first', () => {
    const r = createTrendRing(4)
    for (let i = 1; i <= 6; i++) pushTrend(r, i * 100, i)
    expect(r.count).toBe(4)
    expect(values(r)).toEqual([3, 4, 5, 6])
    expect(trendExtent(r, [0, 0])).toEqual([3, 6])
  })

  test('ignores samples not newer than the last; NaN is kept (a gap) but not in the extent', () => {
    const r = createTrendRing(8)
    expect(pushTrend(r, 100, 1)).toBe(true)
    expect(pushTrend(r, 100, 2)).toBe(false)
    expect(pushTrend(r, 50, 2)).toBe(false)
    pushTrend(r, 200, NaN)
    pushTrend(r, 300, 5)
    expect(r.count).toBe(3)
    expect(trendExtent(r, [0, 0])).toEqual([1, 5])
  })

  test('selecting another device empties it and bumps the version', () => {
    const r = createTrendRing(8)
    pushTrend(r, 100, 1)
    const v = r.version
    selectTrendDevice(r, 7)
    expect([r.device, r.count, r.version > v]).toEqual([7, 0, true])
    expect(trendExtent(r, [0, 0])).toEqual([NaN, NaN])
  })
})
