/**
 * End to end: a chlorine leak in the demo park, from the instructor's control to the plume in
 * the twin, the incident panel (valves closed ✓, fire brigade ✓, the park tier's task taken by
 * the park commander), then a replay of the same record (banner, chain ✔, seek, 64×), in zh and
 * en at 1920×1080 and once at 3840×2160. The server's clock runs at 1×: the test waits real
 * seconds for the cloud to cross the fence (~30–60 s at 5 kg/s). Screenshots in test-output/e2e/.
 *
 * Run: npx vite build && npx vitest run --project e2e test/e2e/incident.test.ts
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ZONE_LINE_COLORS } from '../../client/src/plume/plumeRamp'
import { launchBrowser, type LaunchedBrowser } from './helpers/browser'
import { assertClientBuilt } from './helpers/builtClient'
import { readIncidents, readPlume, readReplay, waitForHooks } from './helpers/incidentPage'
import { startTestServer, type TestServer } from './helpers/testServer'
import {
  canvasOnlyScreenshot,
  countNear,
  readHooks,
  recordMetrics,
  saveScreenshot,
  waitForTwin,
} from './helpers/twinPage'

const DRAW_CALL_BUDGET = 25

async function frames(b: LaunchedBrowser, n = 2): Promise<void> {
  const before = await b.page.evaluate(() => window.__safetwin.renderFrames)
  await b.page.waitForFunction((x) => window.__safetwin.renderFrames > x, before + n - 1, { timeout: 90_000 })
}

describe('incident, plume and replay in Chromium (SwiftShader)', () => {
  let server: TestServer
  let b: LaunchedBrowser
  beforeAll(async () => {
    assertClientBuilt()
    server = await startTestServer()
    b = await launchBrowser()
  })
  afterAll(async () => {
    await b?.close()
    await server?.close()
  })

  test('a leak at CA-T101 draws the plume and opens INC-0001 with its figures', async () => {
    const { page } = b
    await page.goto(`${server.url}/?scene=demo-park`)
    await waitForTwin(page, { renderFrames: 3, framesReceived: 3, drawnVersion: 1 })
    const before = (await readHooks(page)).renderer!.calls
    expect((await readPlume(page))!.active).toBe(false)

    // The instructor's control, as a drill instructor would use it.
    await page.click('[data-testid="instructor-toggle"]')
    await page.selectOption('[data-testid="instructor-tank"]', 'CA-T101')
    await page.fill('[data-testid="instructor-rate"]', '5')
    await page.click('[data-testid="instructor-start"]')
    await page.click('[data-testid="instructor-toggle"]')

    // The cloud appears: heatmap texels lit, an outline per level, the wind arrow.
    await waitForHooks(
      page,
      () => {
        const p = window.__safetwin.plume()
        return p && p.heatmapVisible && p.litCells > 20 && p.zoneVertices[2] > 0
      },
      null,
    )
    const plume = (await readPlume(page))!
    expect(plume.zoneVertices.every((v) => v > 0)).toBe(true)
    expect(plume.windVisible).toBe(true)

    // INC-0001 with valves closed and the fire brigade notified (automatic steps: seconds).
    await waitForHooks(
      page,
      () => {
        const m = window.__safetwin.incidents()[0]?.milestones
        return m && m.valvesClosedAt && m.fireBrigadeNotifiedAt
      },
      null,
    )
    const [inc] = await readIncidents(page)
    expect(inc.id).toBe('INC-0001')
    await expect.poll(() => page.getAttribute('[data-testid="figure-valves"]', 'data-state')).toBe('done')
    await expect.poll(() => page.getAttribute('[data-testid="figure-fireBrigade"]', 'data-state')).toBe('done')
    expect(await page.textContent('[data-testid="incident-id"]')).toBe('INC-0001')

    // An enterprise task is not the park commander's: disabled, with the reason.
    expect(await page.isDisabled('[data-testid="ack-E-start-plan"]')).toBe(true)

    // Draw calls rose (heatmap + outlines + arrow) and stay in budget; zone colours on the canvas.
    await frames(b, 3)
    const after = (await readHooks(page)).renderer!
    expect(after.calls).toBeGreaterThan(before)
    expect(after.calls).toBeLessThanOrEqual(DRAW_CALL_BUDGET)
    const png = await canvasOnlyScreenshot(page)
    // The yellow ribbon sits in the heatmap's yellow fringe: a loose tolerance, a low floor.
    const zonePixels = ZONE_LINE_COLORS.map((c) => countNear(png, c, 60))
    expect(
      zonePixels.every((n) => n > 10),
      `zone outline pixels ${zonePixels.join(', ')}`,
    ).toBe(true)
    await recordMetrics('park-metrics.json', 'demo-park-incident', {
      drawCallsBefore: before,
      drawCallsWithPlume: after.calls,
      triangles: after.triangles,
      zonePixels,
      litCells: plume.litCells,
    })
    console.log(`plume: draw calls ${before} → ${after.calls}; zone pixels ${zonePixels.join(', ')}`)
  })

  test('the park tier starts and the park commander takes P-dispatch', async () => {
    const { page } = b
    await waitForHooks(
      page,
      () => window.__safetwin.incidents()[0]?.steps.some((s) => s.id === 'P-dispatch'),
      null,
      150_000,
    )
    await page.waitForSelector('[data-testid="ack-P-dispatch"]:not([disabled])')
    await page.click('[data-testid="ack-P-dispatch"]')
    await waitForHooks(
      page,
      () => window.__safetwin.incidents()[0].steps.find((s) => s.id === 'P-dispatch')?.status === 'acknowledged',
      null,
      30_000,
    )
    await expect.poll(() => page.getAttribute('[data-testid="step-P-dispatch"]', 'data-look')).toBe('acknowledged')
    await expect.poll(() => page.getAttribute('[data-testid="figure-parkTier"]', 'data-state')).toBe('done')
    // Quiet the sound-and-light alarm so the screenshots show the incident, not the flash.
    if (await page.isVisible('[data-testid="ack-all"]')) await page.click('[data-testid="ack-all"]')
    await waitForHooks(page, () => window.__safetwin.alarms()?.redUnacked.length === 0, null, 30_000)
    await frames(b, 2)
    await saveScreenshot(page, 'incident-zh-1920x1080.png')
    await page.click('[data-testid="language-toggle"]')
    await expect.poll(() => page.textContent('[data-testid="incident-panel"]')).toContain('Acting as')
    await frames(b, 2)
    await saveScreenshot(page, 'incident-en-1920x1080.png')
    expect(b.errors, b.errors.join('\n')).toEqual([])
  })

  test('a replay of the record: banner, chain ✔, seek, 64×, read-only incident panel', async () => {
    const { page } = b
    await page.click('[data-testid="replay-open"]')
    await waitForHooks(
      page,
      () => {
        const r = window.__safetwin.replay()
        return r?.mode === 'replay' && r.sessionId !== null
      },
      null,
      30_000,
    )
    expect(await page.isVisible('[data-testid="replay-banner"]')).toBe(true)
    const r = (await readReplay(page))!
    expect(r.chainOk).toBe(true)
    expect(r.markers).toBeGreaterThan(0)
    expect(await page.getAttribute('[data-testid="chain-status"]', 'data-ok')).toBe('true')
    expect(await page.textContent('[data-testid="chain-status"]')).toContain('✔')

    // Seek to 40 % of the record by clicking the timeline: the incident is open by then.
    const box = (await page.locator('[data-testid="replay-track"]').boundingBox())!
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height / 2)
    const target = r.from + (r.to - r.from) * 0.4
    await waitForHooks(
      page,
      ([t, tol]) => Math.abs(window.__safetwin.replay()!.position - t) < tol,
      [target, (r.to - r.from) * 0.03] as const,
      30_000,
    )
    await waitForHooks(page, () => window.__safetwin.incidents().some((i) => i.id === 'INC-0001'), null, 30_000)
    await page.waitForSelector('[data-testid="incident-panel"]')
    // Read-only: no enabled step buttons in a replay.
    expect(await page.locator('[data-testid="incident-panel"] button:not([disabled])').count()).toBe(0)

    // Play at 64×: the position moves faster than the wall clock.
    await page.click('[data-testid="replay-speed-64"]')
    await waitForHooks(page, () => window.__safetwin.replay()!.speed === 64, null, 15_000)
    const p0 = (await readReplay(page))!.position
    await page.click('[data-testid="replay-play"]')
    await waitForHooks(
      page,
      (min) => {
        const x = window.__safetwin.replay()!
        return x.position > min || x.position >= x.to
      },
      p0 + 20_000,
      30_000,
    )
    await page.click('[data-testid="replay-play"]') // pause for the screenshot
    await waitForHooks(page, () => !window.__safetwin.replay()!.playing, null, 15_000)
    await waitForHooks(page, () => window.__safetwin.plume()?.heatmapVisible, null, 30_000)
    await frames(b, 2)
    await saveScreenshot(page, 'replay-en-1920x1080.png')
    await page.click('[data-testid="language-toggle"]')
    await expect.poll(() => page.textContent('[data-testid="replay-banner"]')).toContain('回放')
    await frames(b, 2)
    await saveScreenshot(page, 'replay-zh-1920x1080.png')

    // The report link points at the printable page for the replay's window.
    const href = (await page.getAttribute('[data-testid="report-open"]', 'href'))!
    expect(href).toMatch(/report\.html\?lang=zh&from=\d+&to=\d+/)
    const res = await fetch(`${server.url}${href}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('html')

    // Back to live: the banner goes, the live picture returns.
    await page.click('[data-testid="replay-exit"]')
    await waitForHooks(
      page,
      () => window.__safetwin.replay()?.mode === 'live' && window.__safetwin.connection === 'live',
      null,
      30_000,
    )
    expect(await page.isVisible('[data-testid="replay-banner"]')).toBe(false)
    expect(b.errors, b.errors.join('\n')).toEqual([])
  })

  test('the live incident at 3840×2160', async () => {
    const { page } = b
    await page.setViewportSize({ width: 3840, height: 2160 })
    await waitForHooks(page, () => window.__safetwin.plume()?.heatmapVisible, null, 60_000)
    await frames(b, 3)
    await saveScreenshot(page, 'incident-zh-3840x2160.png')
    await page.setViewportSize({ width: 1920, height: 1080 })
  })
})
