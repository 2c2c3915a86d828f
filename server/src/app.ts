/**
 * Composition root: builds Express and socket.io around injected dependencies (clock, rng,
 * scenes, event store, options) and returns handles to start and stop it. `startServer.ts`
 * wires the real dependencies; tests wire virtual clocks, fixture scenes and temp databases.
 */
import { createServer, type Server as HttpServer } from 'node:http'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express from 'express'
import { Server } from 'socket.io'
import type { Clock } from '@sim/core/clock'
import type { Rng } from '@sim/core/rng'
import { sceneRoom } from '@sim/protocol/events'
import type { SceneRepository } from './scenes/sceneRepository'
import { SceneHost } from './scene/sceneHost'
import type { EventStore } from './store/eventStore'
import { IngestService, type AcceptedBatch } from './ingest/ingestService'
import { apiV1Router, healthRouter, jsonErrorHandler } from './http/apiRouter'
import { readingsRouter } from './http/readingsRouter'
import { installProtocolGuard } from './realtime/protocolGuard'
import { registerSceneHandlers } from './realtime/registerSceneHandlers'
import { registerAlarmHandlers } from './realtime/registerAlarmHandlers'
import { registerGatewayHandlers } from './realtime/registerGatewayHandlers'
import { rejectUnknownEvents } from './realtime/unknownEvents'
import { registerLeakHandlers } from './realtime/registerLeakHandlers'
import { registerReplayHandlers } from './realtime/registerReplayHandlers'
import { registerIncidentHandlers } from './realtime/registerIncidentHandlers'
import { registerDispatchHandlers } from './realtime/registerDispatchHandlers'
import { dispatchRouter } from './http/dispatchRouter'
import { peopleRouter } from './http/peopleRouter'
import type { TwinServer, TwinSocket } from './realtime/types'
import { Security } from './auth/security'
import { webhookOutboxModule, type WebhookConfig } from './notify/webhookOutbox'
import { SceneAudiences, audienceOf, audiencesOf } from './auth/audience'
import { audienceRoom, filterJoin } from './auth/views'
import { installSocketAuth, guardSocketEvents } from './auth/socketAuth'
import { securityHeaders, corsPolicy } from './http/hardening'
import { authRouter, AUDIT_LOG } from './http/authRouter'
import { decodeFrame, encodeFrame } from '@sim/protocol/telemetryFrame'

export interface AppDeps {
  clock: Clock
  rng: Rng
  scenes: SceneRepository
  store: EventStore
  /** Built client to serve (dist/client); omitted → API only. */
  staticDir?: string
  /** Run the built-in device simulator for every scene. */
  simulate?: boolean
  /** Record telemetry frames (default on). */
  record?: boolean
  /** Accounts, tokens, gateway credentials; default: demo mode with a random token secret. */
  security?: Security
  /** Outbound notification endpoints per tier (webhooks); unset tiers' notifications are marked failed, visibly. */
  webhooks?: WebhookConfig
  /** Origins allowed to call the API from another site (CORS); default none (same origin only). */
  corsOrigins?: string[]
  /** Where accepted readings go; default: straight to the scene host (embedded mode). */
  routeIngest?: (batch: AcceptedBatch) => void
  log?: (msg: string) => void
}

export interface Application {
  app: express.Express
  httpServer: HttpServer
  io: TwinServer
  hosts: Map<string, SceneHost>
  ingest: IngestService
  /** Rebuild folded state from the log (call once before start after a restart). */
  recover(): Promise<void>
  /** Start ticking every scene (simulator, frames, timers). */
  start(): void
  /** Stop ticking (a scale-out instance that lost the leader lease). */
  pause(): void
  close(): Promise<void>
}

