/**
 * Launch Debian's Chromium through playwright-core with software WebGL (SwiftShader), the way
 * the end-to-end tests and CI run it. Flags and the reasons for them are in docs/e2e.md.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const

export interface LaunchedBrowser {
  context: BrowserContext
  page: Page
  /** Browser console errors and page errors seen so far. */
  errors: string[]
  close(): Promise<void>
}

export interface LaunchOptions {
  width?: number
  height?: number
  headless?: boolean
}

/**
 * A fresh profile per launch (mkdtemp) so no cache, storage or service worker leaks between
 * tests; removed again on close.
 */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'safetwin-e2e-'))
  const width = opts.width ?? 1920
  const height = opts.height ?? 1080
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: [...CHROMIUM_ARGS],
    viewport: { width, height },
    deviceScaleFactor: 1,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(String(e)))
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close()
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}

export type { Browser, Page }
