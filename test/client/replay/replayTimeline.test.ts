import { describe, expect, test } from 'vitest'
import {
  fractionToTime,
  markerColor,
  markerKey,
  thinMarkers,
  timeToFraction,
} from '../../../client/src/replay/replayTimeline'

describe('replay timeline mapping', () => {
  test('time ↔ fraction, clamped', () => {
    expect(timeToFraction(150, 100, 200)).toBe(0.5)
    expect(timeToFraction(50, 100, 200)).toBe(0)
    expect(timeToFraction(250, 100, 200)).toBe(1)
    expect(timeToFraction(5, 100, 100)).toBe(0)
    expect(fractionToTime(0.25, 1000, 2000)).toBe(1250)
    expect(fractionToTime(-1, 1000, 2000)).toBe(1000)
    expect(fractionToTime(timeToFraction(1234, 1000, 2000), 1000, 2000)).toBe(1234)
  })

  test('colours by severity for alarms, by type otherwise', () => {
    expect(markerColor({ type: 'alarm.raised', severity: 'red' })).toBe('#ff2d2d')
    expect(markerColor({ type: 'alarm.raised', severity: 'orange' })).toBe('#ff8c00')
    expect(markerColor({ type: 'leak.started' })).toBe('#e040fb')
    expect(markerKey('plume.zones_updated')).toBe('plume_zones_updated')
  })

  test('one marker per column, the most important one wins, time order kept', () => {
    const m = (t: number, type: string, severity?: string) => ({ t, seq: t, type, severity, label: '' })
    const thin = thinMarkers(
      [
        m(100, 'plume.zones_updated'),
        m(101, 'alarm.raised', 'red'),
        m(102, 'weather.observed'),
        m(190, 'leak.started'),
      ],
      100,
      200,
      10,
    )
    expect(thin.map((x) => x.type)).toEqual(['alarm.raised', 'leak.started'])
  })
})
