/**
 * Scale-out event store on Redis. Per scene:
 *   st:{scene}:ev      stream, entry id `${seq}-0`, field e = canonical event JSON, p = prevHash, h = hash
 *   st:{scene}:evt     sorted set: score t, member seq (time index)
 *   st:{scene}:fr      stream of telemetry frames, entry id `${t}-${n}`, fields s, f (full), d (bytes)
 *   st:{scene}:frfull  sorted set: score t, member frame entry id (full frames, for seeking)
 *   st:{scene}:kf      sorted set: score t, member JSON {seq, t, state}
 *
 * Several instances append to one log: the stream id carries the seq, and Redis refuses an id
 * that is not greater than the last one, so two instances racing for seq N cannot both win.
 * The loser re-reads the head and retries; the Lua script keeps the stream and its time index
 * in step atomically.
 */
import { createClient, RESP_TYPES } from 'redis'
// node-redis' client generics (modules × functions × scripts × RESP × type mapping) do not survive
// being stored in a field; the store only uses sendCommand, whose replies are cast where read.
import { canonicalJson } from './canonicalJson'
import { chainHash, GENESIS_HASH, verifyEvents, type ChainReport } from './hashChain'
import type { AppendInput, EventStore, Keyframe, ReadingBatchRecord, StoredEvent, StoredFrame } from './eventStore'
import { decodeReadingBatch, encodeReadingBatch } from './readingBatchCodec'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Client = any

const APPEND_LUA = `
local ok = redis.pcall('XADD', KEYS[1], ARGV[1], 'e', ARGV[2], 'p', ARGV[3], 'h', ARGV[4])
if type(ok) == 'table' and ok.err then return ok end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
return ok`

