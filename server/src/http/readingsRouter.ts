/**
 * HTTP batch ingest: POST /api/v1/readings (items may name their scene) and
 * POST /api/v1/scenes/:id/readings. A JSON array, optionally gzip/deflate-encoded (Content-Encoding);
 * the answer lists every rejected item with its reason, and the valid items are kept.
 */
import express, { Router } from 'express'
import type { IngestService } from '../ingest/ingestService'
import type { Security } from '../auth/security'
import type { Gateway } from '../auth/gateways'

export interface ReadingsRouterDeps {
  ingest: IngestService
  /** Gateway credentials: without them no reading is accepted. */
  security?: Security
  /** Max body size; large gateways batch ~10k readings ≈ 1 MB. */
  limit?: string
  /** Who is sending (authenticated gateway), or null. */
  operatorOf?: (req: express.Request) => string | null
}

export function readingsRouter(deps: ReadingsRouterDeps): Router {
  const r = Router()
  // body-parser inflates gzip and deflate bodies itself when Content-Encoding says so.
  const json = express.json({
    limit: deps.limit ?? '5mb',
    inflate: true,
    strict: false,
    type: ['application/json', 'application/*+json'],
  })
  // Credentials are checked before the body is read: an unknown gateway costs us no parsing.
  const gate = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!deps.security) return next()
    const g = deps.security.gatewayOf(req)
    if (!g) return void res.status(401).json({ error: 'gateway credentials required (X-Gateway-Key: id:secret)' })
    const wait = deps.security.ingestByGateway.blockedFor(g.id)
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)))
      return void res.status(429).json({ error: `gateway ${g.id} is over its request rate` })
    }
    deps.security.ingestByGateway.hit(g.id)
    res.locals.gateway = g
    next()
  }
  const handle = (sceneHint: string | undefined) => (req: express.Request, res: express.Response) => {
    const g = res.locals.gateway as Gateway | undefined
    if (g?.scenes && sceneHint && !g.scenes.includes(sceneHint))
      return void res.status(403).json({ error: `gateway ${g.id} may not send readings for scene ${sceneHint}` })
    const result = deps.ingest.ingest(
      req.body,
      { source: `http:${req.ip ?? 'unknown'}`, operator: g ? `gateway:${g.id}` : (deps.operatorOf?.(req) ?? null) },
      sceneHint,
    )
    if (result.rejected.length === 1 && result.rejected[0].index === -1)
      return void res.status(400).json({ error: result.rejected[0].reason, ...result })
    res.status(result.rejected.length && !result.accepted ? 422 : 200).json(result)
  }
  r.post('/readings', gate, json, handle(undefined))
  r.post('/scenes/:id/readings', gate, json, (req, res) => handle(req.params.id as string)(req, res))
  return r
}
