/**
 * Scene files carry `version`; older files are upgraded step by step before validation, so a
 * site authored against an old release keeps loading. Add a step here whenever SCENE_VERSION
 * goes up, and a fixture of the old shape under test/fixtures/scenes/.
 */
import { SCENE_VERSION } from './sceneSchema'

type Json = Record<string, unknown>
type Migration = (scene: Json) => Json

/** MIGRATIONS[v] upgrades a version-v file to v+1. */
const MIGRATIONS: Record<number, Migration> = {
  // Version 0 (pre-release drafts) wrote the origin as [lng, lat] and had no timezone.
  0: (s) => {
    const o = s.origin
    const origin = Array.isArray(o) ? { lng: o[0], lat: o[1], alt_m: 0 } : o
    return { ...s, origin, timezone: s.timezone ?? 'Asia/Shanghai', version: 1 }
  },
}

export class SceneVersionError extends Error {}

export function migrateScene(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  let s = raw as Json
  const v0 = s.version
  if (v0 === undefined) return s // let the schema name the missing field
  if (typeof v0 !== 'number' || !Number.isInteger(v0)) return s
  if (v0 > SCENE_VERSION)
    throw new SceneVersionError(
      `version: scene version ${v0} is newer than this software understands (${SCENE_VERSION})`,
    )
  for (let v = v0; v < SCENE_VERSION; v++) {
    const step = MIGRATIONS[v]
    if (!step) throw new SceneVersionError(`version: no migration from scene version ${v}`)
    s = step(s)
  }
  return s
}
