/**
 * Dispatch views over HTTP (read-only; commands go over the socket with the person's session):
 *   GET /api/v1/scenes/:id/resources — the registry with live status, position and ETA
 *   GET /api/v1/scenes/:id/dispatch  — open recommendations, active routes, hazard, evacuation
 */
import { Router } from 'express'
import type { SceneHost } from '../scene/sceneHost'
import { dispatchOf } from '../scene/dispatchModule'

export function dispatchRouter(deps: { hosts: ReadonlyMap<string, SceneHost> }): Router {
  const r = Router()
  const moduleOf = (id: string) => {
    const host = deps.hosts.get(id)
    if (!host) return { status: 404, error: `unknown scene "${id.slice(0, 64)}"` } as const
    return dispatchOf(host) ?? ({ status: 404, error: `scene "${id.slice(0, 64)}" has no resource registry` } as const)
  }
  r.get('/scenes/:id/resources', (req, res) => {
    const m = moduleOf(req.params.id)
    if ('error' in m) return void res.status(m.status).json({ error: m.error })
    res.json({ sceneId: req.params.id, resources: m.resourcesView() })
  })
  r.get('/scenes/:id/dispatch', (req, res) => {
    const m = moduleOf(req.params.id)
    if ('error' in m) return void res.status(m.status).json({ error: m.error })
    const { units: _units, ...view } = m.snapshot()
    res.json({ sceneId: req.params.id, ...view })
  })
  return r
}
