/**
 * End to end (issue 2, item 7): the built client served by the real server, in Debian Chromium
 * with software WebGL. The page loads, the canvas draws, live values arrive and change, the draw
 * calls are recorded, and screenshots land in test-output/e2e/ — look at them.
 *
 * Run one file: npx vite build && npx vitest run --project e2e test/e2e/commandCenter.test.ts
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { PARK_COLORS } from '../../client/src/twin3d/palette'
import { SENSOR_LEVEL_COLORS } from '../../client/src/twin3d/sensorLevels'
import { launchBrowser, type LaunchedBrowser } from './helpers/browser'
import { assertClientBuilt } from './helpers/builtClient'
import { startTestServer, type TestServer } from './helpers/testServer'
import {
  canvasOnlyScreenshot,
  countNear,
  countNonBackground,
  readHooks,
  recordMetrics,
  saveScreenshot,
  waitForTwin,
} from './helpers/twinPage'

type Server = TestServer

const FIXTURE_SCENES = join(process.cwd(), 'test', 'fixtures', 'scenes')

/** Upper bound on draw calls for the park view: one per kind of thing, not per object. */
const DRAW_CALL_BUDGET = 20

interface ParkCheck {
  sceneId: string
  timeToLiveMs: number
  drawCalls: number
  triangles: number
  nonBlankPixels: number
  sensorPixels: number
}

/** Load the page, prove it draws and updates, record the figures. Shared by both scenes. */
async function checkPark(b: LaunchedBrowser, server: Server, sceneId: string, shot: string): Promise<ParkCheck> {
  const { page } = b
  const t0 = Date.now()
  await page.goto(`${server.url}/?scene=${sceneId}`)
  await waitForTwin(page, { renderFrames: 3, framesReceived: 3, drawnVersion: 1 })
  const timeToLiveMs = Date.now() - t0

  // A live value changes: sample, wait for several newer frames, sample again.
  const a = await readHooks(page, 32)
  expect(a.sceneId).toBe(sceneId)
  expect(a.deviceCount).toBeGreaterThan(0)
  await waitForTwin(page, {
    framesReceived: a.framesReceived + 5,
    lastSeqAbove: a.lastSeq + 4,
    drawnVersion: a.sensors!.drawnVersion + 1,
  })
  const z = await readHooks(page, 32)
  expect(z.framesReceived).toBeGreaterThan(a.framesReceived)
  expect(z.lastSeq).toBeGreaterThan(a.lastSeq)
  const changed = z.sensors!.devices.filter((d, i) => d.value !== a.sensors!.devices[i].value)
  expect(changed.length, 'some device value differs between two samples').toBeGreaterThan(0)
  // Colours follow levels: every sampled device shows its level's colour.
  for (const d of z.sensors!.devices)
    expect(d.color, `${d.id} (${d.level})`).toBe(SENSOR_LEVEL_COLORS[d.level as keyof typeof SENSOR_LEVEL_COLORS])

  // The canvas draws: count non-background pixels with the DOM overlays hidden.
  const canvasPng = await canvasOnlyScreenshot(page)
  const total = canvasPng.width * canvasPng.height
  const nonBlankPixels = countNonBackground(canvasPng, PARK_COLORS.background)
  const sensorPixels = countNear(canvasPng, SENSOR_LEVEL_COLORS.normal)
  expect(nonBlankPixels / total, 'share of the canvas that is not background').toBeGreaterThan(0.03)
  expect(sensorPixels, 'sensor markers visible in their normal colour').toBeGreaterThan(50)

  const r = (await readHooks(page)).renderer!
  expect(r.calls).toBeGreaterThan(0)
  expect(r.calls).toBeLessThanOrEqual(DRAW_CALL_BUDGET)

  await saveScreenshot(page, shot)
  return { sceneId, timeToLiveMs, drawCalls: r.calls, triangles: r.triangles, nonBlankPixels, sensorPixels }
}

describe('command center in Chromium (SwiftShader)', () => {
  beforeAll(() => assertClientBuilt())

  describe('mini-park fixture', () => {
    let server: Server
    let b: LaunchedBrowser
    beforeAll(async () => {
      server = await startTestServer({ scenesDir: FIXTURE_SCENES })
      b = await launchBrowser()
    })
    afterAll(async () => {
      await b?.close()
      await server?.close()
    })

    test('loads, draws, goes live and updates', async () => {
      const m = await checkPark(b, server, 'mini-park', 'mini-park-zh-1920x1080.png')
      await recordMetrics('park-metrics.json', 'mini-park', { ...m, viewport: '1920x1080' })
      expect(b.errors, b.errors.join('\n')).toEqual([])
    })
  })

  describe('demo park', () => {
    let server: Server
    let b: LaunchedBrowser
    beforeAll(async () => {
      server = await startTestServer()
      b = await launchBrowser()
    })
    afterAll(async () => {
      await b?.close()
      await server?.close()
    })

    test('the default scene is the demo park, drawn live with its draw calls recorded', async () => {
      const m = await checkPark(b, server, 'demo-park', 'park-zh-1920x1080.png')
      const { page } = b
      const hooks = await readHooks(page)
      expect(hooks.deviceCount).toBeGreaterThanOrEqual(200)
      const readingsPerSecond = Number(
        (await page.textContent('[data-testid="readings-per-second"]'))!.replace(/\D/g, ''),
      )
      expect(readingsPerSecond).toBeGreaterThan(0)
      const metrics = { ...m, viewport: '1920x1080', deviceCount: hooks.deviceCount, readingsPerSecond }
      const path = await recordMetrics('park-metrics.json', 'demo-park', metrics)
      console.log(
        `demo park: ${m.drawCalls} draw calls, ${m.triangles} triangles, ${hooks.deviceCount} devices → ${path}`,
      )
      expect(b.errors, b.errors.join('\n')).toEqual([])
    })

    test('the language toggle switches the status bar to English', async () => {
      const { page } = b
      await expect.poll(() => page.textContent('[data-testid="connection"]')).toContain('实时')
      await page.click('[data-testid="language-toggle"]')
      await expect.poll(() => page.textContent('[data-testid="connection"]')).toContain('Live')
      expect(await page.textContent('[data-testid="scene-name"]')).toMatch(/[A-Za-z]/)
      const before = (await readHooks(page)).renderFrames
      await page.waitForFunction((n) => window.__safetwin.renderFrames > n + 1, before, { timeout: 60_000 })
      await saveScreenshot(page, 'park-en-1920x1080.png')
    })
  })
})
