/**
 * POST /api/v1/auth/login {username, password} → {token, user, expiresAt}; GET /api/v1/auth/me.
 * Failed logins are throttled per username and per address and every attempt is audited.
 */
import express, { Router } from 'express'
import { z } from 'zod'
import type { Security } from '../auth/security'
import { describeZodError } from '@sim/protocol/messages'

export const AUDIT_LOG = '_audit'

const LoginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict()

export function authRouter(deps: {
  security: Security
  audit: (type: string, actor: string, detail: Record<string, unknown>) => void
}): Router {
  const r = Router()
  const { security } = deps
  r.post('/auth/login', express.json({ limit: '4kb' }), async (req, res, next) => {
    try {
      const p = LoginSchema.safeParse(req.body)
      if (!p.success) return void res.status(400).json({ error: describeZodError(p.error) })
      const { username, password } = p.data
      const ip = req.ip ?? 'unknown'
      const wait = Math.max(security.loginByName.blockedFor(`u:${username}`), security.loginByIp.blockedFor(`ip:${ip}`))
      if (wait > 0) {
        deps.audit('audit.login_throttled', username, { ip })
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)))
        return void res.status(429).json({ error: `too many failed logins; try again in ${Math.ceil(wait / 1000)} s` })
      }
      const account = await security.users.check(username, password)
      if (!account) {
        security.loginByName.hit(`u:${username}`)
        security.loginByIp.hit(`ip:${ip}`)
        deps.audit('audit.login_failed', username, { ip })
        return void res.status(401).json({ error: 'wrong username or password' })
      }
      security.loginByName.reset(`u:${username}`)
      const { passwordHash: _h, username: _u, ...user } = account
      const { token, claims } = security.tokens.issue(user)
      deps.audit('audit.login', user.id, { ip, role: user.role })
      res.json({ token, user, expiresAt: claims.exp, demo: security.demo })
    } catch (e) {
      next(e)
    }
  })
  r.get('/auth/me', (req, res) => {
    const { user, reason, demo } = security.userOf(req)
    if (!user) return void res.status(401).json({ error: reason })
    res.json({ user, demo, demoMode: security.demo })
  })
  return r
}
