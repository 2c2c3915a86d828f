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
import { connectScaleOut, type ScaleOut } from './scale/scaleOut'
import { Security } from './auth/security'
import type { WebhookConfig } from './notify/webhookOutbox'
import { SceneAudiences, deviceOfAlarm } from './auth/audience'
import { Sm4Cipher } from './store/sm4Cipher'

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
  /** Scale-out mode: shared Redis for the log, ingest bus, socket fan-out and leader lease. */
  redisUrl?: string
  /** Key prefix in Redis (tests isolate runs with it). */
  redisPrefix?: string
  instanceId?: string
  /** Demo mode: visitors get in without logging in (flagged), demo accounts and demo gateway exist. Default true. */
  demo?: boolean
  /** Accounts file (JSON, see docs/security.md); gateways file likewise. */
  usersFile?: string
  gatewaysFile?: string
  /** Shared token secret (scale-out instances must share it); default: SAFETWIN_TOKEN_SECRET or data/token.secret. */
  tokenSecret?: Buffer
  corsOrigins?: string[]
  webhooks?: WebhookConfig
  log?: (msg: string) => void
}

export interface RunningServer {
  url: string
  port: number
  application: Application
  store: EventStore
  mqtt: MqttGateway | null
  scaleOut: ScaleOut | null
  close(): Promise<void>
}

/**
 * SM4 at rest for the embedded store: the key from SAFETWIN_SM4_KEYS or data/sm4.keys; the
 * sealed event fields are the values of devices that carry an enterprise's process data.
 */
export function sealingFor(scenes: SceneRepository, dataDir: string) {
  const aud = new Map(scenes.list().map((l) => [l.scene.id, new SceneAudiences(l.scene)]))
  return {
    cipher: Sm4Cipher.fromEnvOrFile(join(dataDir, 'sm4.keys')),
    sensitive: (e: { sceneId: string; [k: string]: unknown }) => {
      const a = aud.get(e.sceneId)
      if (!a) return []
      const dev =
        typeof e.deviceId === 'string' ? e.deviceId : typeof e.alarmId === 'string' ? deviceOfAlarm(e.alarmId) : null
      return dev && a.isSensitive(dev) ? ['value', 'limit', 'peak'] : []
    },
  }
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const scenes = SceneRepository.fromDirectory(opts.scenesDir ?? DEFAULT_SCENES_DIR)
  const clock = opts.clock ?? new RealClock()
  const log = opts.log ?? (() => {})
  const scaleOut = opts.redisUrl
    ? await connectScaleOut(
        opts.redisUrl,
        scenes.list().map((s) => s.scene.id),
        { prefix: opts.redisPrefix, instanceId: opts.instanceId, log },
      )
    : null
  const store =
    scaleOut?.store ??
    opts.store ??
    new SqliteEventStore(
      join(opts.dataDir ?? DEFAULT_DATA_DIR, 'safetwin.db'),
      undefined,
      sealingFor(scenes, opts.dataDir ?? DEFAULT_DATA_DIR),
    )
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR
  const security = new Security({
    demo: opts.demo ?? true,
    now: () => clock.now(),
    tokenSecret: opts.tokenSecret,
    secretFile: opts.store || opts.redisUrl ? undefined : join(dataDir, 'token.secret'),
    usersFile: opts.usersFile,
    gatewaysFile: opts.gatewaysFile,
  })
  const application = createApplication({
    clock,
    store,
    security,
    corsOrigins: opts.corsOrigins,
    webhooks: opts.webhooks,
    routeIngest: scaleOut?.routeIngest,
    rng: createRng(opts.seed ?? 20261129),
    scenes,
    staticDir: opts.staticDir ?? DEFAULT_STATIC_DIR,
    simulate: opts.simulate ?? true,
    log,
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    application.httpServer.once('error', reject)
    application.httpServer.listen(opts.port ?? 8080, host, () => resolve())
  })
  if (scaleOut) await scaleOut.attach(application)
  else {
    await application.recover()
    application.start()
  }
  const mqtt =
    opts.mqttPort === undefined
      ? null
      : await startMqttGateway({
          port: opts.mqttPort,
          host,
          ingest: application.ingest,
          // Device credentials: an MQTT client must log in as a known gateway.
          authenticate: (user, pass) => security.gateways.checkPair(user, pass)?.id ?? null,
        })
  const port = (application.httpServer.address() as AddressInfo).port
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  return {
    url: `http://${shownHost}:${port}`,
    port,
    application,
    store,
    mqtt,
    scaleOut,
    async close() {
      await mqtt?.close()
      application.pause()
      await application.close()
      if (scaleOut) await scaleOut.close()
      else await store.close()
    },
  }
}
