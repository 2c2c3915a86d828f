/**
 * Property-based fuzzing of the ingest boundary: 1,000+ generated batches mixing valid readings
 * with malformed items, over HTTP and MQTT. The server stays up, every valid reading is accepted
 * and stored, every invalid item comes back with its index and a reason.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import fc from 'fast-check'
import mqtt from 'mqtt'
import { VirtualClock } from '@sim/core/clock'
import { startServer, type RunningServer } from '@server/startServer'
import { SqliteEventStore } from '@server/store/sqliteEventStore'
import { tinyScene, writeScenesDir } from '../helpers/tinyScene'

const T0 = Date.UTC(2026, 10, 29, 2, 0, 0)
const DEVICES = 12

/**
 * Times are stamped when a batch is sent, from a counter that only grows, so every valid reading
 * is new however fast-check generates, replays or shrinks its values.
 */
let tCounter = T0 - 3_600_000

type Item = { valid: true; value: { device: string; value: number } } | { valid: false; value: unknown }

const validReading = fc
  .record({
    d: fc.integer({ min: 0, max: DEVICES - 1 }),
    v: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  })
  .map(({ d, v }): Item => ({ valid: true, value: { device: `gd-${d}`, value: v } }))

const wire = (items: Item[]) => items.map((i) => (i.valid ? { ...i.value, t: ++tCounter, unit: '%LEL' } : i.value))

const invalidReading: fc.Arbitrary<Item> = fc
  .oneof(
    fc
      .anything()
      .filter((x) => typeof x !== 'object' || x === null || Array.isArray(x) || !('device' in (x as object))),
    fc.record({
      device: fc.constant('gd-1'),
      t: fc.constant(T0 - 10),
      value: fc.constant(1),
      unit: fc.constantFrom('ppm', 'kPa', '', 'LEL'),
    }),
    fc.record({
      device: fc.string().filter((s) => !/^gd-\d+$/.test(s)),
      t: fc.constant(T0 - 10),
      value: fc.constant(1),
      unit: fc.constant('%LEL'),
    }),
    fc.record({
      device: fc.constant('gd-2'),
      t: fc.oneof(fc.string(), fc.constant(null), fc.double({ min: 0.1, max: 0.9 }), fc.constant(T0 + 86_400_000)),
      value: fc.constant(1),
      unit: fc.constant('%LEL'),
    }),
    fc.record({
      device: fc.constant('gd-3'),
      t: fc.constant(T0 - 10),
      value: fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.constant('Infinity')),
      unit: fc.constant('%LEL'),
    }),
    fc.record({
      device: fc.constant('gd-4'),
      t: fc.constant(T0 - 10),
      value: fc.constant(1),
      unit: fc.constant('%LEL'),
      extra: fc.anything().filter((x) => x !== undefined),
    }),
    fc.record({ device: fc.constant('gd-5'), value: fc.constant(1), unit: fc.constant('%LEL') }),
  )
  .map((value): Item => ({ valid: false, value }))

const batchArb = fc.array(fc.oneof({ weight: 3, arbitrary: validReading }, { weight: 2, arbitrary: invalidReading }), {
  minLength: 1,
  maxLength: 25,
})

describe('ingest fuzz', () => {
  let srv: RunningServer
  beforeAll(async () => {
    srv = await startServer({
      port: 0,
      scenesDir: writeScenesDir(tinyScene(DEVICES)),
      clock: new VirtualClock(T0),
      simulate: false,
      store: new SqliteEventStore(':memory:'),
      mqttPort: 0,
    })
  })
  afterAll(async () => {
    await srv?.close()
  })

  async function storedCount(): Promise<number> {
    await srv.application.hosts.get('tiny')!.idle()
    const batches = await srv.store.readReadings('tiny', 0, Number.MAX_SAFE_INTEGER)
    return batches.reduce((a, b) => a + b.idx.length, 0)
  }

  it('HTTP: 700 mixed batches — valid kept and stored, invalid named, server up', async () => {
    let expectedStored = await storedCount()
    await fc.assert(
      fc.asyncProperty(batchArb, async (items) => {
        const r = await fetch(`${srv.url}/api/v1/scenes/tiny/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-gateway-key': 'demo-gateway:demo-gateway-secret' },
          body: JSON.stringify(wire(items)),
        })
        const body = await r.json()
        const invalidIdx = items.flatMap((it, i) => (it.valid ? [] : [i]))
        expect(body.accepted, JSON.stringify(body.rejected)).toBe(items.length - invalidIdx.length)
        expect(body.rejected.map((x: { index: number }) => x.index)).toEqual(invalidIdx)
        for (const x of body.rejected) expect(typeof x.reason === 'string' && x.reason.length > 3).toBe(true)
        expectedStored += body.accepted
      }),
      { numRuns: 700, seed: 20261129 },
    )
    expect(await storedCount()).toBe(expectedStored)
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200)
  })

  it('MQTT: 400 mixed payloads (including raw garbage) — valid kept and stored, rejections published', async () => {
    const before = await storedCount()
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${srv.mqtt!.port}`, {
      clientId: 'fuzz-gw',
      username: 'demo-gateway',
      password: 'demo-gateway-secret',
    })
    let rejectedReported = 0
    await c.subscribeAsync('safetwin/tiny/rejected', { qos: 1 })
    c.on('message', (_t, p) => {
      rejectedReported += (JSON.parse(p.toString()) as { rejected: unknown[] }).rejected.length
    })
    let validSent = 0
    let invalidSent = 0
    const payloads = fc.sample(
      fc.oneof(
        { weight: 4, arbitrary: batchArb.map((b) => ({ kind: 'batch' as const, b })) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((u) => ({ kind: 'raw' as const, u })) },
      ),
      { numRuns: 400, seed: 7 },
    )
    for (const p of payloads) {
      if (p.kind === 'raw') {
        const text = Buffer.from(p.u).toString('utf8')
        let isArrayJson = false
        try {
          isArrayJson = Array.isArray(JSON.parse(text))
        } catch {
          /* not JSON: one rejection */
        }
        if (isArrayJson) continue // a valid JSON array of garbage is covered by the batches
        invalidSent++
        await c.publishAsync('safetwin/tiny/readings', Buffer.from(p.u), { qos: 1 })
      } else {
        validSent += p.b.filter((i) => i.valid).length
        invalidSent += p.b.filter((i) => !i.valid).length
        await c.publishAsync('safetwin/tiny/readings', JSON.stringify(wire(p.b)), { qos: 1 })
      }
    }
    for (let i = 0; i < 200 && rejectedReported < invalidSent; i++) await new Promise((r) => setTimeout(r, 25))
    expect(rejectedReported).toBe(invalidSent)
    expect((await storedCount()) - before).toBe(validSent)
    await c.endAsync()
    expect((await fetch(`${srv.url}/api/health`)).status).toBe(200)
  })
})
