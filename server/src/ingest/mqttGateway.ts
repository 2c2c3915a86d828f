/**
 * Embedded MQTT broker (aedes) for field gateways. Topic scheme (documented in docs/api.md):
 *   safetwin/{scene}/{device}/reading   payload {t, value, unit, quality?} — one reading
 *   safetwin/{scene}/readings           payload [ {device, t, value, unit, quality?}, … ] — a batch
 * Every rejected item is published back on `safetwin/{scene}/rejected` as
 *   {client, rejected: [{index, device, reason}]}, so a gateway can subscribe to its own errors.
 * Malformed payloads are rejected the same way; the broker and the server stay up.
 */
import { createServer, type Server as NetServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { Aedes } from 'aedes'
import type { IngestService } from './ingestService'

export interface MqttGateway {
  port: number
  broker: Aedes
  close(): Promise<void>
}

export interface MqttGatewayOptions {
  port: number
  host?: string
  ingest: IngestService
  /** Device-credential check (username/password → gateway id, or null to refuse). Absent: anonymous allowed. */
  authenticate?: (username: string | undefined, password: string | undefined) => string | null
}

const TOPIC_ONE = /^safetwin\/([^/]+)\/([^/]+)\/reading$/
const TOPIC_BATCH = /^safetwin\/([^/]+)\/readings$/

export async function startMqttGateway(opts: MqttGatewayOptions): Promise<MqttGateway> {
  const broker = await Aedes.createBroker()
  const gatewayOf = new WeakMap<object, string | null>()
  if (opts.authenticate) {
    const auth = opts.authenticate
    broker.authenticate = (client, username, password, done) => {
      const id = auth(username, password?.toString('utf8'))
      if (!id) {
        const err = Object.assign(new Error('bad gateway credentials'), { returnCode: 4 as const })
        return done(err, false)
      }
      gatewayOf.set(client, id)
      done(null, true)
    }
  }
  // Gateways may only publish readings; the rejection topic is the server's to write.
  broker.authorizePublish = (client, packet, cb) => {
    if (client && packet.topic.endsWith('/rejected')) return cb(new Error('topic is read-only'))
    cb(null)
  }
  broker.on('publish', (packet, client) => {
    if (!client) return // our own publications
    let scene: string | undefined
    let items: unknown
    try {
      const one = TOPIC_ONE.exec(packet.topic)
      const batch = TOPIC_BATCH.exec(packet.topic)
      if (!one && !batch) return
      scene = (one ?? batch)![1]
      let body: unknown
      try {
        body = JSON.parse(packet.payload.toString('utf8'))
      } catch {
        return reject(scene, client.id, [{ index: -1, reason: 'payload: not valid JSON' }])
      }
      if (one) {
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          return reject(scene, client.id, [
            { index: 0, device: one[2], reason: 'payload: expected a JSON object {t, value, unit}' },
          ])
        items = [{ ...(body as object), device: one[2] }]
      } else items = body
      const r = opts.ingest.ingest(
        items,
        { source: `mqtt:${client.id}`, operator: gatewayOf.get(client) ?? null },
        scene,
      )
      if (r.rejected.length) reject(scene, client.id, r.rejected)
    } catch (e) {
      console.error('mqtt ingest failed:', e)
    }
  })

  function reject(
    scene: string,
    clientId: string,
    rejected: { index: number; device?: string; reason: string }[],
  ): void {
    broker.publish(
      {
        cmd: 'publish',
        topic: `safetwin/${scene}/rejected`,
        payload: Buffer.from(JSON.stringify({ client: clientId, rejected })),
        qos: 0,
        retain: false,
        dup: false,
      },
      () => {},
    )
  }

  const server: NetServer = createServer(broker.handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    broker,
    close: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()))
      }),
  }
}
