/**
 * End to end (issue 4, item 5): readings posted over HTTP raise alarms that the wall shows, with
 * the sound-and-light alarm on a red one; acknowledging stops it; a sensor clicked in 3D opens its
 * detail with a live trend chart; shelving parks an alarm. Screenshots in zh and en.
 *
 * Run: npx vite build && npx vitest run --project e2e test/e2e/alarms.test.ts
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Device } from '@sim/scene/sceneSchema'
import { TREND_COLORS } from '../../client/src/sensorDetail/drawTrend'
import { launchBrowser, type LaunchedBrowser } from './helpers/browser'
import { assertClientBuilt } from './helpers/builtClient'
import { startTestServer, type TestServer } from './helpers/testServer'
import { saveScreenshot, waitForTwin } from './helpers/twinPage'
import {
  metresBetween,
  readAlarms,
  startFeeder,
  type Feeder,
  readScene,
  trendLinePixels,
  waitForAlarmLine,
  waitForSiren,
} from './helpers/alarmPage'

const SCENE = 'demo-park'
const scene = readScene(SCENE)
const byId = (id: string) => scene.devices.find((d) => d.id === id)!

/**
 * Devices fed by the test's gateway: the tail of the scene, from WW-GC001 to the met station.
 * Why the tail: server/src/scene/sceneHost.ts judges the simulated devices with
 * `evaluate(t, simulatedIdx, runtime.values)`, where values must be aligned with the index list;
 * once a device is external the list is filtered but the values are not, so every simulated device
 * after the first external one is judged on its neighbour's value (a storm of false alarms).
 * With only the tail external, the simulated devices before it stay aligned.
 */
const FEED_FROM = scene.devices.findIndex((d) => d.id === 'WW-GC001')
const fed = scene.devices.slice(FEED_FROM)
/** The red one (production zone) and a neighbour 28 m away in the same zone: one flood group. */
const red = byId('WW-GC004')
const neighbour = byId('WW-GT002')
/** The met station's wind speed: high → yellow, park-owned; shelved through the form. */
const yellow = byId('MET-WS')
/** A second red, 75 m away in the tank farm (its own group), raised later with the UI in English. */
const red2 = byId('WW-GC001')

const between = (d: Device, a: 'high', b: 'highHigh') => (d.thresholds[a]! + d.thresholds[b]!) / 2

