/**
 * Embedded event store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so an
 * append is ordered and durable (synchronous=NORMAL under WAL survives a process crash) by the
 * time its promise resolves; per-scene chain heads are cached in memory after the first read.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { canonicalJson } from './canonicalJson'
import { chainHash, GENESIS_HASH, verifyEvents, type ChainReport } from './hashChain'
import type { AppendInput, EventStore, Keyframe, ReadingBatchRecord, StoredEvent, StoredFrame } from './eventStore'
import { decodeReadingBatch, encodeReadingBatch } from './readingBatchCodec'
import { Sm4Cipher } from './sm4Cipher'

interface Head {
  seq: number
  hash: string
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const
  private readonly db: Database.Database
  private readonly heads = new Map<string, Head>()
  private readonly stmt: ReturnType<SqliteEventStore['prepare']>

  /**
   * @param file path of the database file, or ':memory:'
   * @param opts.cipher SM4 at rest: telemetry frames and reading batches are sealed, and so are the
   *   event fields `opts.sensitive(event)` names (values of an enterprise's process data). The
   *   hash chain covers the sealed form, so anyone can verify the log without the key.
   */
  constructor(
    file: string,
    private readonly wall: () => number = () => Date.now(),
    private readonly opts: {
      cipher?: Sm4Cipher
      sensitive?: (e: { sceneId: string; type: string; [k: string]: unknown }) => string[]
    } = {},
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        scene TEXT NOT NULL, seq INTEGER NOT NULL, t INTEGER NOT NULL, type TEXT NOT NULL,
        body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
        PRIMARY KEY (scene, seq)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS events_time ON events (scene, t);
      CREATE TABLE IF NOT EXISTS frames (
        scene TEXT NOT NULL, seq INTEGER NOT NULL, t INTEGER NOT NULL, full INTEGER NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (scene, seq)) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS frames_time ON frames (scene, t);
      CREATE INDEX IF NOT EXISTS frames_full ON frames (scene, full, t);
      CREATE TABLE IF NOT EXISTS reading_batches (
        scene TEXT NOT NULL, received INTEGER NOT NULL, source TEXT NOT NULL, operator TEXT, data BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS reading_batches_time ON reading_batches (scene, received);
      CREATE TABLE IF NOT EXISTS keyframes (
        scene TEXT NOT NULL, t INTEGER NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL,
        PRIMARY KEY (scene, t)) WITHOUT ROWID;
    `)
    this.stmt = this.prepare()
  }

  private prepare() {
    const db = this.db
    return {
      insert: db.prepare(
        'INSERT INTO events (scene, seq, t, type, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      head: db.prepare('SELECT seq, hash FROM events WHERE scene = ? ORDER BY seq DESC LIMIT 1'),
      range: db.prepare(
        'SELECT body, prev_hash, hash FROM events WHERE scene = ? AND seq >= ? AND seq <= ? ORDER BY seq',
      ),
      byTime: db.prepare('SELECT body, prev_hash, hash FROM events WHERE scene = ? AND t >= ? AND t <= ? ORDER BY seq'),
      insertFrame: db.prepare('INSERT OR REPLACE INTO frames (scene, seq, t, full, data) VALUES (?, ?, ?, ?, ?)'),
      frames: db.prepare('SELECT seq, t, full, data FROM frames WHERE scene = ? AND t >= ? AND t <= ? ORDER BY seq'),
      fullBefore: db.prepare(
        'SELECT seq, t, full, data FROM frames WHERE scene = ? AND full = 1 AND t <= ? ORDER BY t DESC LIMIT 1',
      ),
      insertBatch: db.prepare(
        'INSERT INTO reading_batches (scene, received, source, operator, data) VALUES (?, ?, ?, ?, ?)',
      ),
      batches: db.prepare(
        'SELECT received, source, operator, data FROM reading_batches WHERE scene = ? AND received >= ? AND received <= ? ORDER BY rowid',
      ),
      putKey: db.prepare('INSERT OR REPLACE INTO keyframes (scene, t, seq, state) VALUES (?, ?, ?, ?)'),
      keyBefore: db.prepare('SELECT t, seq, state FROM keyframes WHERE scene = ? AND t <= ? ORDER BY t DESC LIMIT 1'),
    }
  }

  private head(sceneId: string): Head {
    let h = this.heads.get(sceneId)
    if (!h) {
      const row = this.stmt.head.get(sceneId) as { seq: number; hash: string } | undefined
      h = row ? { seq: row.seq, hash: row.hash } : { seq: 0, hash: GENESIS_HASH }
      this.heads.set(sceneId, h)
    }
    return h
  }

  async append(input: AppendInput): Promise<StoredEvent> {
    return this.appendSync(input)
  }

  appendSync(input: AppendInput): StoredEvent {
    const head = this.head(input.sceneId)
    const seq = head.seq + 1
    const event = { ...input, seq, wall: input.wall ?? this.wall() } as Omit<StoredEvent, 'hash' | 'prevHash'>
    const sealed = this.seal(event as never) as typeof event
    const hash = chainHash(head.hash, sealed)
    this.stmt.insert.run(input.sceneId, seq, input.t, input.type, canonicalJson(sealed), head.hash, hash)
    const stored = { ...event, prevHash: head.hash, hash } as StoredEvent
    this.heads.set(input.sceneId, { seq, hash })
    return stored
  }

  async read(sceneId: string, fromSeq = 1, toSeq = Number.MAX_SAFE_INTEGER): Promise<StoredEvent[]> {
    return (this.stmt.range.all(sceneId, fromSeq, toSeq) as Row[]).map((r) => this.unseal(fromRow(r)))
  }

  async readByTime(sceneId: string, t0: number, t1: number): Promise<StoredEvent[]> {
    return (this.stmt.byTime.all(sceneId, t0, t1) as Row[]).map((r) => this.unseal(fromRow(r)))
  }

  /** Sensitive fields → {"$sm4": base64 sealed JSON}. */
  private seal<E extends { sceneId: string; type: string; [k: string]: unknown }>(e: E): E {
    if (!this.opts.cipher || !this.opts.sensitive) return e
    const fields = this.opts.sensitive(e)
    if (!fields.length) return e
    const out: Record<string, unknown> = { ...e }
    for (const f of fields)
      if (f in out) out[f] = { $sm4: this.opts.cipher.seal(Buffer.from(JSON.stringify(out[f]))).toString('base64') }
    return out as E
  }

  private unseal(e: StoredEvent): StoredEvent {
    if (!this.opts.cipher) return e
    let out: Record<string, unknown> | null = null
    for (const [k, v] of Object.entries(e)) {
      if (v && typeof v === 'object' && '$sm4' in (v as object)) {
        out ??= { ...e }
        out[k] = JSON.parse(
          this.opts.cipher.open(Buffer.from(String((v as { $sm4: string }).$sm4), 'base64')).toString('utf8'),
        )
      }
    }
    return (out ?? e) as StoredEvent
  }

  private sealBlob(data: Uint8Array): Buffer {
    return this.opts.cipher ? this.opts.cipher.seal(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  }

  private openBlob(data: Buffer): Uint8Array {
    return this.opts.cipher && Sm4Cipher.isSealed(data)
      ? new Uint8Array(this.opts.cipher.open(data))
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  }

  async lastSeq(sceneId: string): Promise<number> {
    return this.head(sceneId).seq
  }

  async verify(sceneId: string): Promise<ChainReport> {
    // Stream in pages so a long log never sits in memory at once.
    let prev = GENESIS_HASH
    let prevSeq = 0
    let checked = 0
    const page = 5000
    for (;;) {
      const rows = (this.stmt.range.all(sceneId, prevSeq + 1, prevSeq + page) as Row[]).map(fromRow)
      if (rows.length === 0) break
      const r = verifyEvents(rows, prev, prevSeq)
      checked += r.checked
      if (!r.ok) return { ...r, checked }
      prev = r.lastHash
      prevSeq = r.lastSeq
    }
    // A deleted tail shows as a head that no longer matches what this process appended.
    const cached = this.heads.get(sceneId)
    if (cached && cached.seq > prevSeq)
      return {
        ok: false,
        checked,
        lastSeq: prevSeq,
        lastHash: prev,
        firstBroken: { seq: prevSeq + 1, reason: 'missing: events after this point were removed' },
      }
    return { ok: true, checked, lastSeq: prevSeq, lastHash: prev }
  }

  async appendFrame(f: StoredFrame): Promise<void> {
    this.stmt.insertFrame.run(f.sceneId, f.seq, f.t, f.full ? 1 : 0, this.sealBlob(f.data))
  }

  async readFrames(sceneId: string, t0: number, t1: number): Promise<StoredFrame[]> {
    return (this.stmt.frames.all(sceneId, t0, t1) as FrameRow[]).map((r) => this.frameFromRow(sceneId, r))
  }

  async fullFrameAtOrBefore(sceneId: string, t: number): Promise<StoredFrame | undefined> {
    const r = this.stmt.fullBefore.get(sceneId, t) as FrameRow | undefined
    return r ? this.frameFromRow(sceneId, r) : undefined
  }

  async appendReadings(b: ReadingBatchRecord): Promise<void> {
    this.stmt.insertBatch.run(b.sceneId, b.receivedAt, b.source, b.operator, this.sealBlob(encodeReadingBatch(b)))
  }

  async readReadings(sceneId: string, t0: number, t1: number): Promise<ReadingBatchRecord[]> {
    const rows = this.stmt.batches.all(sceneId, t0, t1) as {
      received: number
      source: string
      operator: string | null
      data: Buffer
    }[]
    return rows.map((r) => ({
      sceneId,
      receivedAt: r.received,
      source: r.source,
      operator: r.operator,
      ...decodeReadingBatch(this.openBlob(r.data)),
    }))
  }

  async putKeyframe(k: Keyframe): Promise<void> {
    // Keyframes hold folded state (alarm values included): sealed whole when SM4 is on.
    const json = JSON.stringify(k.state)
    this.stmt.putKey.run(
      k.sceneId,
      k.t,
      k.seq,
      this.opts.cipher ? `sm4:${this.opts.cipher.seal(Buffer.from(json)).toString('base64')}` : json,
    )
  }

  async keyframeAtOrBefore(sceneId: string, t: number): Promise<Keyframe | undefined> {
    const r = this.stmt.keyBefore.get(sceneId, t) as { t: number; seq: number; state: string } | undefined
    if (!r) return undefined
    const json = r.state.startsWith('sm4:')
      ? this.opts.cipher!.open(Buffer.from(r.state.slice(4), 'base64')).toString('utf8')
      : r.state
    return { sceneId, t: r.t, seq: r.seq, state: JSON.parse(json) }
  }

  private frameFromRow(sceneId: string, r: FrameRow): StoredFrame {
    return { sceneId, seq: r.seq, t: r.t, full: r.full === 1, data: this.openBlob(r.data) }
  }

  /** Run several appends in one transaction (ingest batches). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }

  /** For tests that tamper with the file on purpose. */
  get raw(): Database.Database {
    return this.db
  }
}

interface Row {
  body: string
  prev_hash: string
  hash: string
}
interface FrameRow {
  seq: number
  t: number
  full: number
  data: Buffer
}

function fromRow(r: Row): StoredEvent {
  return { ...(JSON.parse(r.body) as object), prevHash: r.prev_hash, hash: r.hash } as StoredEvent
}
