/**
 * Composition root: builds Express and socket.io around injected dependencies (clock, rng,
 * scenes, options) and returns handles to start and stop it. `main.ts` wires the real
 * dependencies; tests wire virtual clocks and fixture scenes.
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
import { SceneRuntime } from './sim/sceneRuntime'
import { apiV1Router, healthRouter, jsonErrorHandler } from './http/apiRouter'
import { installProtocolGuard } from './realtime/protocolGuard'
import { registerSceneHandlers } from './realtime/registerSceneHandlers'
import { rejectUnknownEvents } from './realtime/unknownEvents'
import type { TwinServer } from './realtime/types'

export interface AppDeps {
  clock: Clock
  rng: Rng
  scenes: SceneRepository
  /** Built client to serve (dist/client); omitted → API only. */
  staticDir?: string
  /** Run the built-in device simulator for every scene. */
  simulate?: boolean
  log?: (msg: string) => void
}

export interface Application {
  app: express.Express
  httpServer: HttpServer
  io: TwinServer
  runtimes: Map<string, SceneRuntime>
  start(): void
  close(): Promise<void>
}

export function createApplication(deps: AppDeps): Application {
  const log = deps.log ?? ((m: string) => console.log(m))
  const app = express()
  app.disable('x-powered-by')
  const httpServer = createServer(app)
  const io: TwinServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false },
  })

  const runtimes = new Map<string, SceneRuntime>()
  for (const loaded of deps.scenes.list()) {
    const rt = new SceneRuntime(loaded, {
      clock: deps.clock,
      rng: deps.rng.fork(`scene:${loaded.scene.id}`),
      simulate: deps.simulate ?? true,
      // Telemetry is volatile: a late frame is worthless, the next one is 100 ms away.
      onFrame: (sceneId, frame) => io.to(sceneRoom(sceneId)).volatile.emit('telemetry:frame', frame),
    })
    runtimes.set(loaded.scene.id, rt)
  }
  const startedAt = deps.clock.now()
  const apiDeps = { scenes: deps.scenes, runtimes, now: () => deps.clock.now(), startedAt }

  app.use('/api', healthRouter(apiDeps))
  app.use('/api/v1', apiV1Router(apiDeps))
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
    registerSceneHandlers(io, socket, { runtimes, now: () => deps.clock.now() })
  })

  return {
    app,
    httpServer,
    io,
    runtimes,
    start() {
      for (const rt of runtimes.values()) rt.start()
      log(`simulating ${runtimes.size} scene(s): ${[...runtimes.keys()].join(', ')}`)
    },
    async close() {
      for (const rt of runtimes.values()) rt.stop()
      await new Promise<void>((resolve) => io.close(() => resolve()))
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}
