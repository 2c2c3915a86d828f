/**
 * Followers keep their folded state current by tailing the shared log: every event the leader
 * appends is read here (in seq order) and handed to the scene host.
 */
import type { StoredEvent } from '../store/eventStore'
import { xreadPairs } from './xreadReply'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RedisClient = any

export class RedisLogTail {
  private running = false

  constructor(
    private readonly reader: RedisClient,
    private readonly keyOf: (sceneId: string) => string,
    private readonly sceneIds: string[],
  ) {}

  start(fromSeq: (sceneId: string) => number, apply: (sceneId: string, e: StoredEvent) => void): void {
    if (this.running) return
    this.running = true
    const last = new Map(this.sceneIds.map((s) => [s, `${fromSeq(s)}-0`]))
    void (async () => {
      while (this.running) {
        try {
          const keys = this.sceneIds.map(this.keyOf)
          const r = xreadPairs<string, [string, string[]][]>(
            await this.reader.sendCommand([
              'XREAD',
              'COUNT',
              '500',
              'BLOCK',
              '200',
              'STREAMS',
              ...keys,
              ...this.sceneIds.map((s) => last.get(s)!),
            ]),
          )
          for (const [key, entries] of r) {
            const sceneId = this.sceneIds[keys.indexOf(String(key))]
            for (const [id, fields] of entries) {
              last.set(sceneId, id)
              const get = (n: string) => fields[fields.indexOf(n) + 1]
              apply(sceneId, { ...(JSON.parse(get('e')) as object), prevHash: get('p'), hash: get('h') } as StoredEvent)
            }
          }
        } catch (e) {
          if (!this.running) break
          console.error('log tail:', (e as Error).message)
          await new Promise((r) => setTimeout(r, 200))
        }
      }
    })()
  }

  stop(): void {
    this.running = false
  }
}
