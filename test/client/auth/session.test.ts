import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import {
  authHeaders,
  authStore,
  checkSession,
  clearToken,
  configureSession,
  currentToken,
  DEMO_ACCOUNTS,
  login,
  logout,
  NOTICE_KEY,
  requireLogin,
  saveToken,
  TOKEN_KEY,
  type KeyValueStorage,
} from '../../../client/src/auth/session'

class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>()
  getItem(k: string) {
    return this.map.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.map.set(k, v)
  }
  removeItem(k: string) {
    this.map.delete(k)
  }
}

const HOUR = 3_600_000
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

let storage: MemoryStorage
let reload: ReturnType<typeof vi.fn<() => void>>
const initial = authStore.getState()

beforeEach(() => {
  storage = new MemoryStorage()
  reload = vi.fn<() => void>()
  configureSession({ storage, reload })
  authStore.setState(initial, true)
})

afterEach(() => configureSession({ storage: null }))

describe('token storage and headers', () => {
  test('no token: no Authorization header', () => {
    expect(currentToken()).toBeNull()
    expect(authHeaders()).toEqual({})
  })

  test('a saved token is sent as a bearer token until it expires, then forgotten', () => {
    const now = Date.now()
    saveToken('v1.abc.def', now + HOUR)
    expect(JSON.parse(storage.getItem(TOKEN_KEY)!)).toEqual({ token: 'v1.abc.def', expiresAt: now + HOUR })
    expect(currentToken()).toBe('v1.abc.def')
    expect(authHeaders()).toEqual({ authorization: 'Bearer v1.abc.def' })
    expect(currentToken(now + HOUR)).toBeNull()
    expect(storage.getItem(TOKEN_KEY)).toBeNull()
    expect(authHeaders()).toEqual({})
  })

  test('garbage in storage reads as no token; clearToken removes it', () => {
    storage.setItem(TOKEN_KEY, 'not json')
    expect(currentToken()).toBeNull()
    storage.setItem(TOKEN_KEY, JSON.stringify({ token: 42 }))
    expect(currentToken()).toBeNull()
    saveToken('t', Date.now() + HOUR)
    clearToken()
    expect(storage.map.size).toBe(0)
  })

  test('a storage that throws (locked-down wall PC) does not break the page', () => {
    configureSession({
      storage: {
        getItem: () => {
          throw new Error('denied')
        },
        setItem: () => {
          throw new Error('denied')
        },
        removeItem: () => {
          throw new Error('denied')
        },
      },
    })
    expect(() => saveToken('t', Date.now() + HOUR)).not.toThrow()
    expect(currentToken()).toBeNull()
    expect(authHeaders()).toEqual({})
  })

  test('the demo picker lists every documented demo account', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.username).sort()).toEqual(
      [
        'admin',
        'chloralkali.manager',
        'chloralkali.operator',
        'drill.instructor',
        'drill.trainee',
        'fertiliser.operator',
        'gov.commander',
        'park.commander',
        'park.duty',
        'regulator',
      ].sort(),
    )
  })
})

