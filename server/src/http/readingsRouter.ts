/**
 * HTTP batch ingest: POST /api/v1/readings (items may name their scene) and
 * POST /api/v1/scenes/:id/readings. A JSON array, optionally gzip/deflate-encoded (Content-Encoding);
 * the answer lists every rejected item with its reason, and the valid items are kept.
 */
import express, { Router } from 'express'
import type { IngestService } from '../ingest/ingestService'

export interface ReadingsRouterDeps {
  ingest: IngestService
  /** Max body size; large gateways batch ~10k readings ≈ 1 MB. */
  limit?: string
  /** Who is sending (authenticated gateway), or null. */
  operatorOf?: (req: express.Request) => string | null
}

export function readingsRouter(deps: ReadingsRouterDeps): Router {
  const r = Router()
  // body-parser inflates gzip and deflate bodies itself when Content-Encoding says so.
  const json = express.json({ limit: deps.limit ?? '5mb', inflate: true, strict: false, type: ['application/json', 'application/*+json'] })
  const handle = (sceneHint: string | undefined) => (req: express.Request, res: express.Response) => {
    const result = deps.ingest.ingest(req.body, { source: `http:${req.ip ?? 'unknown'}`, operator: deps.operatorOf?.(req) ?? null }, sceneHint)
    if (result.rejected.length === 1 && result.rejected[0].index === -1) return void res.status(400).json({ error: result.rejected[0].reason, ...result })
    res.status(result.rejected.length && !result.accepted ? 422 : 200).json(result)
  }
  r.post('/readings', json, handle(undefined))
  r.post('/scenes/:id/readings', json, (req, res) => handle(req.params.id as string)(req, res))
  return r
}
