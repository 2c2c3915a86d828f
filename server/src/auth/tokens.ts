/**
 * Session tokens: `v1.<payload>.<mac>` where payload is base64url JSON {sub, name, role, ent,
 * pr, iat, exp, jti} and mac = HMAC-SM3(secret, "v1." + payload). Stateless, so every instance
 * behind the load balancer verifies them with the shared secret; short-lived (12 h default).
 * A tampered, expired or foreign token is refused with a reason.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import type { SessionUser } from '@sim/protocol/events'

export interface TokenClaims {
  sub: string
  name: string
  role: string
  ent: string | null
  pr: string | null
  iat: number
  exp: number
  jti: string
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url')

export class TokenService {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = 12 * 3600_000,
  ) {
    if (secret.length < 32) throw new Error('token secret must be at least 32 bytes')
  }

  private mac(data: string): Buffer {
    return createHmac('sm3', this.secret).update(data).digest()
  }

  issue(u: SessionUser): { token: string; claims: TokenClaims } {
    const iat = this.now()
    const claims: TokenClaims = {
      sub: u.id,
      name: u.name,
      role: u.role,
      ent: u.enterpriseId,
      pr: u.planRole,
      iat,
      exp: iat + this.ttlMs,
      jti: randomUUID(),
    }
    const payload = b64u(JSON.stringify(claims))
    return { token: `v1.${payload}.${b64u(this.mac(`v1.${payload}`))}`, claims }
  }

  verify(token: unknown): { ok: true; user: SessionUser; claims: TokenClaims } | { ok: false; reason: string } {
    if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'no token' }
    const parts = token.split('.')
    if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'malformed token' }
    const want = this.mac(`v1.${parts[1]}`)
    const got = Buffer.from(parts[2], 'base64url')
    if (got.length !== want.length || !timingSafeEqual(got, want))
      return { ok: false, reason: 'token signature invalid' }
    let c: TokenClaims
    try {
      c = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims
    } catch {
      return { ok: false, reason: 'malformed token' }
    }
    if (typeof c.exp !== 'number' || c.exp <= this.now()) return { ok: false, reason: 'token expired' }
    return { ok: true, claims: c, user: { id: c.sub, name: c.name, role: c.role, enterpriseId: c.ent, planRole: c.pr } }
  }
}
