import { describe, expect, test } from 'vitest'
import {
  isFlashing,
  isSounding,
  SIREN_IDLE,
  sirenReduce,
  type SirenAction,
} from '../../../client/src/alarms/sirenMachine'

const run = (...actions: SirenAction[]) => actions.reduce(sirenReduce, SIREN_IDLE)
const alarms = (...ids: string[]): SirenAction => ({ type: 'alarms', redUnacked: ids })

describe('sound-and-light state machine', () => {
  test('a new red alarm turns both on once audio is unlocked; all acknowledged turns both off', () => {
    let s = run(alarms('a'))
    expect(isFlashing(s)).toBe(true)
    expect(isSounding(s)).toBe(false) // no user gesture yet: light only
    s = sirenReduce(s, { type: 'audioUnlocked' })
    expect(isSounding(s)).toBe(true)
    s = sirenReduce(s, alarms())
    expect([isFlashing(s), isSounding(s)]).toEqual([false, false])
  })

  test('mute silences the tone, the frame keeps flashing; unmute brings it back', () => {
    let s = run({ type: 'audioUnlocked' }, alarms('a'), { type: 'mute' })
    expect([isFlashing(s), isSounding(s), s.muted]).toEqual([true, false, true])
    s = sirenReduce(s, { type: 'unmute' })
    expect(isSounding(s)).toBe(true)
  })

  test('a NEW red alarm re-arms a muted siren; the same set, or fewer, does not', () => {
    let s = run({ type: 'audioUnlocked' }, alarms('a', 'b'), { type: 'mute' })
    s = sirenReduce(s, alarms('b', 'a'))
    expect(s.muted).toBe(true)
    s = sirenReduce(s, alarms('a'))
    expect([s.muted, isFlashing(s)]).toEqual([true, true])
    s = sirenReduce(s, alarms('a', 'c'))
    expect([s.muted, isSounding(s)]).toEqual([false, true])
  })

  test('mute survives the end of an alarm; unchanged input returns the same state object', () => {
    let s = run({ type: 'audioUnlocked' }, alarms('a'), { type: 'mute' }, alarms())
    expect([s.muted, isFlashing(s)]).toEqual([true, false])
    expect(sirenReduce(s, alarms())).toBe(s)
    s = sirenReduce(s, { type: 'mute' })
    expect(sirenReduce(s, { type: 'mute' })).toBe(s)
  })
})
