/**
 * The three-tier response hosted in the server: from a simulated chlorine leak in the demo park
 * to the government tier being notified through a real webhook receiver on loopback (which fails
 * at first: the outbox retries and nothing is lost), and deadlines that survive a restart.
 */
import { describe, it, expect } from 'vitest'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VirtualClock } from '@sim/core/clock'
import { pendingTimers } from '@sim/response'
import { startServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'

const T0 = Date.UTC(2026, 10, 29, 3, 0, 0)

async function receiver(failFirst: number) {
  const got: {
    body: { notificationId: string; to: { tier: string }; attempt: number; incident: { id: string } }
    at: number
  }[] = []
  let n = 0
  const server = createServer((req: IncomingMessage, res) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => {
      n++
      if (n <= failFirst) {
        res.statusCode = 503
        return res.end('down for maintenance')
      }
      got.push({ body: JSON.parse(data), at: Date.now() })
      res.statusCode = 200
      res.end('{}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

describe('response hosted in the server', () => {
  it('leak → incident → valves and fire brigade in seconds → park → government notified through a flaky webhook', async () => {
    const ent = await receiver(0)
    const park = await receiver(0)
    const gov = await receiver(2)
    const clock = new VirtualClock(T0)
    const srv = await startServer({
      port: 0,
      clock,
      seed: 4,
      store: new SqliteEventStore(':memory:'),
      staticDir: '/none',
      webhooks: { urls: { enterprise: ent.url, park: park.url, government: gov.url } },
    })
    const host = srv.application.hosts.get('demo-park')!
    try {
      for (let k = 0; k < 50; k++) clock.advance(100)
      await host.startLeak(
        { sourceId: 'CA-T101', rate_kg_s: 3 },
        { source: 'test', operator: 'instructor', cause: 'drill' },
      )
      // Simulated minutes, with real pauses so the webhook requests can complete.
      for (let s = 0; s < 360; s++) {
        for (let k = 0; k < 10; k++) clock.advance(100)
        await host.idle()
        if (s % 10 === 0) await new Promise((r) => setTimeout(r, 20))
      }
      await new Promise((r) => setTimeout(r, 200))
      for (let s = 0; s < 200; s++) {
        for (let k = 0; k < 10; k++) clock.advance(100)
        await host.idle()
        if (gov.got.length) break
        await new Promise((r) => setTimeout(r, 10))
      }
      await host.idle()
      const log = await srv.store.read('demo-park')
      const opened = log.find((e) => e.type === 'incident.opened')!
      expect(opened).toMatchObject({ incidentType: 'gas_leak_toxic', enterpriseId: 'qinglan-chloralkali' })
      const valves = log.find((e) => e.type === 'action.executed' && e.action === 'close_isolation_valves')!
      expect(valves.t - opened.t).toBeLessThanOrEqual(180_000)
      const tiers = log.filter((e) => e.type === 'incident.tier_activated').map((e) => e.tier)
      expect(tiers).toEqual(expect.arrayContaining(['enterprise', 'park', 'government']))
      // The government endpoint was down for two attempts: failures with retry times, then delivery.
      const govSent = log.filter(
        (e) =>
          e.type === 'notification.sent' && (e.to as { tier: string }).tier === 'government' && e.channel === 'webhook',
      )
      expect(govSent.length).toBeGreaterThan(0)
      const failed = log.filter(
        (e) => e.type === 'notification.failed' && govSent.some((g) => g.notificationId === e.notificationId),
      )
      expect(failed.length).toBeGreaterThanOrEqual(1)
      expect(failed[0].retryAt).toBeGreaterThan(failed[0].t)
      expect(gov.got.length).toBeGreaterThan(0)
      const delivered = log.filter(
        (e) => e.type === 'notification.delivered' && govSent.some((g) => g.notificationId === e.notificationId),
      )
      expect(delivered.length).toBeGreaterThan(0)
      expect(gov.got[0].body.incident.id).toBe(opened.incidentId)
      expect(park.got.some((g) => g.body.to.tier === 'park')).toBe(true)
      // Every outbound message is in the log with its delivery; the chain holds.
      expect((await srv.store.verify('demo-park')).ok).toBe(true)
    } finally {
      await srv.close()
      await Promise.all([ent.close(), park.close(), gov.close()])
    }
  }, 180_000)

  it('a pending deadline still fires at its simulated time after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'st-resp-'))
    const clock = new VirtualClock(T0)
    const s1 = await startServer({ port: 0, clock, seed: 6, dataDir, staticDir: '/none' })
    const h1 = s1.application.hosts.get('demo-park')!
    await h1.startLeak(
      { sourceId: 'CA-T101', rate_kg_s: 3 },
      { source: 'test', operator: 'instructor', cause: 'drill' },
    )
    for (let s = 0; s < 30; s++) {
      for (let k = 0; k < 10; k++) clock.advance(100)
      await h1.idle()
    }
    const pending = pendingTimers(h1.response.state)
    expect(pending.length).toBeGreaterThan(0)
    const next = pending[0]
    const stoppedAt = clock.now()
    expect(next.dueAt).toBeGreaterThan(stoppedAt)
    await s1.close()

    // Down for a while (less than the deadline), then back on the same database.
    const clock2 = new VirtualClock(stoppedAt + 20_000)
    const s2 = await startServer({ port: 0, clock: clock2, seed: 6, dataDir, staticDir: '/none' })
    const h2 = s2.application.hosts.get('demo-park')!
    try {
      expect(pendingTimers(h2.response.state).map((p) => p.id)).toContain(next.id)
      h2.runtime.stop() // only the timers matter here: no frames needed
      clock2.advanceTo(next.dueAt)
      await h2.idle()
      const fired = (await s2.store.read('demo-park')).find((e) => e.type === 'timer.fired' && e.timerId === next.id)
      expect(fired?.t).toBe(next.dueAt)
    } finally {
      await s2.close()
    }
  }, 120_000)
})
