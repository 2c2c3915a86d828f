/**
 * The log survives a restart: a server stopped mid-incident and started again on the same
 * database rebuilds its alarm state from the newest keyframe plus the log tail, and goes on.
 */
import { describe, it, expect } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { VirtualClock } from '@sim/core/clock'
import { startServer } from '@server/startServer'
import { tinyScene, writeScenesDir } from '../helpers/tinyScene'

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0)

async function postReadings(url: string, device: string, t0: number, n: number, value: number) {
  const items = Array.from({ length: n }, (_, k) => ({ device, t: t0 + k * 100, value, unit: '%LEL' }))
  const r = await fetch(`${url}/api/v1/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-gateway-key': 'demo-gateway:demo-gateway-secret' },
    body: JSON.stringify(items),
  })
  return r.json()
}

describe('restart', () => {
  for (const corrupt of [false, true])
    it(`rebuilds alarm state from ${corrupt ? 'the whole log when the keyframe is unusable' : 'keyframe + log'} and continues the same chain`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'st-restart-'))
      const scenesDir = writeScenesDir(tinyScene(6))
      const clock1 = new VirtualClock(T0)
      const s1 = await startServer({ port: 0, scenesDir, dataDir, clock: clock1, simulate: true, staticDir: '/none' })
      clock1.advance(12_000) // > one keyframe period with the simulator running
      expect((await postReadings(s1.url, 'gd-1', clock1.now() + 1, 5, 70)).accepted).toBe(5)
      clock1.advance(200)
      const host1 = s1.application.hosts.get('tiny')!
      await host1.idle()
      const before = host1.screenSnapshot()
      expect(before.alarms.active.some((a) => a.deviceId === 'gd-1')).toBe(true)
      const t1 = clock1.now()
      await s1.close()
      if (corrupt) {
        const db = new Database(join(dataDir, 'safetwin.db'))
        const n = db.prepare(`UPDATE keyframes SET state = '{"format":1,"fingerprint":"nope"}'`).run().changes
        expect(n).toBeGreaterThan(0)
        db.close()
      }

      const clock2 = new VirtualClock(t1 + 5_000)
      const s2 = await startServer({ port: 0, scenesDir, dataDir, clock: clock2, simulate: true, staticDir: '/none' })
      const host2 = s2.application.hosts.get('tiny')!
      const after = host2.screenSnapshot()
      expect(after.seq).toBe(before.seq)
      expect(after.alarms.active.map((a) => a.id)).toEqual(before.alarms.active.map((a) => a.id))
      clock2.advance(1000)
      await host2.idle()
      const v = await (await fetch(`${s2.url}/api/v1/scenes/tiny/verify`)).json()
      expect(v.ok).toBe(true)
      await s2.close()
    })
})
