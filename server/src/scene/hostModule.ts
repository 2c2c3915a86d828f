/**
 * A feature module plugged into a scene host (dispatch, people/UWB, …). The host calls every
 * module the same way, so a feature lives in its own file and registers in `modules.ts`:
 *   fold     — every logged event, in seq order (live, recovery, follower tail)
 *   decide   — on the deciding instance only, right after an appended event is folded: bodies
 *              to append next (they are folded and decided on in turn, FIFO)
 *   onFrame  — every 100 ms frame on the deciding instance (movement, positions, zone checks)
 *   snapshot — plain JSON for screens joining the scene (`scene:join` ack `modules[name]`)
 *   keyframe/restore — state for keyframes (restart, replay seek)
 */
import type { StoredEvent } from '../store/eventStore'
import type { AppendItem, SceneHost } from './sceneHost'

export interface HostModule {
  readonly name: string
  fold(e: StoredEvent): void
  decide?(e: StoredEvent): AppendItem[]
  onFrame?(t: number): void
  snapshot?(): unknown
  keyframe?(): unknown
  restore?(state: unknown): void
}

export type HostModuleFactory = (host: SceneHost) => HostModule | null
