/**
 * `npm start`: build the client if it is missing or older than its sources, then serve the
 * command center with the demo scenes and the simulator. Offline; no account needed.
 *
 * Environment: PORT (8080), HOST (0.0.0.0), SCENES_DIR (./scenes), SEED (20261129), DATA_DIR (./data),
 * MQTT_PORT (unset: no broker), REDIS_URL (unset: embedded mode; set: scale-out), SAFETWIN_DEMO
 * (1: demo mode, the default; 0: every screen logs in), SAFETWIN_USERS / SAFETWIN_GATEWAYS (accounts
 * and gateway credential files), SAFETWIN_TOKEN_SECRET, SAFETWIN_SM4_KEYS, SAFETWIN_CORS_ORIGINS.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from './startServer'
import { DEFAULT_STATIC_DIR, REPO_ROOT } from './paths'

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p))
    else newest = Math.max(newest, statSync(p).mtimeMs)
  }
  return newest
}

async function buildClientIfNeeded(): Promise<void> {
  const index = join(DEFAULT_STATIC_DIR, 'index.html')
  const sources = [join(REPO_ROOT, 'client'), join(REPO_ROOT, 'simulation/src')].filter(existsSync)
  const srcTime = Math.max(...sources.map(newestMtime))
  if (existsSync(index) && statSync(index).mtimeMs >= srcTime) return
  console.log('building the command-center client (first start or sources changed)…')
  const { build } = await import('vite')
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), logLevel: 'warn' })
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const v = Number(raw)
  if (!Number.isInteger(v) || v < 0 || v > 65535 * 65536) {
    console.error(`${name}=${raw} is not a valid integer`)
    process.exit(2)
  }
  return v
}

async function main(): Promise<void> {
  const port = intFromEnv('PORT', 8080)
  const seed = intFromEnv('SEED', 20261129)
  await buildClientIfNeeded()
  const server = await startServer({
    port,
    host: process.env.HOST ?? '0.0.0.0',
    scenesDir: process.env.SCENES_DIR || undefined,
    seed,
    redisUrl: process.env.REDIS_URL || undefined,
    mqttPort: process.env.MQTT_PORT ? intFromEnv('MQTT_PORT', 1883) : undefined,
    dataDir: process.env.DATA_DIR || undefined,
    demo: process.env.SAFETWIN_DEMO !== '0',
    usersFile: process.env.SAFETWIN_USERS || undefined,
    gatewaysFile: process.env.SAFETWIN_GATEWAYS || undefined,
    webhooks: {
      urls: {
        enterprise: process.env.SAFETWIN_WEBHOOK_ENTERPRISE || undefined,
        park: process.env.SAFETWIN_WEBHOOK_PARK || undefined,
        government: process.env.SAFETWIN_WEBHOOK_GOVERNMENT || undefined,
      },
      drills: process.env.SAFETWIN_WEBHOOKS_DRILLS === '1',
    },
    corsOrigins: process.env.SAFETWIN_CORS_ORIGINS
      ? process.env.SAFETWIN_CORS_ORIGINS.split(',').map((x) => x.trim())
      : undefined,
    log: (m) => console.log(m),
  })
  console.log(`SafeTwin command center: ${server.url}  (Ctrl+C to stop)`)
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
