/**
 * Scale-out wiring (REDIS_URL set): the shared Redis event store, socket.io's Redis *streams*
 * adapter (it keeps connection-state recovery working across instances), the ingest bus, the
 * leader lease and the log tail. The leader judges readings, appends, ticks and simulates;
 * followers serve screens, accept ingest and fold the leader's events.
 */
import { createClient } from 'redis'
import { randomUUID } from 'node:crypto'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import type { Application } from '../app'
import type { AcceptedBatch } from '../ingest/ingestService'
import { RedisEventStore } from '../store/redisEventStore'
import { LeaderLease } from './leaderLease'
import { RedisIngestBus } from './redisIngestBus'
import { RedisLogTail } from './redisLogTail'

export interface ScaleOut {
  store: RedisEventStore
  instanceId: string
  /** Route for accepted readings: onto the shared bus. */
  routeIngest: (b: AcceptedBatch) => void
  /** Attach to a built application and start competing for the lease. */
  attach(app: Application): Promise<void>
  readonly isLeader: boolean
  close(): Promise<void>
}

export async function connectScaleOut(
  url: string,
  sceneIds: string[],
  opts: { prefix?: string; instanceId?: string; leaseTtlMs?: number; log?: (m: string) => void } = {},
): Promise<ScaleOut> {
  const prefix = opts.prefix ?? 'safetwin'
  const instanceId = opts.instanceId ?? randomUUID()
  const log = opts.log ?? (() => {})
  const mk = async () => {
    const c = createClient({ url })
    c.on('error', (e: Error) => console.error('redis:', e.message))
    await c.connect()
    return c
  }
  const [writer, busReader, tailReader, adapterClient] = await Promise.all([mk(), mk(), mk(), mk()])
  const store = await RedisEventStore.connect(url, { prefix: `${prefix}:st` })
  const bus = new RedisIngestBus(writer, busReader, sceneIds, `${prefix}:ingest`)
  const tail = new RedisLogTail(tailReader, (s) => `${prefix}:st:{${s}}:ev`, sceneIds)
  let lease: LeaderLease | null = null
  let app: Application | null = null

  return {
    store,
    instanceId,
    routeIngest: (b) => {
      bus.publish(b).catch((e: Error) => console.error('ingest bus publish:', e.message))
    },
    get isLeader() {
      return lease?.isLeader ?? false
    },
    async attach(a) {
      app = a
      a.io.adapter(createAdapter(adapterClient, { streamName: `${prefix}:socket.io` }))
      const follow = () => {
        for (const h of a.hosts.values()) h.setDeciding(false)
        tail.start(
          (s) => a.hosts.get(s)!.logSeq,
          (s, e) => a.hosts.get(s)?.applyRemote(e),
        )
      }
      await a.recover()
      follow()
      lease = new LeaderLease(writer, {
        key: `${prefix}:leader`,
        instanceId,
        ttlMs: opts.leaseTtlMs,
        onAcquire: async () => {
          tail.stop()
          await a.recover()
          await bus.startConsuming((b) => a.hosts.get(b.sceneId)?.onIngest(b))
          for (const h of a.hosts.values()) h.setDeciding(true)
          a.start()
          log(`instance ${instanceId.slice(0, 8)} is the leader`)
        },
        onLose: () => {
          a.pause()
          bus.stopConsuming()
          follow()
          log(`instance ${instanceId.slice(0, 8)} lost the lease`)
        },
      })
      await lease.start()
    },
    async close() {
      tail.stop()
      bus.stopConsuming()
      await lease?.stop()
      app?.pause()
      // io.close() must run before the adapter's client quits (see stack notes).
      await new Promise((r) => setTimeout(r, 250))
      for (const c of [writer, busReader, tailReader, adapterClient]) await c.quit().catch(() => undefined)
      await store.close()
    },
  }
}
