/** Shared set-up for the people tests: one demo scene in its own server, a socket client, frames. */
import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { io as ioClient, type Socket } from 'socket.io-client'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { Ack } from '@sim/protocol/messages'

/** A scenes directory holding only `sceneId` (a link to the repository's demo scene): one scene ticking keeps the tests fast. */
export function singleSceneDir(sceneId: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'safetwin-people-'))
  symlinkSync(resolve(import.meta.dirname, '../../../scenes', sceneId), join(dir, sceneId), 'dir')
  return dir
}

export function connect(url: string): Promise<Socket> {
  return new Promise((res, rej) => {
    const s = ioClient(url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    })
    s.once('connect', () => res(s))
    s.once('connect_error', (e) => {
      s.close()
      rej(e)
    })
  })
}

export function emitAck<T>(s: Socket, event: string, ...args: unknown[]): Promise<Ack<T>> {
  return new Promise((res) => s.emit(event, ...args, (r: Ack<T>) => res(r)))
}

/** Let socket.io deliver what the server emitted (real I/O under a virtual clock). */
export const flush = (ms = 30) => new Promise((r) => setTimeout(r, ms))

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}
