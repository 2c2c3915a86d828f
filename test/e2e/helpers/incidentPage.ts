/**
 * Helpers for the incident / plume / replay end-to-end test: read the response, plume and
 * replay hooks, start a leak over HTTP, wait on them.
 */
import type { Page } from 'playwright-core'
import type { IncidentHookView, PlumeHookView, ReplayHookView } from '../../../client/src/testHooks'

export async function readPlume(page: Page): Promise<PlumeHookView | null> {
  return page.evaluate(() => window.__safetwin.plume())
}

export async function readIncidents(page: Page): Promise<IncidentHookView[]> {
  return page.evaluate(() => window.__safetwin.incidents())
}

export async function readReplay(page: Page): Promise<ReplayHookView | null> {
  return page.evaluate(() => window.__safetwin.replay())
}

/**
 * Poll a predicate in the page (it reads `window.__safetwin`). Playwright ships the function's
 * source over the devtools protocol, so the page's CSP (no eval) does not apply.
 */
export async function waitForHooks<A>(page: Page, fn: (arg: A) => unknown, arg: A, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(fn as (a: unknown) => unknown, arg as unknown, { timeout: timeoutMs, polling: 250 })
}

/** Start a leak the way an instructor's script would: POST /api/v1/scenes/:id/leaks. */
export async function startLeak(url: string, sceneId: string, sourceId: string, rateKgS: number): Promise<string> {
  const r = await fetch(`${url}/api/v1/scenes/${sceneId}/leaks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sourceId, rate_kg_s: rateKgS }),
  })
  if (r.status !== 201) throw new Error(`leak: ${r.status} ${await r.text()}`)
  return ((await r.json()) as { leakId: string }).leakId
}
