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
import { peopleRouter } from './http/peopleRouter'
import { installProtocolGuard } from './realtime/protocolGuard'
import { registerSceneHandlers } from './realtime/registerSceneHandlers'
import { registerAlarmHandlers } from './realtime/registerAlarmHandlers'
import { registerGatewayHandlers } from './realtime/registerGatewayHandlers'
import { rejectUnknownEvents } from './realtime/unknownEvents'
import { registerLeakHandlers } from './realtime/registerLeakHandlers'
import { registerReplayHandlers } from './realtime/registerReplayHandlers'
import { registerIncidentHandlers } from './realtime/registerIncidentHandlers'
import type { TwinServer } from './realtime/types'

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

  const hosts = new Map<string, SceneHost>()
  for (const loaded of deps.scenes.list()) {
    hosts.set(
      loaded.scene.id,
      new SceneHost(loaded, {
        clock: deps.clock,
        rng: deps.rng.fork(`scene:${loaded.scene.id}`),
        store: deps.store,
        simulate: deps.simulate ?? true,
        record: deps.record,
        log,
        // Telemetry is volatile: a late frame is worthless, the next one is 100 ms away.
        emitFrame: (sceneId, frame) => io.to(sceneRoom(sceneId)).volatile.emit('telemetry:frame', frame),
        // Log events are reliable and recoverable after a reconnect.
        emitEvent: (sceneId, event) => io.to(sceneRoom(sceneId)).emit('log:event', event),
        emitPlume: (u) => io.to(sceneRoom(u.sceneId)).volatile.emit('plume:update', u),
        emitPeople: (sceneId, frame) => io.to(sceneRoom(sceneId)).volatile.emit('people:frame', frame),
      }),
    )
  }
  const runtimes = new Map([...hosts].map(([id, h]) => [id, h.runtime]))
  const toHost = (b: AcceptedBatch) => hosts.get(b.sceneId)?.onIngest(b)
  const ingest = new IngestService({ runtimes, clock: deps.clock, onAccepted: deps.routeIngest ?? toHost })
  const startedAt = deps.clock.now()
  const apiDeps = { scenes: deps.scenes, hosts, store: deps.store, now: () => deps.clock.now(), startedAt }

  app.use('/api', healthRouter(apiDeps))
  app.use('/api/v1', readingsRouter({ ingest }))
  app.use('/api/v1', apiV1Router(apiDeps))
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
  io.on('connection', (socket) => {
    rejectUnknownEvents(socket)
    const now = () => deps.clock.now()
    registerSceneHandlers(io, socket, { hosts, now })
    registerAlarmHandlers(io, socket, { hosts, now, operator: () => 'demo-operator' })
    registerGatewayHandlers(io, socket, { ingest, operator: () => null })
    registerLeakHandlers(io, socket, { hosts, operator: () => 'demo-operator' })
    registerReplayHandlers(io, socket, { hosts, store: deps.store, now })
    registerIncidentHandlers(io, socket, { hosts })
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
