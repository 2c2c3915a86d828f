/**
 * The security context of a server: accounts, tokens, gateway credentials, rate limits, audit.
 * Demo mode (the default of `npm start`) lets a visitor in without logging in, as a clearly
 * flagged demo park commander, and enables the documented demo accounts and demo gateway;
 * production (`SAFETWIN_DEMO=0`) requires a login for every screen and API call.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Request, Response, NextFunction } from 'express'
import type { SessionUser } from '@sim/protocol/events'
import { TokenService } from './tokens'
import { UserDirectory, DEMO_VISITOR } from './users'
import { GatewayRegistry, type Gateway } from './gateways'
import { RateLimiter } from './rateLimiter'
import { can, type Permission } from './roles'

export interface SecurityOptions {
  demo: boolean
  now: () => number
  /** ≥ 32 bytes; default: SAFETWIN_TOKEN_SECRET (hex) or a random secret kept in `secretFile`. */
  tokenSecret?: Buffer
  secretFile?: string
  usersFile?: string
  gatewaysFile?: string
  gateways?: Gateway[]
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser
    demoUser?: boolean
  }
}

export class Security {
  readonly demo: boolean
  readonly tokens: TokenService
  readonly users: UserDirectory
  readonly gateways: GatewayRegistry
  readonly loginByName: RateLimiter
  readonly loginByIp: RateLimiter
  readonly ingestByGateway: RateLimiter

  constructor(opts: SecurityOptions) {
    this.demo = opts.demo
    this.tokens = new TokenService(opts.tokenSecret ?? loadSecret(opts.secretFile), opts.now)
    this.users = UserDirectory.load(opts.usersFile, opts.demo)
    this.gateways = GatewayRegistry.load(opts.gatewaysFile, opts.demo, opts.gateways)
    this.loginByName = new RateLimiter(5, 5 * 60_000, opts.now)
    this.loginByIp = new RateLimiter(20, 5 * 60_000, opts.now)
    // Generous: a gateway at 10 readings/s/device sends a batch every 100 ms; this stops a runaway.
    this.ingestByGateway = new RateLimiter(6000, 60_000, opts.now)
  }

  /** The user behind an HTTP request: a valid bearer token, else the demo visitor in demo mode. */
  userOf(req: Request): { user: SessionUser | null; reason?: string; demo: boolean } {
    const h = req.headers.authorization
    if (h?.startsWith('Bearer ')) {
      const v = this.tokens.verify(h.slice(7))
      return v.ok ? { user: v.user, demo: false } : { user: null, reason: v.reason, demo: false }
    }
    return this.demo
      ? { user: DEMO_VISITOR, demo: true }
      : { user: null, reason: 'authentication required', demo: false }
  }

  /** Express middleware: 401 without a valid session, 403 without the permission. */
  require(p: Permission) {
    return (req: Request, res: Response, next: NextFunction) => {
      const { user, reason, demo } = this.userOf(req)
      if (!user) return void res.status(401).json({ error: reason ?? 'authentication required' })
      if (!can(user.role, p)) return void res.status(403).json({ error: `your role (${user.role}) may not ${p}` })
      req.user = user
      req.demoUser = demo
      next()
    }
  }

  /** The gateway behind an ingest request (X-Gateway-Key or Authorization: Gateway id:secret). */
  gatewayOf(req: Request): Gateway | null {
    const h = req.headers.authorization
    const cred =
      (req.headers['x-gateway-key'] as string | undefined) ?? (h?.startsWith('Gateway ') ? h.slice(8) : undefined)
    return this.gateways.check(cred)
  }
}

function loadSecret(file: string | undefined): Buffer {
  const env = process.env.SAFETWIN_TOKEN_SECRET
  if (env) {
    const b = Buffer.from(env, 'hex')
    if (b.length < 32) throw new Error('SAFETWIN_TOKEN_SECRET must be ≥ 32 bytes of hex')
    return b
  }
  if (!file) return randomBytes(32)
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex')
  mkdirSync(dirname(file), { recursive: true })
  const s = randomBytes(32)
  writeFileSync(file, s.toString('hex'), { mode: 0o600 })
  return s
}
