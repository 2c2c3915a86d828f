/**
 * HTTP hardening: security headers on every response and a deliberate CORS policy — same origin
 * only unless origins are listed (SAFETWIN_CORS_ORIGINS), because command-hall screens load the
 * client from this server and third-party systems call the API server-to-server.
 */
import type { Request, Response, NextFunction } from 'express'

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  // The client is fully local: scripts, styles, fonts, workers and sockets from this origin only
  // (blob: for map workers and textures; inline styles for React's style props).
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  )
  next()
}

export function corsPolicy(allowed: readonly string[]) {
  const set = new Set(allowed)
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin
    if (origin && set.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin)
      res.setHeader('Vary', 'Origin')
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Content-Encoding, X-Gateway-Key')
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      if (req.method === 'OPTIONS') return void res.status(204).end()
    } else if (origin && req.method === 'OPTIONS')
      return void res.status(403).json({ error: `origin ${origin.slice(0, 100)} is not allowed` })
    next()
  }
}
