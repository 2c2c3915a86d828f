import { describe, expect, test } from 'vitest'
import { decodePeopleFrame, encodePeopleFrame, PersonStatus } from '@sim/protocol/peopleFrame'
import {
  applyPeopleFrame,
  createPeopleBuffer,
  onPeopleFrame,
  peopleMeta,
  setPeopleRoster,
} from '../../../client/src/people/peopleBuffer'
import {
  PERSON_COLOR_NAMES,
  PersonColor,
  personColor,
  writePersonInstances,
} from '../../../client/src/people/personInstances'

const T0 = 1_700_000_000_000

function frame(seq: number, xyz: number[], status: number[], flags = 0) {
  return decodePeopleFrame(
    encodePeopleFrame({ seq, t: T0 + seq * 200, flags, xyz: Float32Array.from(xyz), status: Uint8Array.from(status) }),
  )
}

/** Palette whose colour i is (i, i + 0.1, i + 0.2), so a written colour names its index. */
const palette = Float32Array.from(PERSON_COLOR_NAMES.flatMap((_, i) => [i, i + 0.1, i + 0.2]))

function targets(n: number) {
  return { matrices: new Float32Array(16 * n).fill(-1), colors: new Float32Array(3 * n).fill(-1) }
}

const snapshot = {
  sceneId: 'demo-park',
  frameHz: 5,
  people: [
    { id: 'P1', name: { zh: '张三', en: 'Zhang San' }, role: 'operator', enterpriseId: 'e1', workZoneId: 'z1' },
    { id: 'P2', name: { zh: '李四', en: 'Li Si' }, role: 'maintenance', enterpriseId: null, workZoneId: null },
    { id: 'P3', name: { zh: '王五', en: 'Wang Wu' }, role: 'visitor', enterpriseId: null, workZoneId: null },
  ],
  counts: { z1: 1 },
}

describe('people roster and frames', () => {
  test('the join snapshot gives the order, names and head-count', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    expect(buf.n).toBe(3)
    expect(buf.roster.map((p) => p.id)).toEqual(['P1', 'P2', 'P3'])
    expect(buf.roster[0]).toEqual({
      id: 'P1',
      name: { zh: '张三', en: 'Zhang San' },
      role: 'operator',
      enterpriseId: 'e1',
      workZoneId: 'z1',
    })
    expect(buf.intervalMs).toBe(200)
    expect(peopleMeta.getState().count).toBe(3)
    // A scene without people (no module) → empty roster.
    setPeopleRoster(buf, undefined)
    expect(buf.n).toBe(0)
  })

  test('frames are copied in place, counted, and older frames dropped', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    const cur = buf.cur
    const S = PersonStatus
    const f = frame(10, [1, 2, 0, 5, 6, 0.5, NaN, NaN, NaN], [S.ok, S.hazardousZone | 2, S.lost], 1)
    expect(applyPeopleFrame(buf, f, 1000)).toBe(true)
    expect(buf.cur).toBe(cur)
    expect([...buf.cur.slice(0, 6)]).toEqual([1, 2, 0, 5, 6, 0.5])
    expect(buf.counts).toEqual({ located: 2, inHazard: 1, down: 0, exposed: 1, lost: 1 })
    expect(buf.drill).toBe(true)
    expect(buf.version).toBe(1)
    expect(applyPeopleFrame(buf, frame(9, [0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0]), 1100)).toBe(false)
    expect(buf.cur[0]).toBe(1)
    // The next frame keeps the previous positions for interpolation.
    applyPeopleFrame(buf, frame(11, [3, 2, 0, 5, 6, 0.5, 7, 8, 0], [S.down, 0, 0]), 1200)
    expect([...buf.prev.slice(0, 3)]).toEqual([1, 2, 0])
    expect(buf.counts).toEqual({ located: 3, inHazard: 0, down: 1, exposed: 0, lost: 0 })
  })

  test('a re-join resets the sequence so frames after a server restart are taken', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    applyPeopleFrame(buf, frame(500, Array(9).fill(1), [0, 0, 0]), 0)
    setPeopleRoster(buf, snapshot)
    expect(applyPeopleFrame(buf, frame(0, Array(9).fill(2), [0, 0, 0]), 0)).toBe(true)
  })

  test('onPeopleFrame takes a Node Buffer at an odd offset and drops garbage without throwing', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    const bytes = new Uint8Array(
      encodePeopleFrame({
        seq: 1,
        t: T0,
        flags: 0,
        xyz: Float32Array.from(Array(9).fill(4)),
        status: new Uint8Array(3),
      }),
    )
    const pool = new Uint8Array(bytes.length + 3)
    pool.set(bytes, 3)
    expect(onPeopleFrame(pool.subarray(3), buf)).toBe(true)
    expect(buf.cur[8]).toBe(4)
    expect(onPeopleFrame(new Uint8Array([1, 2, 3]), buf)).toBe(false)
  })
})