export class RedisEventStore implements EventStore {
  readonly kind = 'redis' as const
  private heads = new Map<string, { seq: number; hash: string }>()

  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
    private readonly wall: () => number,
  ) {}

  static async connect(url: string, opts: { prefix?: string; wall?: () => number } = {}): Promise<RedisEventStore> {
    const client = createClient({ url })
    client.on('error', (e) => console.error('redis event store:', e.message))
    await client.connect()
    return new RedisEventStore(client, opts.prefix ?? 'st', opts.wall ?? (() => Date.now()))
  }

  private key(scene: string, k: string): string {
    return `${this.prefix}:{${scene}}:${k}`
  }

  private async readHead(sceneId: string): Promise<{ seq: number; hash: string }> {
    const r = (await this.client.sendCommand(['XREVRANGE', this.key(sceneId, 'ev'), '+', '-', 'COUNT', '1'])) as [
      string,
      string[],
    ][]
    if (!r || r.length === 0) return { seq: 0, hash: GENESIS_HASH }
    const [id, fields] = r[0]
    return { seq: Number(id.split('-')[0]), hash: field(fields, 'h') }
  }

  async append(input: AppendInput): Promise<StoredEvent> {
    for (let attempt = 0; attempt < 50; attempt++) {
      let head = this.heads.get(input.sceneId)
      if (!head) {
        head = await this.readHead(input.sceneId)
        this.heads.set(input.sceneId, head)
      }
      const seq = head.seq + 1
      const event = { ...input, seq, wall: input.wall ?? this.wall() } as Omit<StoredEvent, 'hash' | 'prevHash'>
      const hash = chainHash(head.hash, event)
      const reply = await this.client
        .sendCommand([
          'EVAL',
          APPEND_LUA,
          '2',
          this.key(input.sceneId, 'ev'),
          this.key(input.sceneId, 'evt'),
          `${seq}-0`,
          canonicalJson(event),
          head.hash,
          hash,
          String(input.t),
          String(seq),
        ])
        .catch((e: Error) => e)
      if (reply instanceof Error) {
        if (/equal or smaller/.test(reply.message)) {
          // Another instance appended first: take its head and try again.
          this.heads.delete(input.sceneId)
          continue
        }
        throw reply
      }
      this.heads.set(input.sceneId, { seq, hash })
      return { ...event, prevHash: head.hash, hash } as StoredEvent
    }
    throw new Error(`redis event store: could not append to ${input.sceneId} after 50 attempts (contention)`)
  }

  async read(sceneId: string, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): Promise<StoredEvent[]> {
    const out: StoredEvent[] = []
    let start = `${Math.max(1, fromSeq)}-0`
    const end = toSeq >= Number.MAX_SAFE_INTEGER ? '+' : `${toSeq}-0`
    for (;;) {
      const r = (await this.client.sendCommand(['XRANGE', this.key(sceneId, 'ev'), start, end, 'COUNT', '2000'])) as [
        string,
        string[],
      ][]
      if (!r.length) break
      for (const [, fields] of r) out.push(parseEntry(fields))
      const lastId = r[r.length - 1][0]
      start = `(${lastId}`
      if (r.length < 2000) break
    }
    return out
  }

  async readByTime(sceneId: string, t0: number, t1: number): Promise<StoredEvent[]> {
    const seqs = (await this.client.sendCommand([
      'ZRANGE',
      this.key(sceneId, 'evt'),
      String(t0),
      String(t1),
      'BYSCORE',
    ])) as string[]
    if (!seqs.length) return []
    const nums = seqs.map(Number).sort((a, b) => a - b)
    const all = await this.read(sceneId, nums[0], nums[nums.length - 1])
    const want = new Set(nums)
    return all.filter((e) => want.has(e.seq))
  }

  async lastSeq(sceneId: string): Promise<number> {
    return (await this.readHead(sceneId)).seq
  }

  async verify(sceneId: string): Promise<ChainReport> {
    return verifyEvents(await this.read(sceneId))
  }

  async appendFrame(f: StoredFrame): Promise<void> {
    const added = (await this.client.sendCommand([
      'XADD',
      this.key(f.sceneId, 'fr'),
      `${Math.round(f.t)}-*`,
      's',
      String(f.seq),
      'f',
      f.full ? '1' : '0',
      'd',
      Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
    ])) as string
    if (f.full) await this.client.sendCommand(['ZADD', this.key(f.sceneId, 'frfull'), String(f.t), added])
  }

  private async rangeFrames(sceneId: string, start: string, end: string, count?: number): Promise<StoredFrame[]> {
    const bin = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
    const args = ['XRANGE', this.key(sceneId, 'fr'), start, end]
    if (count) args.push('COUNT', String(count))
    const r = (await bin.sendCommand(args)) as [Buffer, Buffer[]][]
    return r.map(([id, fields]) => {
      const m = new Map<string, Buffer>()
      for (let i = 0; i < fields.length; i += 2) m.set(fields[i].toString(), fields[i + 1])
      const d = m.get('d')!
      return {
        sceneId,
        seq: Number(m.get('s')!.toString()),
        t: Number(id.toString().split('-')[0]),
        full: m.get('f')!.toString() === '1',
        data: new Uint8Array(d.buffer, d.byteOffset, d.byteLength),
      }
    })
  }

  async readFrames(sceneId: string, t0: number, t1: number): Promise<StoredFrame[]> {
    return this.rangeFrames(sceneId, `${Math.ceil(t0)}-0`, `${Math.floor(t1)}-${Number.MAX_SAFE_INTEGER}`)
  }

  async fullFrameAtOrBefore(sceneId: string, t: number): Promise<StoredFrame | undefined> {
    const ids = (await this.client.sendCommand([
      'ZRANGE',
      this.key(sceneId, 'frfull'),
      String(t),
      '-inf',
      'BYSCORE',
      'REV',
      'LIMIT',
      '0',
      '1',
    ])) as string[]
    if (!ids.length) return undefined
    return (await this.rangeFrames(sceneId, ids[0], ids[0], 1))[0]
  }

  async appendReadings(b: ReadingBatchRecord): Promise<void> {
    await this.client.sendCommand([
      'XADD',
      this.key(b.sceneId, 'rd'),
      `${Math.round(b.receivedAt)}-*`,
      's',
      b.source,
      'o',
      b.operator ?? '',
      'd',
      encodeReadingBatch(b),
    ])
  }

  async readReadings(sceneId: string, t0: number, t1: number): Promise<ReadingBatchRecord[]> {
    const bin = this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
    const r = (await bin.sendCommand([
      'XRANGE',
      this.key(sceneId, 'rd'),
      `${Math.ceil(t0)}-0`,
      `${Math.floor(t1)}-${Number.MAX_SAFE_INTEGER}`,
    ])) as [Buffer, Buffer[]][]
    return r.map(([id, fields]) => {
      const m = new Map<string, Buffer>()
      for (let i = 0; i < fields.length; i += 2) m.set(fields[i].toString(), fields[i + 1])
      const op = m.get('o')!.toString()
      return {
        sceneId,
        receivedAt: Number(id.toString().split('-')[0]),
        source: m.get('s')!.toString(),
        operator: op || null,
        ...decodeReadingBatch(m.get('d')!),
      }
    })
  }

  async putKeyframe(k: Keyframe): Promise<void> {
    await this.client.sendCommand([
      'ZADD',
      this.key(k.sceneId, 'kf'),
      String(k.t),
      JSON.stringify({ seq: k.seq, t: k.t, state: k.state }),
    ])
  }

  async keyframeAtOrBefore(sceneId: string, t: number): Promise<Keyframe | undefined> {
    const r = (await this.client.sendCommand([
      'ZRANGE',
      this.key(sceneId, 'kf'),
      String(t),
      '-inf',
      'BYSCORE',
      'REV',
      'LIMIT',
      '0',
      '1',
    ])) as string[]
    if (!r.length) return undefined
    const k = JSON.parse(r[0]) as { seq: number; t: number; state: unknown }
    return { sceneId, ...k }
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.quit()
  }

  /** For tests that tamper on purpose. */
  get raw(): Client {
    return this.client
  }
}

function field(fields: string[], name: string): string {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1]
  throw new Error(`redis event store: entry without field ${name}`)
}

function parseEntry(fields: string[]): StoredEvent {
  return {
    ...(JSON.parse(field(fields, 'e')) as object),
    prevHash: field(fields, 'p'),
    hash: field(fields, 'h'),
  } as StoredEvent
}
