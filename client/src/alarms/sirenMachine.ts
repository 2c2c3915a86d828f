/**
 * The sound-and-light alarm as a pure state machine. Inputs: the set of unacknowledged red
 * alarms (after each alarm batch), the operator's mute toggle, and the browser unlocking audio.
 *
 *   alarm    = at least one unacknowledged red alarm            → the red frame flashes
 *   sounding = alarm && !muted && audioUnlocked                  → the two-tone plays
 *
 * A NEW red alarm (an id not seen before) re-arms the sound even when muted: mute silences what
 * the room already knows about, never the next red alarm (the annunciator "silence" convention).
 * When every red alarm is acknowledged, both stop; mute is kept as the operator left it.
 */
export interface SirenState {
  /** Unacknowledged red alarm ids, sorted. */
  red: readonly string[]
  alarm: boolean
  muted: boolean
  audioUnlocked: boolean
}

export type SirenAction =
  { type: 'alarms'; redUnacked: readonly string[] } | { type: 'mute' } | { type: 'unmute' } | { type: 'audioUnlocked' }

export const SIREN_IDLE: SirenState = { red: [], alarm: false, muted: false, audioUnlocked: false }

export function sirenReduce(s: SirenState, a: SirenAction): SirenState {
  switch (a.type) {
    case 'alarms': {
      const known = new Set(s.red)
      const fresh = a.redUnacked.some((id) => !known.has(id))
      const red = [...a.redUnacked].sort()
      if (red.length === s.red.length && !fresh) return s
      return { ...s, red, alarm: red.length > 0, muted: fresh ? false : s.muted }
    }
    case 'mute':
      return s.muted ? s : { ...s, muted: true }
    case 'unmute':
      return s.muted ? { ...s, muted: false } : s
    case 'audioUnlocked':
      return s.audioUnlocked ? s : { ...s, audioUnlocked: true }
  }
}

export const isSounding = (s: SirenState): boolean => s.alarm && !s.muted && s.audioUnlocked
export const isFlashing = (s: SirenState): boolean => s.alarm
