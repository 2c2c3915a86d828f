/**
 * REST side of start-up: which scene to show, and its file. The server has validated the scene
 * already; we parse it again because the client relies on defaults being filled in and a wall
 * screen should say "bad scene" rather than draw half a park.
 */
import { parseScene } from '@sim/scene/parseScene'
import type { Scene } from '@sim/scene/sceneSchema'
import { authHeaders } from '../auth/session'

export interface SceneSummary {
  id: string
  kind: 'park' | 'mine'
  name: { zh: string; en: string }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json', ...authHeaders() } })
  if (!res.ok) {
    let detail = res.statusText
    try {
      detail = ((await res.json()) as { error?: string }).error ?? detail
    } catch {
      // body was not JSON; keep the status text
    }
    throw new Error(`${url}: ${res.status} ${detail}`)
  }
  return (await res.json()) as T
}

/** `?scene=` wins; otherwise the first park on the server. */
export async function chooseSceneId(search: string, signal?: AbortSignal): Promise<string> {
  const wanted = new URLSearchParams(search).get('scene')
  if (wanted) return wanted
  const list = await getJson<SceneSummary[]>('/api/v1/scenes', signal)
  const park = list.find((s) => s.kind === 'park') ?? list[0]
  if (!park) throw new Error('no scenes on the server')
  return park.id
}

export async function fetchScene(sceneId: string, signal?: AbortSignal): Promise<Scene> {
  const raw = await getJson<unknown>(`/api/v1/scenes/${encodeURIComponent(sceneId)}`, signal)
  const r = parseScene(raw)
  if (!r.ok) throw new Error(`scene ${sceneId}: ${r.errors.slice(0, 3).join('; ')}`)
  return r.scene
}
