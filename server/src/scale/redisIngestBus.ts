/**
 * Scale-out ingest: any instance validates a batch, then puts the accepted readings on a Redis
 * stream (`ingest:{scene}`); the leader reads the stream in order and applies each batch once,
 * so alarm judgement sees one sequence of readings whichever instance a gateway reached.
 */
import { RESP_TYPES } from 'redis'
import type { AcceptedBatch } from '../ingest/ingestService'
import { decodeReadingBatch, encodeReadingBatch } from '../store/readingBatchCodec'
import { xreadPairs } from './xreadReply'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RedisClient = any

export class RedisIngestBus {
  private running = false
  private lastIds = new Map<string, string>()

  constructor(
    private readonly writer: RedisClient,
    /** A dedicated connection: XREAD BLOCK holds it. */
    private readonly reader: RedisClient,
    private readonly sceneIds: string[],
    private readonly prefix = 'ingest',
  ) {}

  private key(sceneId: string): string {
    return `${this.prefix}:{${sceneId}}`
  }

  async publish(b: AcceptedBatch): Promise<void> {
    await this.writer.sendCommand([
      'XADD',
      this.key(b.sceneId),
      'MAXLEN',
      '~',
      '100000',
      '*',
      'r',
      String(b.receivedAt),
      's',
      b.provenance.source,
      'o',
      b.provenance.operator ?? '',
      'd',
      encodeReadingBatch(b),
    ])
  }

  private appliedKey(sceneId: string): string {
    return `${this.prefix}:{${sceneId}}:applied`
  }

  /**
   * Start consuming (leader only). A new leader resumes after the last batch any leader applied
   * (kept in Redis), so a failover neither loses nor repeats batches.
   */
  async startConsuming(apply: (b: AcceptedBatch) => void): Promise<void> {
    if (this.running) return
    this.running = true
    for (const s of this.sceneIds) {
      const applied = (await this.writer.sendCommand(['GET', this.appliedKey(s)])) as string | null
      if (applied) this.lastIds.set(s, applied)
      else {
        // Never applied anything: start from the current end (a concrete id, not '$', which
        // would skip whatever arrives between two blocking reads).
        const last = (await this.writer.sendCommand(['XREVRANGE', this.key(s), '+', '-', 'COUNT', '1'])) as [
          string,
          string[],
        ][]
        this.lastIds.set(s, last.length ? last[0][0] : '0-0')
      }
    }
    const bin = this.reader.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
    void (async () => {
      while (this.running) {
        try {
          const keys = this.sceneIds.map((s) => this.key(s))
          const ids = this.sceneIds.map((s) => this.lastIds.get(s)!)
          const r = xreadPairs<Buffer | string, [Buffer, Buffer[]][]>(
            await bin.sendCommand(['XREAD', 'COUNT', '500', 'BLOCK', '200', 'STREAMS', ...keys, ...ids]),
          )
          for (const [keyBuf, entries] of r) {
            const sceneId = this.sceneIds[keys.indexOf(keyBuf.toString())]
            for (const [id, fields] of entries) {
              this.lastIds.set(sceneId, id.toString())
              void this.writer.sendCommand(['SET', this.appliedKey(sceneId), id.toString()])
              const m = new Map<string, Buffer>()
              for (let i = 0; i < fields.length; i += 2) m.set(fields[i].toString(), fields[i + 1])
              const op = m.get('o')!.toString()
              apply({
                sceneId,
                receivedAt: Number(m.get('r')!.toString()),
                provenance: { source: m.get('s')!.toString(), operator: op || null },
                ...decodeReadingBatch(m.get('d')!),
              })
            }
          }
        } catch (e) {
          if (!this.running) break
          console.error('ingest bus:', (e as Error).message)
          await new Promise((r) => setTimeout(r, 200))
        }
      }
    })()
  }

  stopConsuming(): void {
    this.running = false
  }
}
