/**
 * Helpers for driving the command-center page: wait on the counters the client exposes on
 * `window.__safetwin` (never on frame rates or network idle: SwiftShader draws ~2 fps at 1080p),
 * and inspect screenshots.
 */
import { mkdir, writeFile, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import type { SafeTwinTestHooks, RenderStats, SensorColorSample } from '../../../client/src/testHooks'

export const OUTPUT_DIR = join(process.cwd(), 'test-output', 'e2e')

export interface HookSnapshot {
  renderFrames: number
  framesReceived: number
  lastSeq: number
  deviceCount: number
  sceneId: string | null
  connection: string
  renderer: RenderStats | null
  sensors: SensorColorSample | null
}

export async function readHooks(page: Page, sensorCount = 16): Promise<HookSnapshot> {
  return page.evaluate((n) => {
    const h = (window as unknown as { __safetwin?: SafeTwinTestHooks }).__safetwin
    if (!h) throw new Error('window.__safetwin is missing: the client did not start')
    return {
      renderFrames: h.renderFrames,
      framesReceived: h.framesReceived,
      lastSeq: h.lastSeq,
      deviceCount: h.deviceCount,
      sceneId: h.sceneId,
      connection: h.connection,
      renderer: h.renderer(),
      sensors: h.sensorColorSample(n),
    }
  }, sensorCount)
}

/** Wait until the page is live and has rendered and received at least the given counts. */
export async function waitForTwin(
  page: Page,
  want: { renderFrames?: number; framesReceived?: number; lastSeqAbove?: number; drawnVersion?: number },
  timeoutMs = 120_000,
): Promise<void> {
  await page.waitForFunction(
    (w) => {
      const h = (window as unknown as { __safetwin?: SafeTwinTestHooks }).__safetwin
      if (!h || h.connection !== 'live') return false
      const drawn = h.sensorColorSample(0)?.drawnVersion ?? -1
      return (
        h.renderFrames >= (w.renderFrames ?? 1) &&
        h.framesReceived >= (w.framesReceived ?? 1) &&
        h.lastSeq > (w.lastSeqAbove ?? -1) &&
        drawn >= (w.drawnVersion ?? 0)
      )
    },
    want,
    { timeout: timeoutMs, polling: 250 },
  )
}

export async function saveScreenshot(page: Page, name: string): Promise<{ path: string; png: PNG }> {
  const path = join(OUTPUT_DIR, name)
  await mkdir(dirname(path), { recursive: true })
  const buf = await page.screenshot({ path, type: 'png' })
  return { path, png: PNG.sync.read(buf) }
}

/**
 * Screenshot of the WebGL canvas alone: the DOM overlays (status bar, legend, labels) are hidden
 * for the shot so that what is counted was drawn by WebGL.
 */
export async function canvasOnlyScreenshot(page: Page): Promise<PNG> {
  const style = await page.addStyleTag({ content: '.status-bar,.app__side,.app__labels{visibility:hidden !important}' })
  try {
    const canvas = await page.waitForSelector('canvas', { timeout: 10_000 })
    // Wait for a render after hiding the overlays (the compositor, not WebGL, needs this).
    const before = await page.evaluate(() => window.__safetwin.renderFrames)
    await page.waitForFunction((b) => window.__safetwin.renderFrames > b, before, { timeout: 60_000 })
    return PNG.sync.read(await canvas.screenshot({ type: 'png' }))
  } finally {
    await style.evaluate((el) => (el as HTMLElement).remove())
  }
}

const hex = (h: string): [number, number, number] => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
]

/** Pixels whose colour is further than `tolerance` (max channel difference) from `background`. */
export function countNonBackground(png: PNG, background: string, tolerance = 24): number {
  const [r, g, b] = hex(background)
  let count = 0
  for (let i = 0; i < png.data.length; i += 4) {
    const d = Math.max(Math.abs(png.data[i] - r), Math.abs(png.data[i + 1] - g), Math.abs(png.data[i + 2] - b))
    if (d > tolerance) count++
  }
  return count
}

/** Pixels within `tolerance` of a colour (e.g. the sensor colour for "normal"). */
export function countNear(png: PNG, color: string, tolerance = 40): number {
  const [r, g, b] = hex(color)
  let count = 0
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - r) + Math.abs(png.data[i + 1] - g) + Math.abs(png.data[i + 2] - b) <= tolerance) count++
  }
  return count
}

/** Merge `entry` under `key` into a JSON metrics file in the output directory. */
export async function recordMetrics(file: string, key: string, entry: unknown): Promise<string> {
  const path = join(OUTPUT_DIR, file)
  await mkdir(dirname(path), { recursive: true })
  let all: Record<string, unknown> = {}
  try {
    all = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
  } catch {
    // first writer
  }
  all[key] = entry
  await writeFile(path, JSON.stringify(all, null, 2) + '\n')
  return path
}
