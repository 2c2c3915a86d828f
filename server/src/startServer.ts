/**
 * Start a complete server (scenes, simulator, HTTP, sockets) and listen. Used by `npm start`
 * and by integration and end-to-end tests (port 0 → a free port).
 */
import type { AddressInfo } from 'node:net'
import type { Clock } from '@sim/core/clock'
import { createRng } from '@sim/core/rng'
import { createApplication, type Application } from './app'
import { RealClock } from './core/clocks'
import { SceneRepository } from './scenes/sceneRepository'
import { DEFAULT_DATA_DIR, DEFAULT_SCENES_DIR, DEFAULT_STATIC_DIR } from './paths'
import type { EventStore } from './store/eventStore'
import { SqliteEventStore } from './store/sqliteEventStore'
import { startMqttGateway, type MqttGateway } from './ingest/mqttGateway'
import { join } from 'node:path'

export interface StartOptions {
  port?: number
  host?: string
  scenesDir?: string
  staticDir?: string
  seed?: number
  clock?: Clock
  simulate?: boolean
  /** Event store; default: SQLite file `${dataDir}/safetwin.db`. */
  store?: EventStore
  dataDir?: string
  /** Start the embedded MQTT broker on this port (0 = any free port); undefined = no broker. */
  mqttPort?: number
  log?: (msg: string) => void
}

export interface RunningServer {
  url: string
  port: number
  application: Application
  store: EventStore
  mqtt: MqttGateway | null
  close(): Promise<void>
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const scenes = SceneRepository.fromDirectory(opts.scenesDir ?? DEFAULT_SCENES_DIR)
  const clock = opts.clock ?? new RealClock()
  const store = opts.store ?? new SqliteEventStore(join(opts.dataDir ?? DEFAULT_DATA_DIR, 'safetwin.db'))
  const application = createApplication({
    clock,
    store,
    rng: createRng(opts.seed ?? 20261129),
    scenes,
    staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
    simulate: opts.simulate ?? true,
    log: opts.log ?? (() => {}),
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    application.httpServer.once('error', reject)
    application.httpServer.listen(opts.port ?? 8080, host, () => resolve())
  })
  await application.recover()
  application.start()
  const mqtt = opts.mqttPort === undefined ? null : await startMqttGateway({ port: opts.mqttPort, host, ingest: application.ingest })
  const port = (application.httpServer.address() as AddressInfo).port
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return {
    url: `http://${shownHost}:${port}`,
    port,
    application,
    store,
    mqtt,
    async close() {
      await mqtt?.close()
      await application.close()
      await store.close()
    },
  }
}