export function createApplication(deps: AppDeps): Application {
  const log = deps.log ?? ((m: string) => console.log(m))
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  const httpServer = createServer(app)
  const io: TwinServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 2_000_000,
    connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false },
  })

  const security = deps.security ?? new Security({ demo: true, now: () => deps.clock.now() })
  const hosts = new Map<string, SceneHost>()
  const audiences = new Map<string, SceneAudiences>()
  /** Enterprises whose process data the park audience may see now: those with an open incident or leak. */
  const involved = (sceneId: string): Set<string> => {
    const h = hosts.get(sceneId)
    const out = new Set<string>()
    if (!h) return out
    for (const i of Object.values(h.response.state.incidents))
      if (i.status === 'open' && i.enterpriseId) out.add(i.enterpriseId)
    for (const l of Object.values(h.plume.twin.leaks))
      if (l.stoppedAt === null && l.enterpriseId) out.add(l.enterpriseId)
    return out
  }
  for (const loaded of deps.scenes.list()) {
    const aud = new SceneAudiences(loaded.scene)
    audiences.set(loaded.scene.id, aud)
    const audienceList = audiencesOf(loaded.scene)
    hosts.set(
      loaded.scene.id,
      new SceneHost(loaded, {
        clock: deps.clock,
        rng: deps.rng.fork(`scene:${loaded.scene.id}`),
        store: deps.store,
        simulate: deps.simulate ?? true,
        record: deps.record,
        modules: [webhookOutboxModule(deps.webhooks ?? { urls: {} }, deps.clock)],
        log,
        // Telemetry is volatile: a late frame is worthless, the next one is 100 ms away. Each
        // audience gets its own frame, with the process data it may not see withheld.
        emitFrame: (sceneId, frame) => {
          const f = decodeFrame(frame)
          const inv = involved(sceneId)
          for (const a of audienceList) {
            if (a === 'full') {
              io.to(audienceRoom(sceneId, a)).volatile.emit('telemetry:frame', frame)
              continue
            }
            const m = aud.maskFrame(a, f.values, f.status, inv)
            io.to(audienceRoom(sceneId, a)).volatile.emit(
              'telemetry:frame',
              encodeFrame({ seq: f.seq, t: f.t, flags: f.flags, values: m.values, status: m.status }),
            )
          }
        },
        // Log events are reliable and recoverable after a reconnect; masked or withheld per audience.
        emitEvent: (sceneId, event) => {
          const inv = involved(sceneId)
          for (const a of audienceList) {
            const e = aud.maskEvent(a, event, inv)
            if (e) io.to(audienceRoom(sceneId, a)).emit('log:event', e)
          }
        },
        // Plume and people go out reliably on the next turn of the event loop: a volatile telemetry
        // frame is dropped when anything else was written to the socket in the same tick, so the
        // 10 Hz frame goes first and everything else queues behind it.
        emitPlume: (u) => setImmediate(() => io.to(sceneRoom(u.sceneId)).emit('plume:update', u)),
        emitPeople: (sceneId, frame) => setImmediate(() => io.to(sceneRoom(sceneId)).emit('people:frame', frame)),
      }),
    )
  }
  const runtimes = new Map([...hosts].map(([id, h]) => [id, h.runtime]))
  const toHost = (b: AcceptedBatch) => hosts.get(b.sceneId)?.onIngest(b)
  const ingest = new IngestService({ runtimes, clock: deps.clock, onAccepted: deps.routeIngest ?? toHost })
  const startedAt = deps.clock.now()
  const apiDeps = {
    scenes: deps.scenes,
    hosts,
    store: deps.store,
    now: () => deps.clock.now(),
    startedAt,
    security,
    audiences,
    involved,
    audit,
  }

  /** Audit trail: logins, exports, refusals — hash-chained in the `_audit` log like any incident. */
  function audit(type: string, actor: string, detail: Record<string, unknown>): void {
    const t = deps.clock.now()
    void deps.store
      .append({ ...detail, sceneId: AUDIT_LOG, type, t, source: actor, operator: actor, drill: false, at: t })
      .catch((e) => log(`audit append failed: ${(e as Error).message}`))
  }

  app.use(securityHeaders)
  app.use('/api', corsPolicy(deps.corsOrigins ?? []))
  app.use('/api', healthRouter(apiDeps))
  app.use('/api/v1', authRouter(apiDeps))
  app.use('/api/v1', readingsRouter({ ingest, security }))
  app.use('/api/v1', apiV1Router(apiDeps))
  app.use('/api/v1', dispatchRouter({ hosts }))
  app.use('/api/v1', peopleRouter({ hosts }))
  app.use('/api', (req, res) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.originalUrl.slice(0, 200)}` })
  })
  if (deps.staticDir && existsSync(join(deps.staticDir, 'index.html'))) {
    const dir = deps.staticDir
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }))
    // Client-side routes (e.g. /wall/2) fall back to the app shell.
    app.get('/{*splat}', (_req, res) => res.sendFile(join(dir, 'index.html')))
  }
  app.use(jsonErrorHandler)

  installProtocolGuard(io)
  installSocketAuth(io, security)
  io.on('connection', (socket) => {
    guardSocketEvents(socket)
    rejectUnknownEvents(socket)
    const now = () => deps.clock.now()
    const who = (s: TwinSocket) => s.data.user.id
    registerSceneHandlers(io, socket, {
      hosts,
      now,
      audienceOf: (s) => audienceOf(s.data.user),
      viewFor: (s, sceneId, snap) =>
        filterJoin(audiences.get(sceneId)!, audienceOf(s.data.user), snap, involved(sceneId)),
    })
    registerAlarmHandlers(io, socket, {
      hosts,
      now,
      operator: who,
      // Enterprise staff act on their own enterprise's devices only.
      mayActOnDevice: (s, sceneId, deviceId) =>
        !s.data.user.enterpriseId || audiences.get(sceneId)?.ownerOf(deviceId) === s.data.user.enterpriseId,
    })
    registerGatewayHandlers(io, socket, { ingest, operator: () => socket.data.gateway ?? null })
    registerLeakHandlers(io, socket, { hosts, operator: who })
    registerReplayHandlers(io, socket, { hosts, store: deps.store, now })
    registerDispatchHandlers(io, socket, { hosts })
    registerIncidentHandlers(io, socket, {
      hosts,
      mayActOnIncident: (s, sceneId, incidentId) => {
        const ent = s.data.user.enterpriseId
        if (!ent) return true
        const inc = hosts.get(sceneId)?.response.state.incidents[incidentId]
        return !inc || inc.enterpriseId === ent
      },
    })
  })

  return {
    app,
    httpServer,
    io,
    hosts,
    ingest,
    async recover() {
      for (const h of hosts.values()) await h.recover()
    },
    start() {
      for (const h of hosts.values()) h.start()
      log(`simulating ${hosts.size} scene(s): ${[...hosts.keys()].join(', ')}`)
    },
    pause() {
      for (const h of hosts.values()) h.stop()
    },
    async close() {
      for (const h of hosts.values()) h.stop()
      for (const h of hosts.values()) await h.idle()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}
