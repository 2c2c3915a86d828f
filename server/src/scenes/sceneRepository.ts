/**
 * Loads every site under the scenes directory (`<dir>/<site>/scene.json`) at start-up. A broken
 * scene stops start-up with the file and every bad field named: a command center that silently
 * drops a site is worse than one that refuses to start.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseScene } from '@sim/scene/parseScene'
import { resolveScene, type ResolvedScene } from '@sim/scene/resolveScene'
import type { Scene } from '@sim/scene/sceneSchema'

export interface LoadedScene {
  scene: Scene
  resolved: ResolvedScene
  /** The folder the scene came from (plans and drill scenarios live beside it). */
  dir: string
}

export class SceneLoadError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid scene\n  ${problems.join('\n  ')}`)
  }
}

export function loadSceneFile(file: string): Scene {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    throw new SceneLoadError(file, [`(file): ${(e as Error).message}`])
  }
  const r = parseScene(raw)
  if (!r.ok) throw new SceneLoadError(file, r.errors)
  return r.scene
}

export class SceneRepository {
  private readonly scenes = new Map<string, LoadedScene>()

  static fromDirectory(dir: string): SceneRepository {
    const repo = new SceneRepository()
    if (!existsSync(dir)) throw new Error(`scenes directory not found: ${dir}`)
    for (const name of readdirSync(dir).sort()) {
      const sub = join(dir, name)
      const file = join(sub, 'scene.json')
      if (!statSync(sub).isDirectory() || !existsSync(file)) continue
      repo.add(loadSceneFile(file), sub, file)
    }
    if (repo.scenes.size === 0) throw new Error(`no scenes found under ${dir} (expected <site>/scene.json)`)
    return repo
  }

  add(scene: Scene, dir: string, file = dir): void {
    if (this.scenes.has(scene.id))
      throw new SceneLoadError(file, [`id: scene id "${scene.id}" is already used by another folder`])
    this.scenes.set(scene.id, { scene, resolved: resolveScene(scene), dir })
  }

  get(id: string): LoadedScene | undefined {
    return this.scenes.get(id)
  }

  list(): LoadedScene[] {
    return [...this.scenes.values()]
  }
}
