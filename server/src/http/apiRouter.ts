/**
 * REST under /api/v1 (and /api/health). JSON errors always: `{ "error": "…" }` with a status
 * that says whose fault it was.
 */
import { Router, type Request, type Response, type NextFunction } from 'express'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { SceneRepository } from '../scenes/sceneRepository'
import type { SceneRuntime } from '../sim/sceneRuntime'
import { openApiDocument } from './openapi'

export interface ApiDeps {
  scenes: SceneRepository
  runtimes: ReadonlyMap<string, SceneRuntime>
  now: () => number
  startedAt: number
}

export function healthRouter(deps: ApiDeps): Router {
  const r = Router()
  r.get('/health', (_req, res) => {
    res.json({
      ok: true,
      protocolVersion: PROTOCOL_VERSION,
      serverTime: deps.now(),
      uptime_s: Math.round((deps.now() - deps.startedAt) / 1000),
      scenes: deps.scenes.list().map((s) => s.scene.id),
    })
  })
  return r
}

export function apiV1Router(deps: ApiDeps): Router {
  const r = Router()
  r.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument)
  })
  r.get('/scenes', (_req, res) => {
    res.json(deps.scenes.list().map(({ scene }) => ({ id: scene.id, kind: scene.kind, name: scene.name, devices: scene.devices.length })))
  })
  r.get('/scenes/:id', (req, res) => {
    const s = deps.scenes.get(req.params.id)
    if (!s) return void res.status(404).json({ error: `unknown scene "${req.params.id.slice(0, 64)}"` })
    res.json(s.scene)
  })
  r.get('/scenes/:id/status', (req, res) => {
    const rt = deps.runtimes.get(req.params.id)
    if (!rt) return void res.status(404).json({ error: `unknown scene "${req.params.id.slice(0, 64)}"` })
    res.json({ sceneId: rt.sceneId, seq: rt.seq, lastFrameT: rt.lastFrameT, devices: rt.values.length })
  })
  r.use((req, res) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.originalUrl.slice(0, 200)}` })
  })
  return r
}

/** Last-resort JSON error handler: malformed JSON bodies and anything thrown in a route. */
export function jsonErrorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string }
  const status = e.status ?? e.statusCode ?? 500
  if (status >= 500) console.error('request failed:', err)
  res.status(status).json({ error: status >= 500 ? 'internal error' : (e.message ?? 'bad request') })
}
