/**
 * Who this screen is (issue 10, docs/security.md). The login token lives in `sessionStorage`:
 * it survives a reload of the tab but not the tab, so a wall PC left on a login screen does not
 * keep a commander's session for the next shift. A tiny store of its own holds the current user,
 * whether the server treats this screen as the demo visitor, and whether the login dialog is open.
 *
 * Logging in or out reloads the page: the scene, the socket (whose handshake carries the token)
 * and every snapshot are then fetched again under the new identity, with no stale view left over.
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { SessionUser } from '@sim/protocol/events'

export const TOKEN_KEY = 'safetwin.token'
/** Why the last session ended (e.g. "token expired"), shown once in the login dialog after a reload. */
export const NOTICE_KEY = 'safetwin.authNotice'

/** The demo accounts of docs/security.md (they exist only while the server runs in demo mode). */
export const DEMO_PASSWORD = 'safetwin-demo'
export const DEMO_ACCOUNTS: readonly { username: string; role: string }[] = [
  { username: 'park.commander', role: 'park_commander' },
  { username: 'park.duty', role: 'park_commander' },
  { username: 'gov.commander', role: 'government_commander' },
  { username: 'chloralkali.operator', role: 'enterprise_operator' },
  { username: 'chloralkali.manager', role: 'enterprise_manager' },
  { username: 'fertiliser.operator', role: 'enterprise_operator' },
  { username: 'regulator', role: 'regulator' },
  { username: 'drill.instructor', role: 'drill_instructor' },
  { username: 'drill.trainee', role: 'drill_trainee' },
  { username: 'admin', role: 'admin' },
]

/** A socket refusal that a login can cure (no token, or a refused token). */
export const AUTH_FAILURE = /authentication (required|refused)/i

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export interface AuthState {
  /** The server answered /auth/me (or refused it). */
  checked: boolean
  user: SessionUser | null
  /** This screen runs as the demo visitor (no login, server in demo mode). */
  demo: boolean
  /** The server runs in demo mode (demo accounts exist; a screen may stay anonymous). */
  demoMode: boolean
  dialogOpen: boolean
  /** Server text explaining why the dialog opened ("authentication required", "token expired"). */
  notice: string | null
}

export const authStore = createStore<AuthState>(() => ({
  checked: false,
  user: null,
  demo: false,
  demoMode: false,
  dialogOpen: false,
  notice: null,
}))

export function useAuth<T>(selector: (s: AuthState) => T): T {
  return useStore(authStore, selector)
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null // storage can be disabled on locked-down wall PCs
  }
}

let storage: KeyValueStorage | null = defaultStorage()
let reload: () => void = () => window.location.reload()

/** Tests swap the storage and the reload. */
export function configureSession(opts: { storage?: KeyValueStorage | null; reload?: () => void }): void {
  if (opts.storage !== undefined) storage = opts.storage
  if (opts.reload) reload = opts.reload
}

interface StoredToken {
  token: string
  /** ms since epoch (the token's `exp`). */
  expiresAt: number
}

function safeGet(key: string): string | null {
  try {
    return storage?.getItem(key) ?? null
  } catch {
    return null
  }
}

function safeSet(key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key)
    else storage?.setItem(key, value)
  } catch {
    // a full or disabled storage: the login lasts until the next reload only
  }
}

/** The stored token, or null when there is none, it is unreadable or it has expired. */
export function currentToken(now = Date.now()): string | null {
  const raw = safeGet(TOKEN_KEY)
  if (!raw) return null
  try {
    const s = JSON.parse(raw) as Partial<StoredToken>
    if (typeof s.token !== 'string' || !s.token) return null
    if (typeof s.expiresAt === 'number' && s.expiresAt <= now) {
      safeSet(TOKEN_KEY, null)
      return null
    }
    return s.token
  } catch {
    return null
  }
}

export function saveToken(token: string, expiresAt: number): void {
  safeSet(TOKEN_KEY, JSON.stringify({ token, expiresAt } satisfies StoredToken))
}

export function clearToken(): void {
  safeSet(TOKEN_KEY, null)
}

/** Headers for a REST call to `/api/v1/...`: the bearer token when logged in, nothing otherwise. */
export function authHeaders(): Record<string, string> {
  const token = currentToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown }
    if (typeof body.error === 'string' && body.error) return body.error
  } catch {
    // not JSON
  }
  return `${res.status} ${res.statusText}`.trim()
}

/**
 * Ask the server who we are. Without a token, a 401 means the server is in production mode and
 * wants a login; with one, the token was refused (expired, tampered, other secret): forget it and
 * start again without it, keeping the reason for the dialog.
 */
export async function checkSession(fetchImpl: typeof fetch = fetch): Promise<void> {
  const hadToken = currentToken() !== null
  let res: Response
  try {
    res = await fetchImpl('/api/v1/auth/me', { headers: { accept: 'application/json', ...authHeaders() } })
  } catch {
    return // server unreachable: the connection state says so; try again on the next load
  }
  if (res.ok) {
    const me = (await res.json()) as { user: SessionUser; demo: boolean; demoMode: boolean }
    const notice = safeGet(NOTICE_KEY)
    if (notice) safeSet(NOTICE_KEY, null)
    authStore.setState({ checked: true, user: me.user, demo: me.demo, demoMode: me.demoMode, notice })
    return
  }
  if (res.status !== 401) return
  const reason = await errorText(res)
  if (hadToken) {
    clearToken()
    safeSet(NOTICE_KEY, reason)
    reload()
    return
  }
  const notice = safeGet(NOTICE_KEY)
  if (notice) safeSet(NOTICE_KEY, null)
  authStore.setState({
    checked: true,
    user: null,
    demo: false,
    demoMode: false,
    dialogOpen: true,
    notice: notice ?? reason,
  })
}

/** The socket was refused for want of a (valid) login: open the dialog with the server's words. */
export function requireLogin(reason: string | null = null): void {
  if (currentToken() !== null && reason && /refused/i.test(reason)) clearToken()
  authStore.setState({ dialogOpen: true, notice: reason })
}

export function openLoginDialog(): void {
  authStore.setState({ dialogOpen: true, notice: null })
}

export function closeLoginDialog(): void {
  authStore.setState({ dialogOpen: false })
}

export type LoginResult = { ok: true } | { ok: false; error: string; status: number; retryAfterS?: number }

/** POST /api/v1/auth/login; on success keep the token and reload into the new identity. */
export async function login(username: string, password: string, fetchImpl: typeof fetch = fetch): Promise<LoginResult> {
  let res: Response
  try {
    res = await fetchImpl('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    })
  } catch (e) {
    return { ok: false, status: 0, error: e instanceof Error ? e.message : String(e) }
  }
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'))
    return {
      ok: false,
      status: res.status,
      error: await errorText(res),
      ...(res.status === 429 && Number.isFinite(retry) && retry > 0 ? { retryAfterS: retry } : {}),
    }
  }
  const body = (await res.json()) as { token: string; expiresAt: number }
  saveToken(body.token, body.expiresAt)
  safeSet(NOTICE_KEY, null)
  reload()
  return { ok: true }
}

/** Forget the token and reload: the demo visitor in demo mode, the login dialog otherwise. */
export function logout(): void {
  clearToken()
  reload()
}
