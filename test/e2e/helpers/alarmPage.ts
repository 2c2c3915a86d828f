/**
 * Helpers for the alarm end-to-end test: pick devices from the scene, post readings over HTTP
 * (the same path a gateway uses), read the alarm and siren hooks, count trend-chart pixels.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import type { Page } from 'playwright-core'
import { DEVICE_UNITS, type Device, type Scene } from '@sim/scene/sceneSchema'
import type { AlarmHookView, SafeTwinTestHooks, SirenHookView } from '../../../client/src/testHooks'

export function readScene(sceneId: string, scenesDir = join(process.cwd(), 'scenes')): Scene {
  return JSON.parse(readFileSync(join(scenesDir, sceneId, 'scene.json'), 'utf8')) as Scene
}

/** Metres between two devices (equirectangular; fine inside a park). */
export function metresBetween(a: Device, b: Device): number {
  const k = Math.cos((a.position[1] * Math.PI) / 180)
  return Math.hypot((a.position[0] - b.position[0]) * 111_320 * k, (a.position[1] - b.position[1]) * 110_540)
}

export interface Feeder {
  /** Feed `value` for a device from the next post on (undefined: back to its nominal value). */
  set(deviceId: string, value: number | undefined): void
  /** Resolves after `n` more posts were accepted. */
  posts(n: number): Promise<void>
  stop(): Promise<void>
}

/**
 * A stand-in gateway: posts one reading per device every `periodMs` over HTTP, at the server's
 * now (the simulator stamps its devices with the same clock), nominal values with a little noise
 * unless `set()` says otherwise. A posted device becomes external and the simulator stops feeding
 * it; the feeder keeps it online and gives the trend chart something alive to draw.
 */
export function startFeeder(url: string, sceneId: string, devices: readonly Device[], periodMs = 200): Feeder {
  const override = new Map<string, number>()
  let lastT = 0
  let k = 0
  let accepted = 0
  let stopped = false
  let failure: Error | null = null
  const post = async () => {
    const t = Math.max(Date.now(), lastT + 1)
    lastT = t
    k++
    const body = devices.map((d, i) => {
      const span = d.range.max - d.range.min
      const base = override.get(d.id) ?? d.nominal ?? d.range.min
      const noise = span * 0.004 * (Math.sin(k * 0.7 + i) + Math.sin(k * 0.23 + 2 * i))
      const value = Math.min(d.range.max, Math.max(d.range.min, base + noise))
      return { device: d.id, t, value, unit: DEVICE_UNITS[d.type] }
    })
    const res = await fetch(`${url}/api/v1/scenes/${sceneId}/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gateway-key': 'demo-gateway:demo-gateway-secret' },
      body: JSON.stringify(body),
    })
    const json = (await res.json()) as { accepted: number; rejected: unknown[] }
    if (!res.ok || json.accepted !== devices.length)
      throw new Error(`readings refused: ${res.status} ${JSON.stringify(json).slice(0, 500)}`)
    accepted++
  }
  const loop = (async () => {
    while (!stopped) {
      await post().catch((e: unknown) => {
        failure = e instanceof Error ? e : new Error(String(e))
        stopped = true
      })
      await new Promise((r) => setTimeout(r, periodMs))
    }
  })()
  return {
    set: (id, value) => (value === undefined ? override.delete(id) : override.set(id, value)),
    posts: async (n) => {
      const until = accepted + n
      while (accepted < until) {
        if (failure) throw failure
        await new Promise((r) => setTimeout(r, 20))
      }
    },
    stop: async () => {
      stopped = true
      await loop
      if (failure) throw failure
    },
  }
}

export async function readAlarms(page: Page): Promise<{ alarms: AlarmHookView | null; siren: SirenHookView | null }> {
  return page.evaluate(() => {
    const h = (window as unknown as { __safetwin: SafeTwinTestHooks }).__safetwin
    return { alarms: h.alarms(), siren: h.siren() }
  })
}

/**
 * Wait until an alarm line whose id starts with `idPrefix` (a device id, `device:condition:` or a
 * whole alarm id) is shown with the given state; returns that line, pinned by its exact id.
 */
export async function waitForAlarmLine(page: Page, idPrefix: string, state: string, timeoutMs = 60_000) {
  const prefix = idPrefix.includes(':') ? idPrefix : `${idPrefix}:`
  const line = page.locator(`[data-testid="alarm-line"][data-alarm-id^="${prefix}"][data-state="${state}"]`)
  await line.first().waitFor({ state: 'visible', timeout: timeoutMs })
  const id = await line.first().getAttribute('data-alarm-id')
  return page.locator(`[data-testid="alarm-line"][data-alarm-id="${id}"]`)
}

export async function waitForSiren(page: Page, want: Partial<SirenHookView>, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(
    (w) => {
      const s = (window as unknown as { __safetwin: SafeTwinTestHooks }).__safetwin.siren()
      return !!s && Object.entries(w).every(([k, v]) => s[k as keyof typeof s] === v)
    },
    want,
    { timeout: timeoutMs, polling: 100 },
  )
}

/** Pixels of the trend canvas within `tolerance` of the line colour. */
export async function trendLinePixels(page: Page, lineColor: string, tolerance = 60): Promise<number> {
  const png = PNG.sync.read(await page.locator('[data-testid="trend-chart"]').screenshot({ type: 'png' }))
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(lineColor.slice(i, i + 2), 16))
  let n = 0
  for (let i = 0; i < png.data.length; i += 4)
    if (Math.abs(png.data[i] - r) + Math.abs(png.data[i + 1] - g) + Math.abs(png.data[i + 2] - b) <= tolerance) n++
  return n
}
