import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { checkSession, logout, openLoginDialog, useAuth } from '../auth/session'
import '../styles/auth.css'

/**
 * Who is at this screen, bottom right: the large "演示模式 DEMO" badge whenever the screen runs as
 * the demo visitor (with a log-in button), otherwise a chip "name · role" with log-out. Asks the
 * server once on mount (`GET /api/v1/auth/me`); in production without a login that opens the
 * login dialog.
 */
export function DemoBadge() {
  const { t } = useTranslation()
  const checked = useAuth((s) => s.checked)
  const demo = useAuth((s) => s.demo)
  const user = useAuth((s) => s.user)
  useEffect(() => void checkSession(), [])

  if (!checked) return null
  if (demo)
    return (
      <div className="auth-chip auth-chip--demo" data-testid="auth-chip">
        <span className="demo-badge" data-testid="demo-badge" role="status">
          {t('auth.demoBadge')}
        </span>
        <button type="button" className="btn auth-chip__btn" onClick={openLoginDialog} data-testid="auth-login">
          {t('auth.login')}
        </button>
      </div>
    )
  return (
    <div className="auth-chip" data-testid="auth-chip">
      {user ? (
        <span className="auth-chip__user" data-testid="auth-user">
          {user.name} · {t(`auth.roles.${user.role}`, { defaultValue: user.role })}
        </span>
      ) : null}
      {user ? (
        <button type="button" className="btn auth-chip__btn" onClick={logout} data-testid="auth-logout">
          {t('auth.logout')}
        </button>
      ) : (
        <button type="button" className="btn auth-chip__btn" onClick={openLoginDialog} data-testid="auth-login">
          {t('auth.login')}
        </button>
      )}
    </div>
  )
}
