/**
 * People over HTTP (read-only):
 *   GET /api/v1/scenes/:id/people — the people module's snapshot: person order of the people
 *   frames, names and roles, counts per zone, gatherings, people down, the triage list (most
 *   exposed first) and, in a mine, the red/yellow/blue risk map. Positions stream over the socket.
 */
import { Router } from 'express'
import type { SceneHost } from '../scene/sceneHost'
import { peopleOf } from '../scene/peopleModule'

export function peopleRouter(deps: { hosts: ReadonlyMap<string, SceneHost> }): Router {
  const r = Router()
  r.get('/scenes/:id/people', (req, res) => {
    const id = String(req.params.id)
    const host = deps.hosts.get(id)
    if (!host) return void res.status(404).json({ error: `unknown scene "${id.slice(0, 64)}"` })
    const m = peopleOf(host)
    if (!m) return void res.status(404).json({ error: `scene "${id.slice(0, 64)}" has no people` })
    res.json(m.snapshot())
  })
  return r
}
