/**
 * A real server for one test: port 0, its own temporary data directory (the event store would
 * otherwise recover whatever an earlier run or `npm start` left in data/), removed on close.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type StartOptions } from '../../../server/src/startServer'

export type TestServer = Awaited<ReturnType<typeof startServer>>

export async function startTestServer(opts: Omit<StartOptions, 'port' | 'dataDir'> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'safetwin-data-'))
  const server = await startServer({ port: 0, seed: 7, ...opts, dataDir })
  return {
    ...server,
    close: async () => {
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
