/**
 * Scale-out: exactly one instance runs the scene machinery that must not run twice (judging
 * readings, appending alarm events, firing response timers, ticking the simulator). It holds a
 * Redis lease (SET NX PX) and renews it; if it dies, the lease expires and another instance takes
 * over, rebuilding its state from the shared log before it acts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RedisLike = { sendCommand(args: string[]): Promise<any> }

const RENEW_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`

export interface LeaderLeaseOptions {
  key: string
  instanceId: string
  ttlMs?: number
  /** Called when this instance gains the lease (await your recovery before acting). */
  onAcquire: () => Promise<void> | void
  /** Called when the lease is lost (stop acting at once). */
  onLose: () => void
}

export class LeaderLease {
  private timer: NodeJS.Timeout | null = null
  private leader = false
  private readonly ttl: number

  constructor(
    private readonly redis: RedisLike,
    private readonly opts: LeaderLeaseOptions,
  ) {
    this.ttl = opts.ttlMs ?? 5000
  }

  get isLeader(): boolean {
    return this.leader
  }

  async start(): Promise<void> {
    await this.round()
    // Renew at a third of the TTL: two missed renewals still keep the lease.
    this.timer = setInterval(() => void this.round(), Math.max(200, Math.floor(this.ttl / 3)))
  }

  private async round(): Promise<void> {
    try {
      if (this.leader) {
        const ok = await this.redis.sendCommand([
          'EVAL',
          RENEW_LUA,
          '1',
          this.opts.key,
          this.opts.instanceId,
          String(this.ttl),
        ])
        if (Number(ok) !== 1) {
          this.leader = false
          this.opts.onLose()
        }
      } else {
        const r = await this.redis.sendCommand([
          'SET',
          this.opts.key,
          this.opts.instanceId,
          'NX',
          'PX',
          String(this.ttl),
        ])
        if (r === 'OK') {
          this.leader = true
          await this.opts.onAcquire()
        }
      }
    } catch (e) {
      // Cannot reach Redis: a leader must assume it lost the lease (another may take it).
      if (this.leader) {
        this.leader = false
        this.opts.onLose()
      }
      console.error('leader lease:', (e as Error).message)
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    if (this.leader) {
      this.leader = false
      await this.redis
        .sendCommand(['EVAL', RELEASE_LUA, '1', this.opts.key, this.opts.instanceId])
        .catch(() => undefined)
    }
  }
}
