import { describe, expect, it } from 'vitest'
import { createRng } from '@sim/core/rng'
import { ManDownDetector, ZoneEngine, type ManDownEvent } from '@sim/people'

const T0 = 1_700_000_000_000

describe('man-down (no movement) alarm', () => {
  it('fires 60 s after the windowed speed drops below 0.2 m/s, despite 0.1 m fix noise, and clears on movement', () => {
    const rng = createRng(7)
    const det = new ManDownDetector()
    const log: { t: number; ev: ManDownEvent }[] = []
    // Walks at 1.2 m/s for 20 s, lies still until 120 s, then walks again.
    for (let k = 0; k <= 1400; k++) {
      const t = k / 10
      const e = t < 20 ? 1.2 * t : t < 120 ? 24 : 24 + 1.2 * (t - 120)
      const pos = { id: 'm1', e: e + 0.1 * rng.normal(), n: 0.1 * rng.normal() }
      for (const ev of det.update(T0 + k * 100, [pos])) log.push({ t: k * 100, ev })
    }
    expect(log.map((x) => x.ev.type)).toEqual(['person.down', 'person.down.cleared'])
    const down = log[0]
    // Stopped at 20 s; the 5 s window sees < 0.2 m/s from ~21–25 s; alarm 60 s after that.
    expect(down.t).toBeGreaterThan(80_000)
    expect(down.t).toBeLessThanOrEqual(85_100)
    expect((down.ev as { since: number }).since - T0 + 60_000).toBeLessThan(down.t)
    expect(log[1].t).toBeGreaterThan(120_000)
    expect(log[1].t).toBeLessThan(126_000)
  })

  it('does not fire for a slow walker, or for someone resting in an office / refuge zone', () => {
    const zones = new ZoneEngine([{ id: 'REF', kind: 'office', rings: [[-5, -5, 5, -5, 5, 5, -5, 5]] }])
    const det = new ManDownDetector({ restZoneIds: [] })
    const events: ManDownEvent[] = []
    for (let k = 0; k <= 1500; k++) {
      const t = T0 + k * 100
      const pos = [
        { id: 'slow', e: 100 + 0.3 * (k / 10), n: 0 }, // 0.3 m/s: slow but moving
        { id: 'resting', e: 1, n: 1 },
      ]
      zones.update(t, pos)
      events.push(...det.update(t, pos, zones))
    }
    expect(events).toEqual([])
  })

  it('honours its options (30 s, 0.5 m/s)', () => {
    const det = new ManDownDetector({ duration_s: 30, speed_mps: 0.5 })
    let first = -1
    for (let k = 0; k <= 600 && first < 0; k++) {
      const ev = det.update(T0 + k * 100, [{ id: 'x', e: 0.3 * (k / 10), n: 0 }])
      if (ev.length) first = k * 100
    }
    // Window full at 5 s → still from 5 s → fires at the first tick after 35 s.
    expect(first).toBe(35_100)
  })
})
