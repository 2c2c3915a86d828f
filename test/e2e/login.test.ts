/**
 * Login and the demo flag (issue 10), and people in the twin (issue 5 item 7 / issue 9), end to
 * end in Chromium. A production server (`demo: false`, one account from a temporary users file):
 * the page asks for a login, a wrong password shows the server's error, the right one loads the
 * twin and the user chip. A demo server: the DEMO badge, the demo-account picker, and the park's
 * people drawn from `people:frame`. Screenshots (1920×1080) land in test-output/e2e/ — look at them.
 *
 * Run: npx vite build && npx vitest run --project e2e test/e2e/login.test.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hashPassword } from '../../server/src/auth/passwords'
import { launchBrowser, type LaunchedBrowser } from './helpers/browser'
import { assertClientBuilt } from './helpers/builtClient'
import { startTestServer, type TestServer } from './helpers/testServer'
import { readHooks, saveScreenshot, waitForTwin } from './helpers/twinPage'

const ACCOUNT = {
  username: 'duty.chief',
  name: '陈值班长',
  role: 'park_commander',
  enterpriseId: null,
  planRole: 'park.duty_officer',
}
const PASSWORD = 'correct horse battery staple'

describe('login (production server) in Chromium', () => {
  let server: TestServer
  let b: LaunchedBrowser
  let usersDir: string
  beforeAll(async () => {
    assertClientBuilt()
    usersDir = await mkdtemp(join(tmpdir(), 'safetwin-users-'))
    const usersFile = join(usersDir, 'users.json')
    await writeFile(usersFile, JSON.stringify([{ ...ACCOUNT, passwordHash: await hashPassword(PASSWORD) }]))
    server = await startTestServer({ demo: false, usersFile })
    b = await launchBrowser()
  })
  afterAll(async () => {
    await b?.close()
    await server?.close()
    if (usersDir) await rm(usersDir, { recursive: true, force: true })
  })

  test('the page asks for a login; a wrong password shows the error; the right one loads the twin', async () => {
    const { page } = b
    await page.goto(`${server.url}/?scene=demo-park`)
    await page.waitForSelector('[data-testid="login-dialog"]', { timeout: 60_000 })
    // Production: no demo accounts, no way round the login, no DEMO badge.
    expect(await page.isVisible('[data-testid="login-demo-accounts"]')).toBe(false)
    expect(await page.isVisible('[data-testid="demo-badge"]')).toBe(false)
    expect(await page.textContent('[data-testid="login-notice"]')).toMatch(/登录|log in/i)
    await saveScreenshot(page, 'login-zh-1920x1080.png')

    await page.fill('[data-testid="login-username"]', ACCOUNT.username)
    await page.fill('[data-testid="login-password"]', 'wrong password')
    await page.click('[data-testid="login-submit"]')
    await page.waitForSelector('[data-testid="login-error"]')
    expect(await page.textContent('[data-testid="login-error"]')).toContain('wrong username or password')
    await saveScreenshot(page, 'login-error-zh-1920x1080.png')

    await page.fill('[data-testid="login-password"]', PASSWORD)
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="login-submit"]')])
    await waitForTwin(page, { renderFrames: 3, framesReceived: 3, drawnVersion: 1 })
    const a = await readHooks(page)
    await waitForTwin(page, { framesReceived: a.framesReceived + 3, lastSeqAbove: a.lastSeq })
    expect((await readHooks(page)).framesReceived).toBeGreaterThan(a.framesReceived)
    expect(await page.isVisible('[data-testid="login-dialog"]')).toBe(false)
    await page.waitForSelector('[data-testid="auth-user"]')
    expect(await page.textContent('[data-testid="auth-user"]')).toContain(ACCOUNT.name)
    expect(await page.isVisible('[data-testid="demo-badge"]')).toBe(false)
    await saveScreenshot(page, 'logged-in-zh-1920x1080.png')

    // Log out: back to the login dialog.
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="auth-logout"]')])
    await page.waitForSelector('[data-testid="login-dialog"]', { timeout: 60_000 })
  })
})

describe('demo mode in Chromium: DEMO badge, demo accounts, people', () => {
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

  test('the demo visitor sees the DEMO badge and the people of the park', async () => {
    const { page } = b
    await page.goto(`${server.url}/?scene=demo-park`)
    await waitForTwin(page, { renderFrames: 3, framesReceived: 3, drawnVersion: 1 })
    await page.waitForSelector('[data-testid="demo-badge"]')
    expect(await page.textContent('[data-testid="demo-badge"]')).toContain('DEMO')
    expect(await page.isVisible('[data-testid="login-dialog"]')).toBe(false)

    // People: the roster from the join, frames at 5 Hz, drawn into the instanced mesh.
    await page.waitForFunction(
      () => {
        const p = window.__safetwin.people()
        return p !== null && p.count > 0 && p.framesReceived >= 3 && p.drawnVersion > 0 && p.located > 0
      },
      null,
      { timeout: 120_000, polling: 250 },
    )
    const p1 = (await page.evaluate(() => window.__safetwin.people()))!
    expect(p1.count).toBeGreaterThanOrEqual(20)
    await page.waitForFunction((n) => window.__safetwin.people()!.framesReceived > n + 2, p1.framesReceived, {
      timeout: 60_000,
    })
    const onSite = await page.textContent('[data-testid="kpi-people-on-site"]')
    expect(Number(onSite?.replace(/\D/g, ''))).toBeGreaterThan(0)
    console.log(`people: ${p1.count} tracked, ${p1.located} located, ${p1.inHazard} in hazard zones`, p1.colors)
    await saveScreenshot(page, 'people-demo-park-zh-1920x1080.png')

    // The log-in button opens the dialog with the documented demo accounts and the password filled in.
    await page.click('[data-testid="auth-login"]')
    await page.waitForSelector('[data-testid="login-demo-accounts"]')
    await expect.poll(() => page.inputValue('[data-testid="login-password"]')).toBe('safetwin-demo')
    await page.click('text=park.commander')
    expect(await page.inputValue('[data-testid="login-username"]')).toBe('park.commander')
    await saveScreenshot(page, 'login-demo-zh-1920x1080.png')
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="login-submit"]')])
    await waitForTwin(page, { renderFrames: 2, framesReceived: 2 })
    await page.waitForSelector('[data-testid="auth-user"]')
    expect(await page.isVisible('[data-testid="demo-badge"]')).toBe(false)
  })
})
