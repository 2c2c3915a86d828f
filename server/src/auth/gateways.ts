/**
 * Device credentials for gateways (HTTP `X-Gateway-Key: id:secret` or `Authorization: Gateway
 * id:secret`, MQTT username/password, socket handshake `auth.gateway`). An unknown gateway
 * cannot inject readings. Secrets are compared in constant time; each gateway may be limited to
 * scenes.
 */
import { existsSync, readFileSync } from 'node:fs'
import { timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

const GatewaySchema = z.object({
  id: z.string().min(1).max(64),
  secret: z.string().min(12).max(256),
  scenes: z.array(z.string()).optional(),
})
export type Gateway = z.infer<typeof GatewaySchema>

/** The demo gateway (documented; demo mode only). */
export const DEMO_GATEWAY: Gateway = { id: 'demo-gateway', secret: 'demo-gateway-secret' }

export class GatewayRegistry {
  private readonly byId = new Map<string, Gateway>()

  static load(file: string | undefined, demo: boolean, extra: Gateway[] = []): GatewayRegistry {
    const r = new GatewayRegistry()
    if (demo) r.byId.set(DEMO_GATEWAY.id, DEMO_GATEWAY)
    if (file && existsSync(file)) {
      const parsed = z.array(GatewaySchema).safeParse(JSON.parse(readFileSync(file, 'utf8')))
      if (!parsed.success)
        throw new Error(
          `${file}: invalid gateways: ${parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`,
        )
      for (const g of parsed.data) r.byId.set(g.id, g)
    }
    for (const g of extra) r.byId.set(g.id, g)
    return r
  }

  /** `id:secret` → the gateway, or null. */
  check(credential: string | undefined | null): Gateway | null {
    if (!credential) return null
    const i = credential.indexOf(':')
    if (i <= 0) return null
    return this.checkPair(credential.slice(0, i), credential.slice(i + 1))
  }

  checkPair(id: string | undefined, secret: string | undefined): Gateway | null {
    if (!id || secret === undefined) return null
    const g = this.byId.get(id)
    if (!g) return null
    const a = Buffer.from(secret)
    const b = Buffer.from(g.secret)
    return a.length === b.length && timingSafeEqual(a, b) ? g : null
  }
}