describe('login', () => {
  test('success keeps the token and reloads into the new session', async () => {
    const exp = Date.now() + 12 * HOUR
    const fetchImpl = vi.fn(async () =>
      json(200, { token: 'v1.p.m', user: { id: 'u', name: 'U', role: 'admin' }, expiresAt: exp, demo: false }),
    )
    const r = await login('admin', 'pw', fetchImpl as unknown as typeof fetch)
    expect(r).toEqual({ ok: true })
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/auth/login')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ username: 'admin', password: 'pw' })
    expect(authHeaders()).toEqual({ authorization: 'Bearer v1.p.m' })
    expect(reload).toHaveBeenCalledOnce()
  })

  test("a wrong password returns the server's text and keeps no token", async () => {
    const fetchImpl = async () => json(401, { error: 'wrong username or password' })
    const r = await login('admin', 'nope', fetchImpl as typeof fetch)
    expect(r).toEqual({ ok: false, status: 401, error: 'wrong username or password' })
    expect(currentToken()).toBeNull()
    expect(reload).not.toHaveBeenCalled()
  })

  test('throttled: 429 with Retry-After', async () => {
    const fetchImpl = async () =>
      json(429, { error: 'too many failed logins; try again in 300 s' }, { 'Retry-After': '300' })
    const r = await login('admin', 'nope', fetchImpl as typeof fetch)
    expect(r).toEqual({ ok: false, status: 429, error: 'too many failed logins; try again in 300 s', retryAfterS: 300 })
  })

  test('network failure is an error, not a throw', async () => {
    const fetchImpl = async () => {
      throw new Error('Failed to fetch')
    }
    expect(await login('a', 'b', fetchImpl as typeof fetch)).toEqual({ ok: false, status: 0, error: 'Failed to fetch' })
  })

  test('logout forgets the token and reloads', () => {
    saveToken('t', Date.now() + HOUR)
    logout()
    expect(currentToken()).toBeNull()
    expect(reload).toHaveBeenCalledOnce()
  })
})

describe('checkSession (/api/v1/auth/me)', () => {
  test('demo mode without a token: the demo visitor, no dialog', async () => {
    const fetchImpl = vi.fn(async () =>
      json(200, { user: { id: 'demo.visitor', name: 'Demo', role: 'demo_visitor' }, demo: true, demoMode: true }),
    )
    await checkSession(fetchImpl as unknown as typeof fetch)
    const s = authStore.getState()
    expect(s).toMatchObject({ checked: true, demo: true, demoMode: true, dialogOpen: false })
    expect(s.user?.role).toBe('demo_visitor')
    const init = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1]
    expect(init.headers).not.toHaveProperty('authorization')
  })

  test('logged in: sends the bearer token, shows the user', async () => {
    saveToken('v1.x.y', Date.now() + HOUR)
    const fetchImpl = vi.fn(async () =>
      json(200, {
        user: { id: 'park.commander', name: '园区指挥', role: 'park_commander' },
        demo: false,
        demoMode: true,
      }),
    )
    await checkSession(fetchImpl as unknown as typeof fetch)
    const init = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1]
    expect(init.headers).toMatchObject({ authorization: 'Bearer v1.x.y' })
    expect(authStore.getState()).toMatchObject({ demo: false, demoMode: true, dialogOpen: false })
    expect(authStore.getState().user?.name).toBe('园区指挥')
  })

  test('production without a token: the login dialog opens with the reason', async () => {
    await checkSession((async () => json(401, { error: 'authentication required' })) as typeof fetch)
    expect(authStore.getState()).toMatchObject({
      checked: true,
      user: null,
      demoMode: false,
      dialogOpen: true,
      notice: 'authentication required',
    })
  })

  test('a refused token is forgotten, the page reloads, and the reason is shown after the reload', async () => {
    saveToken('v1.old.mac', Date.now() + HOUR)
    await checkSession((async () => json(401, { error: 'token expired' })) as typeof fetch)
    expect(currentToken()).toBeNull()
    expect(reload).toHaveBeenCalledOnce()
    expect(storage.getItem(NOTICE_KEY)).toBe('token expired')
    // After the reload (production): the dialog shows the stored reason, once.
    await checkSession((async () => json(401, { error: 'authentication required' })) as typeof fetch)
    expect(authStore.getState()).toMatchObject({ dialogOpen: true, notice: 'token expired' })
    expect(storage.getItem(NOTICE_KEY)).toBeNull()
  })

  test('a socket refused for want of a login opens the dialog; a refused token is dropped', () => {
    saveToken('t', Date.now() + HOUR)
    requireLogin('authentication refused: bad signature')
    expect(authStore.getState()).toMatchObject({ dialogOpen: true, notice: 'authentication refused: bad signature' })
    expect(currentToken()).toBeNull()
  })
})
