import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import '../styles/auth.css'
import { closeLoginDialog, DEMO_ACCOUNTS, DEMO_PASSWORD, login, useAuth } from './session'

/** The server's words, after a translation of the common cases when the UI language differs. */
function errorLine(r: { status: number; error: string; retryAfterS?: number }, t: TFunction): string {
  const local = r.status === 401 ? t('auth.wrong') : r.status === 429 ? t('auth.throttled') : ''
  let line = local && !r.error.toLowerCase().includes(local.toLowerCase()) ? `${local} — ${r.error}` : r.error
  if (r.retryAfterS && !/\d/.test(r.error)) line += ` (${t('auth.retryAfter', { s: r.retryAfterS })})`
  return line
}

/**
 * The login form, large enough to use on a wall screen from a step away. Opens by itself when the
 * server wants a login (production mode, an expired token, a refused socket) and from the user
 * chip. The server's own error text is shown as it comes ("wrong username or password", "too many
 * failed logins; try again in 300 s"). In demo mode the documented demo accounts can be picked and
 * the demo password is filled in.
 */
export function LoginDialog() {
  const { t } = useTranslation()
  const open = useAuth((s) => s.dialogOpen)
  const demoMode = useAuth((s) => s.demoMode)
  const notice = useAuth((s) => s.notice)
  const [username, setUsername] = useState('')
  // Filled in the first render when the server is in demo mode, so the demo picker and the
  // password never show out of step.
  const [password, setPassword] = useState(() => (demoMode ? DEMO_PASSWORD : ''))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const userRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!open) return
    setError(null)
    if (demoMode) setPassword((p) => p || DEMO_PASSWORD)
    userRef.current?.focus()
  }, [open, demoMode])

  if (!open) return null

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy || !username || !password) return
    setBusy(true)
    setError(null)
    const r = await login(username.trim(), password)
    // On success the page reloads into the new session; keep the form disabled until it does.
    if (!r.ok) {
      setBusy(false)
      setError(errorLine(r, t))
    }
  }

  const pick = (name: string) => {
    setUsername(name)
    setPassword(DEMO_PASSWORD)
    setError(null)
  }

  return (
    <div className="login-backdrop" data-testid="login-dialog">
      <form className="login-dialog" role="dialog" aria-modal="true" aria-labelledby="login-title" onSubmit={submit}>
        <h2 id="login-title" className="login-dialog__title">
          {t('auth.title')}
        </h2>
        <p className="login-dialog__subtitle">{demoMode ? t('auth.demoHint') : t('auth.subtitle')}</p>
        {notice && !error && (
          <p className="login-dialog__notice" data-testid="login-notice">
            {/required/i.test(notice) ? t('auth.required') : notice}
          </p>
        )}
        <label className="login-dialog__field">
          <span>{t('auth.username')}</span>
          <input
            ref={userRef}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
            data-testid="login-username"
          />
        </label>
        <label className="login-dialog__field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
            data-testid="login-password"
          />
        </label>
        {error && (
          <p className="login-dialog__error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="login-dialog__actions">
          {demoMode && (
            <button type="button" className="btn login-dialog__cancel" onClick={closeLoginDialog} disabled={busy}>
              {t('auth.cancel')}
            </button>
          )}
          <button
            type="submit"
            className="btn login-dialog__submit"
            disabled={busy || !username || !password}
            data-testid="login-submit"
          >
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
        </div>
        {demoMode && (
          <fieldset className="login-dialog__demo" data-testid="login-demo-accounts">
            <legend>{t('auth.demoAccounts')}</legend>
            {DEMO_ACCOUNTS.map((a) => (
              <button
                key={a.username}
                type="button"
                className={`login-demo-account${a.username === username ? ' login-demo-account--picked' : ''}`}
                onClick={() => pick(a.username)}
                disabled={busy}
              >
                <span className="login-demo-account__name">{a.username}</span>
                <span className="login-demo-account__role">{t(`auth.roles.${a.role}`, { defaultValue: a.role })}</span>
              </button>
            ))}
          </fieldset>
        )}
      </form>
    </div>
  )
}
