/**
 * One conformance suite, run against both event stores: the embedded SQLite file and a real
 * redis-server. Whatever the back end, the log is gap-free, ordered, hash-chained, tamper-evident
 * and seekable.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EventStore } from '@server/store/eventStore'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { RedisEventStore } from '@server/store/redisEventStore'
import { startRedis, type RedisHandle } from '../../helpers/redisServer'

const T0 = Date.UTC(2026, 10, 29, 1, 0, 0)

function ev(sceneId: string, i: number, extra: Record<string, unknown> = {}) {
  return {
    sceneId,
    t: T0 + i * 1000,
    source: `gd-${i % 3}`,
    operator: i % 2 ? 'op-zhang' : null,
    drill: false,
    type: 'test.happened',
    n: i,
    detail: { a: [1, 2, i], b: 'x' },
    ...extra,
  }
}

interface Backend {
  name: string
  open(): Promise<EventStore>
  tamper(store: EventStore, sceneId: string, seq: number): Promise<void>
  cleanup?(): Promise<void>
}

let redis: RedisHandle
const backends: Backend[] = [
  {
    name: 'sqlite',
    open: async () => new SqliteEventStore(join(mkdtempSync(join(tmpdir(), 'st-sql-')), 'events.db'), () => 42),
    tamper: async (store, sceneId, seq) => {
      const db = (store as SqliteEventStore).raw
      const row = db.prepare('SELECT body FROM events WHERE scene = ? AND seq = ?').get(sceneId, seq) as {
        body: string
      }
      // An insider edits who acted, directly in the SQLite file.
      const altered = row.body.replace(/"operator":(null|"[^"]*")/, '"operator":"someone-else"')
      expect(altered).not.toBe(row.body)
      db.prepare('UPDATE events SET body = ? WHERE scene = ? AND seq = ?').run(altered, sceneId, seq)
    },
  },
  {
    name: 'redis',
    open: async () =>
      RedisEventStore.connect(redis.url, { prefix: `t${Math.random().toString(36).slice(2, 8)}`, wall: () => 42 }),
    // Stream entries cannot be edited in place (ids only grow), so tampering with Redis means
    // deleting an entry (and, to hide it, appending a forged one at the end).
    tamper: async (store, sceneId, seq) => {
      const s = store as RedisEventStore
      const key = `${(s as unknown as { prefix: string }).prefix}:{${sceneId}}:ev`
      const r = (await s.raw.sendCommand(['XRANGE', key, `${seq}-0`, `${seq}-0`])) as [string, string[]][]
      const fields = r[0][1]
      await s.raw.sendCommand(['XDEL', key, `${seq}-0`])
      await s.raw.sendCommand(['XADD', key, '999999-0', ...fields])
    },
  },
]

beforeAll(async () => {
  redis = await startRedis()
}, 30_000)
afterAll(async () => {
  await redis?.stop()
})

for (const b of backends) {
  describe(`event store conformance: ${b.name}`, () => {
    let store: EventStore
    beforeAll(async () => {
      store = await b.open()
    })
    afterAll(async () => {
      await store.close()
    })

    it('assigns gap-free seqs per scene and keeps appended content exactly', async () => {
      for (let i = 0; i < 25; i++) await store.append(ev('park-a', i))
      for (let i = 0; i < 5; i++) await store.append(ev('park-b', i))
      expect(await store.lastSeq('park-a')).toBe(25)
      expect(await store.lastSeq('park-b')).toBe(5)
      const all = await store.read('park-a')
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
      expect(all[7]).toMatchObject({
        n: 7,
        source: 'gd-1',
        operator: 'op-zhang',
        detail: { a: [1, 2, 7], b: 'x' },
        wall: 42,
        t: T0 + 7000,
      })
      const mid = await store.read('park-a', 10, 12)
      expect(mid.map((e) => e.n)).toEqual([9, 10, 11])
    })

    it('reads by time window', async () => {
      const w = await store.readByTime('park-a', T0 + 3000, T0 + 6000)
      expect(w.map((e) => e.n)).toEqual([3, 4, 5, 6])
    })

    it('chains every event to the previous one and verifies', async () => {
      const all = await store.read('park-a')
      for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash)
      expect(all[0].hash).toMatch(/^[0-9a-f]{64}$/)
      const r = await store.verify('park-a')
      expect(r).toMatchObject({ ok: true, checked: 25, lastSeq: 25 })
    })

    it('reports the first broken link when a stored event is altered', async () => {
      await store.append(ev('park-c', 0))
      await store.append(ev('park-c', 1))
      await store.append(ev('park-c', 2))
      await store.append(ev('park-c', 3))
      await b.tamper(store, 'park-c', 2)
      const r = await store.verify('park-c')
      expect(r.ok).toBe(false)
      expect(r.firstBroken?.seq).toBe(2)
    })

    it('stores frames and finds the full frame at or before a time', async () => {
      for (let k = 0; k < 50; k++) {
        const data = new Uint8Array([k, k + 1, k + 2, 255])
        await store.appendFrame({ sceneId: 'park-a', seq: k, t: T0 + k * 100, full: k % 10 === 0, data })
      }
      const fr = await store.readFrames('park-a', T0 + 1000, T0 + 1500)
      expect(fr.map((f) => f.seq)).toEqual([10, 11, 12, 13, 14, 15])
      expect(Array.from(fr[2].data)).toEqual([12, 13, 14, 255])
      const full = await store.fullFrameAtOrBefore('park-a', T0 + 2950)
      expect(full?.seq).toBe(20)
      expect(full?.full).toBe(true)
      expect(await store.fullFrameAtOrBefore('park-a', T0 - 1)).toBeUndefined()
    })

    it('stores reading batches with provenance, exactly', async () => {
      const batch = {
        sceneId: 'park-a',
        receivedAt: T0 + 500,
        source: 'http:127.0.0.1',
        operator: 'gw-07',
        idx: Uint32Array.from([3, 1, 4]),
        t: Float64Array.from([T0 + 100, T0 + 200, T0 + 300]),
        values: Float32Array.from([0.5, 12.25, -3]),
        quality: Uint8Array.from([0, 1, 2]),
      }
      await store.appendReadings(batch)
      await store.appendReadings({
        ...batch,
        receivedAt: T0 + 900,
        operator: null,
        idx: Uint32Array.from([9]),
        t: Float64Array.from([T0 + 800]),
        values: Float32Array.from([1]),
        quality: Uint8Array.from([0]),
      })
      const got = await store.readReadings('park-a', T0, T0 + 1000)
      expect(got).toHaveLength(2)
      expect(got[0]).toMatchObject({ receivedAt: T0 + 500, source: 'http:127.0.0.1', operator: 'gw-07' })
      expect(Array.from(got[0].idx)).toEqual([3, 1, 4])
      expect(Array.from(got[0].t)).toEqual([T0 + 100, T0 + 200, T0 + 300])
      expect(Array.from(got[0].values)).toEqual([0.5, 12.25, -3])
      expect(Array.from(got[0].quality)).toEqual([0, 1, 2])
      expect(got[1].operator).toBeNull()
      expect(await store.readReadings('park-a', T0 + 600, T0 + 800)).toHaveLength(0)
    })

    it('stores keyframes and returns the newest at or before a time', async () => {
      await store.putKeyframe({ sceneId: 'park-a', seq: 5, t: T0 + 5000, state: { alarms: ['a'] } })
      await store.putKeyframe({ sceneId: 'park-a', seq: 15, t: T0 + 15000, state: { alarms: ['a', 'b'] } })
      expect((await store.keyframeAtOrBefore('park-a', T0 + 14999))?.seq).toBe(5)
      expect(await store.keyframeAtOrBefore('park-a', T0 + 20000)).toMatchObject({
        seq: 15,
        state: { alarms: ['a', 'b'] },
      })
      expect(await store.keyframeAtOrBefore('park-a', T0)).toBeUndefined()
    })
  })
}

describe('redis store with two writers', () => {
  it('keeps one gap-free chain when two instances append concurrently', async () => {
    const prefix = `dup${Date.now() % 100000}`
    const a = await RedisEventStore.connect(redis.url, { prefix })
    const b = await RedisEventStore.connect(redis.url, { prefix })
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(ev('shared', i))))
    const all = await a.read('shared')
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(new Set(all.map((e) => e.n)).size).toBe(40)
    expect((await b.verify('shared')).ok).toBe(true)
    await a.close()
    await b.close()
  })
})
