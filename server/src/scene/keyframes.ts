/**
 * Keyframes: snapshots of the folded state every minute of simulated time, so a restart or a
 * replay seek folds only the log's tail. One format for the live host and the replay player.
 */
import type { AlarmSnapshot } from '@sim/alarms'
import type { Scene } from '@sim/scene/sceneSchema'
import type { TwinState } from '@sim/twin/leakEvents'
import type { PlantState, ResponseState } from '@sim/response'
import { sm3Hex } from '../store/hashChain'

/** Bump when the content changes shape; older keyframes are then ignored (full fold), not misread. */
export const KEYFRAME_FORMAT = 3

export interface KeyframeState {
  format: number
  /** Hash of the scene's device list: a keyframe of another scene version is not restored. */
  fingerprint: string
  alarms: AlarmSnapshot
  twin: TwinState
  response: ResponseState
  plant: PlantState
  /** Feature modules' own state, by module name. */
  modules: Record<string, unknown>
}

export function sceneFingerprint(scene: Scene): string {
  return sm3Hex(JSON.stringify(scene.devices.map((d) => [d.id, d.type, d.range, d.thresholds])))
}

export function usableKeyframe(state: unknown, fingerprint: string): state is KeyframeState {
  const s = state as Partial<KeyframeState> | undefined
  return (
    !!s &&
    s.format === KEYFRAME_FORMAT &&
    s.fingerprint === fingerprint &&
    !!s.alarms &&
    !!s.twin &&
    !!s.response &&
    !!s.plant
  )
}