describe('alarms on the wall (Chromium)', () => {
  let server: TestServer
  let b: LaunchedBrowser
  let feeder: Feeder
  beforeAll(async () => {
    assertClientBuilt()
    server = await startTestServer()
    feeder = startFeeder(server.url, SCENE, fed)
    await feeder.posts(1)
    b = await launchBrowser()
  })
  afterAll(async () => {
    await feeder?.stop()
    await b?.close()
    await server?.close()
  })

  test('a red alarm sounds and flashes, acknowledging stops it, the sensor shows its trend', async () => {
    const { page } = b
    expect(metresBetween(red, neighbour)).toBeLessThan(50)
    expect(metresBetween(red, red2)).toBeGreaterThan(50)
    await page.goto(`${server.url}/?scene=${SCENE}`)
    await waitForTwin(page, { renderFrames: 2, framesReceived: 3 })
    await page.waitForFunction(() => window.__safetwin.alarms() !== null, undefined, { timeout: 30_000 })
    await expect.poll(() => page.textContent('[data-testid="alarm-list"]')).toContain('当前无活动报警')
    expect(await page.textContent('[data-testid="credit-panel"]')).toContain('企业信用等级')

    // Audio needs a gesture: the button is there until pressed.
    await page.click('[data-testid="enable-sound"]')
    await waitForSiren(page, { audioUnlocked: true })
    expect(await page.locator('[data-testid="enable-sound"]').count()).toBe(0)

    feeder.set(red.id, red.thresholds.highHigh! * 1.3)
    feeder.set(neighbour.id, between(neighbour, 'high', 'highHigh'))
    feeder.set(yellow.id, between(yellow, 'high', 'highHigh'))

    // Pin the line by its exact id: the device may raise a second alarm (rate of rise) meanwhile.
    const redId = (await (await waitForAlarmLine(page, `${red.id}:high:`, 'unack')).getAttribute('data-alarm-id'))!
    const redLine = page.locator(`[data-alarm-id="${redId}"]`)
    expect(await redLine.getAttribute('data-severity')).toBe('red')
    await waitForAlarmLine(page, yellow.id, 'unack')
    await waitForSiren(page, { flashing: true, sounding: true, playing: true })
    await expect.poll(() => page.locator('[data-testid="flash-frame"]').isVisible()).toBe(true)
    // The neighbour's alarm is grouped under the red one: one line, a child count.
    await expect
      // (the red device may also hold a rate-of-rise alarm raised first; the group hangs under its
      // oldest root, so count the children of all of the device's lines)
      .poll(async () =>
        (await readAlarms(page))
          .alarms!.lines.filter((l) => l.deviceId === red.id)
          .reduce((n, l) => n + (l.children ?? 0), 0),
      )
      .toBeGreaterThanOrEqual(1)
    expect(await page.textContent('[data-testid="alarm-list"]')).toMatch(/关联报警/)
    expect(await redLine.textContent()).toContain('未确认')
    expect(await page.textContent('[data-testid="kpi-red"]')).toContain('1')
    await saveScreenshot(page, 'alarms-zh-1920x1080.png')

    // Mute silences the tone, the frame keeps flashing.
    await page.click('[data-testid="mute-toggle"]')
    await waitForSiren(page, { flashing: true, sounding: false, playing: false, muted: true })
    await expect.poll(() => page.locator('[data-testid="flash-frame"]').isVisible()).toBe(true)

    // Acknowledge the red line: it reads 已确认 and the frame stops.
    await redLine.locator('[data-testid="ack"]').click()
    const acked = await waitForAlarmLine(page, redId, 'acked')
    expect(await acked.locator('[data-testid="alarm-state"]').textContent()).toBe('已确认')
    await waitForSiren(page, { flashing: false, sounding: false })
    await expect.poll(() => page.locator('[data-testid="flash-frame"]').isVisible()).toBe(false)

    // Shelve the yellow one with a reason: it moves to the folded shelved section.
    const yellowLine = await waitForAlarmLine(page, `${yellow.id}:high:`, 'unack')
    await yellowLine.getByRole('button', { name: '搁置' }).click()
    await page.fill('[data-testid="shelve-reason"]', '大风预警期间，已通知各企业')
    await page.click('[data-testid="shelve-submit"]')
    await expect.poll(async () => (await readAlarms(page)).alarms!.shelved.length).toBe(1)
    expect(await page.textContent('[data-testid="shelved-section"]')).toContain('已搁置（1）')

    // Select the red sensor in 3D: its detail opens and the trend chart draws.
    const at = await page.evaluate((id) => window.__safetwin.projectDevice(id), red.id)
    expect(at, 'the red sensor is on screen').not.toBeNull()
    await page.mouse.click(at!.x, at!.y)
    await page.waitForFunction((id) => window.__safetwin.trend()?.device === id, red.id, { timeout: 60_000 })
    await page.locator(`[data-testid="sensor-detail"][data-device="${red.id}"]`).waitFor({ timeout: 10_000 })
    // The detail shows thresholds and history; the chart fills from the live frames.
    expect(await page.textContent('[data-testid="sensor-detail"]')).toContain('高高')
    expect(await page.textContent('[data-testid="device-history"]')).toContain('高高报')
    await page.waitForFunction(() => (window.__safetwin.trend()?.count ?? 0) >= 30, undefined, { timeout: 60_000 })
    await expect.poll(() => trendLinePixels(page, TREND_COLORS.line), { timeout: 20_000 }).toBeGreaterThan(200)
    await expect.poll(() => trendLinePixels(page, TREND_COLORS.highHigh, 40)).toBeGreaterThan(50)
    await saveScreenshot(page, 'alarms-detail-zh-1920x1080.png')

    // English, and a new red alarm: the sound re-arms although it was muted.
    await page.click('[data-testid="language-toggle"]')
    await expect.poll(() => page.textContent('[data-testid="alarm-panel"]')).toContain('Acknowledged')
    feeder.set(red2.id, red2.thresholds.highHigh! * 1.2)
    await waitForAlarmLine(page, red2.id, 'unack')
    await waitForSiren(page, { flashing: true, sounding: true, muted: false })
    expect(await page.textContent('[data-testid="flash-frame"]')).toContain('RED ALARM')
    await saveScreenshot(page, 'alarms-en-1920x1080.png')

    // The commander acknowledges everything visible.
    await page.click('[data-testid="ack-all"]')
    await waitForSiren(page, { flashing: false })
    await expect.poll(async () => (await readAlarms(page)).alarms!.lines.every((l) => l.state !== 'unack')).toBe(true)
    expect(b.errors, b.errors.join('\n')).toEqual([])
  })
})