describe('frame → instance arrays', () => {
  test('status bits pick the colour, most urgent first', () => {
    const S = PersonStatus
    expect(personColor(S.ok, true)).toBe(PersonColor.normal)
    expect(personColor(S.hazardousZone, true)).toBe(PersonColor.hazard)
    expect(personColor(S.lost, true)).toBe(PersonColor.lost)
    expect(personColor(S.hazardousZone | 1, true)).toBe(PersonColor.aegl1)
    expect(personColor(2, true)).toBe(PersonColor.aegl2)
    expect(personColor(S.lost | 3, true)).toBe(PersonColor.aegl3)
    expect(personColor(S.down | 3 | S.hazardousZone, true)).toBe(PersonColor.down)
    expect(personColor(S.down, false)).toBe(PersonColor.downDim)
  })

  test('matrices place each person in three.js axes with the base on the ground; unlocated people vanish', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    applyPeopleFrame(buf, frame(1, [10, 20, 0, -5, 7, 3, NaN, NaN, NaN], [0, PersonStatus.down, 0]), 0)
    const out = targets(4)
    const size = 2
    const lift = 0.75
    expect(writePersonInstances(buf, out, palette, 1, true, size, lift)).toBe(3)
    const m = (i: number) => [...out.matrices.slice(16 * i, 16 * i + 16)]
    // Person 0: scale 2, at x = east 10, y = ground + 0.75·2, z = −north.
    expect(m(0)).toEqual([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 10, 1.5, -20, 1])
    // Person 1 is down: drawn 1.4× larger, raised by its height above ground (3 m).
    const s1 = 2 * 1.4
    expect(m(1)[0]).toBeCloseTo(s1)
    expect(m(1)[12]).toBe(-5)
    expect(m(1)[13]).toBeCloseTo(3 + lift * s1)
    expect(m(1)[14]).toBe(-7)
    expect(m(2).every((v) => v === 0)).toBe(true)
    // Colours: normal, down (bright), normal; the fourth slot (beyond n) untouched.
    expect([...out.colors.slice(0, 3)]).toEqual([...palette.slice(0, 3)])
    expect(out.colors[3]).toBe(PersonColor.down)
    expect(out.colors[9]).toBe(-1)
    // Blink off: the person down turns dim red.
    writePersonInstances(buf, out, palette, 1, false, size, lift)
    expect(out.colors[3]).toBe(PersonColor.downDim)
  })

  test('between two frames the position glides (alpha), clamped to the last frame', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    applyPeopleFrame(buf, frame(1, [0, 0, 0, NaN, NaN, NaN, 1, 1, 0], [0, 0, 0]), 0)
    applyPeopleFrame(buf, frame(2, [10, -4, 0, 3, 3, 0, 1, 1, 0], [0, 0, 0]), 200)
    const out = targets(3)
    writePersonInstances(buf, out, palette, 0.5, true, 1, 0)
    expect(out.matrices[12]).toBeCloseTo(5)
    expect(out.matrices[14]).toBeCloseTo(2) // −north: north went 0 → −4, halfway −2
    // Person 1 had no previous fix: drawn where it is now, not from NaN.
    expect(out.matrices[16 + 12]).toBe(3)
    writePersonInstances(buf, out, palette, 7, true, 1, 0)
    expect(out.matrices[12]).toBe(10)
  })

  test('output smaller than the roster (mesh not yet resized) writes only what fits', () => {
    const buf = createPeopleBuffer()
    setPeopleRoster(buf, snapshot)
    applyPeopleFrame(buf, frame(1, Array(9).fill(1), [0, 0, 0]), 0)
    expect(writePersonInstances(buf, targets(2), palette, 1, true, 1, 0)).toBe(2)
  })
})
