/**
 * REST under /api/v1 (and /api/health). JSON errors always: `{ "error": "…" }` with a status
 * that says whose fault it was.
 */
import express, { Router, type Request, type Response, type NextFunction } from 'express'
import { LeakRequestSchema, describeZodError } from '@sim/protocol/messages'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { SceneRepository } from '../scenes/sceneRepository'
import type { SceneHost } from '../scene/sceneHost'
import type { EventStore } from '../store/eventStore'
import { openApiDocument } from './openapi'
import { stateAt } from '../replay/stateAt'
import { buildReport } from '../drill/drillReport'
import { reportHtml } from '../report/reportHtml'
import { defaultDrillModules } from '../drill/modules'
import type { Security } from '../auth/security'
import type { Permission } from '../auth/roles'
import { audienceOf, type Audience, type SceneAudiences } from '../auth/audience'
import { filterAlarms, filterJoin } from '../auth/views'

export interface ApiDeps {
  scenes: SceneRepository
  hosts: ReadonlyMap<string, SceneHost>
  store: EventStore
  now: () => number
  startedAt: number
  operatorOf?: (req: Request) => string | null
  security?: Security
  audiences?: ReadonlyMap<string, SceneAudiences>
  involved?: (sceneId: string) => Set<string>
  audit?: (type: string, actor: string, detail: Record<string, unknown>) => void
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
  const pass = (_req: Request, _res: Response, next: NextFunction) => next()
  const guard = (p: Permission) => (deps.security ? deps.security.require(p) : pass)
  const audienceFor = (req: Request): Audience => (req.user ? audienceOf(req.user) : 'full')
  r.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument)
  })
  r.get('/scenes', guard('scene.view'), (_req, res) => {
    res.json(
      deps.scenes
        .list()
        .map(({ scene }) => ({ id: scene.id, kind: scene.kind, name: scene.name, devices: scene.devices.length })),
    )
  })
  r.get('/scenes/:id', guard('scene.view'), (req, res) => {
    const id = String(req.params.id)
    const s = deps.scenes.get(id)
    if (!s) return void res.status(404).json({ error: `unknown scene "${id.slice(0, 64)}"` })
    res.json(s.scene)
  })
  const host = (req: Request, res: Response): SceneHost | undefined => {
    const h = deps.hosts.get(req.params.id as string)
    if (!h) res.status(404).json({ error: `unknown scene "${String(req.params.id).slice(0, 64)}"` })
    return h
  }
  r.get('/scenes/:id/status', guard('scene.view'), (req, res) => {
    const h = host(req, res)
    if (!h) return
    const rt = h.runtime
    res.json({
      sceneId: rt.sceneId,
      frameSeq: rt.seq,
      lastFrameT: rt.lastFrameT,
      devices: rt.values.length,
      logSeq: h.screenSnapshot().seq,
    })
  })
  r.get('/scenes/:id/alarms', guard('scene.view'), (req, res) => {
    const h = host(req, res)
    if (!h) return
    const snap = h.screenSnapshot()
    const aud = deps.audiences?.get(h.sceneId)
    res.json(aud ? filterJoin(aud, audienceFor(req), snap, deps.involved?.(h.sceneId) ?? new Set()) : snap)
  })
  r.post('/scenes/:id/leaks', guard('leak.simulate'), express.json({ limit: '16kb' }), async (req, res, next) => {
    try {
      const h = host(req, res)
      if (!h) return
      const p = LeakRequestSchema.safeParse(req.body)
      if (!p.success) return void res.status(400).json({ error: describeZodError(p.error) })
      const who = req.user?.id ?? deps.operatorOf?.(req) ?? null
      const r = await h.startLeak(p.data, { source: who ?? `http:${req.ip}`, operator: who, cause: 'operator' })
      if ('error' in r) return void res.status(400).json({ error: r.error })
      res.status(201).json(r)
    } catch (e) {
      next(e)
    }
  })
  r.get('/scenes/:id/plume', guard('scene.view'), (req, res) => {
    const h = host(req, res)
    if (!h) return
    const u = h.plume.latest()
    res.json(u ? { ...u, field: Buffer.from(u.field).toString('base64') } : null)
  })
  // The state of the scene at a past time t (ms), rebuilt from the log — what the screens showed.
  r.get('/scenes/:id/state', guard('replay'), async (req, res, next) => {
    try {
      const h = host(req, res)
      if (!h) return
      const t = Number(req.query.t)
      if (!Number.isFinite(t) || t <= 0)
        return void res.status(400).json({ error: 't: a time in ms since the epoch is required' })
      await h.idle()
      const s = await stateAt(deps.store, h.loaded, t)
      const aud = deps.audiences?.get(h.sceneId)
      const a = audienceFor(req)
      // What was involved at t (incidents open then) decides what the park audience may see.
      const inv = new Set(
        Object.values(s.response.incidents)
          .filter((i) => i.status === 'open' && i.enterpriseId)
          .map((i) => i.enterpriseId!),
      )
      const m = aud ? aud.maskFrame(a, s.values, s.status, inv) : { values: s.values, status: s.status }
      const alarms = aud ? filterAlarms(aud, a, s.alarms, inv) : s.alarms
      res.json({
        t: s.t,
        seq: s.seq,
        frameT: s.frameT,
        alarms,
        twin: s.twin,
        response: s.response,
        values: Array.from(m.values, (v) => (v === v ? v : null)),
        status: Array.from(m.status),
      })
    } catch (e) {
      next(e)
    }
  })
  // The incident report over a window (default: the whole log), JSON or printable HTML.
  r.get(['/scenes/:id/report', '/scenes/:id/report.html'], guard('report'), async (req, res, next) => {
    try {
      const h = host(req, res)
      if (!h) return
      await h.idle()
      const all = await deps.store.read(h.sceneId)
      const from = req.query.from !== undefined ? Number(req.query.from) : (all[0]?.t ?? deps.now())
      const to = req.query.to !== undefined ? Number(req.query.to) : deps.now()
      if (!Number.isFinite(from) || !Number.isFinite(to) || to < from)
        return void res.status(400).json({ error: 'from/to: ms since the epoch, to ≥ from' })
      const events = all.filter((e) => e.t >= from && e.t <= to)
      const chain = await deps.store.verify(h.sceneId)
      const aud = deps.audiences?.get(h.sceneId)
      const a = audienceFor(req)
      const inv = deps.involved?.(h.sceneId) ?? new Set<string>()
      const visible = aud
        ? events.map((e) => aud.maskEvent(a, e, inv)).filter((e): e is typeof e & object => e !== null)
        : events
      const report = buildReport({
        events: visible,
        sceneId: h.sceneId,
        scenario: null,
        t0: from,
        t1: to,
        chainVerified: chain.ok,
        notes: [],
        contributors: defaultDrillModules()
          .map((f) => f(h))
          .filter((c): c is NonNullable<typeof c> => !!c),
      })
      deps.audit?.('audit.export', req.user?.id ?? 'anonymous', {
        what: req.path.endsWith('.html') ? 'report.html' : 'report',
        scene: h.sceneId,
        from,
        to,
      })
      if (!req.path.endsWith('.html')) return void res.json(report)
      const rings = (h.plume.latest()?.zones ?? []).map((z) => ({ label: z.label, ring: z.ring }))
      res.type('html').send(reportHtml(report, h.loaded.scene, rings, req.query.lang === 'en' ? 'en' : 'zh'))
    } catch (e) {
      next(e)
    }
  })
  r.get('/scenes/:id/events', guard('report'), async (req, res, next) => {
    try {
      const h = host(req, res)
      if (!h) return
      const from = intParam(req.query.from, 1)
      const limit = intParam(req.query.limit, 1000)
      if (from === null || limit === null)
        return void res.status(400).json({ error: 'from and limit must be positive integers' })
      const aud = deps.audiences?.get(h.sceneId)
      const a = audienceFor(req)
      const inv = deps.involved?.(h.sceneId) ?? new Set<string>()
      const events = await deps.store.read(h.sceneId, from, from + Math.min(limit, 10_000) - 1)
      deps.audit?.('audit.export', req.user?.id ?? 'anonymous', {
        what: 'events',
        scene: h.sceneId,
        from,
        count: events.length,
      })
      res.json(aud ? events.map((e) => aud.maskEvent(a, e, inv)).filter((e) => e !== null) : events)
    } catch (e) {
      next(e)
    }
  })
  r.get('/scenes/:id/verify', guard('report'), async (req, res, next) => {
    try {
      const h = host(req, res)
      if (!h) return
      await h.idle()
      res.json(await deps.store.verify(h.sceneId))
    } catch (e) {
      next(e)
    }
  })
  return r
}

function intParam(v: unknown, fallback: number): number | null {
  if (v === undefined) return fallback
  const n = Number(v)
  return Number.isInteger(n) && n > 0 ? n : null
}

/** Last-resort JSON error handler: malformed JSON bodies and anything thrown in a route. */
export function jsonErrorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string }
  const status = e.status ?? e.statusCode ?? 500
  if (status >= 500) console.error('request failed:', err)
  res.status(status).json({ error: status >= 500 ? 'internal error' : (e.message ?? 'bad request') })
}
