/**
 * Local accounts. Loaded from a JSON file of `{username, name, role, enterpriseId, planRole,
 * passwordHash}` (scrypt hashes, see passwords.ts) and, in demo mode only, the documented demo
 * accounts (docs/security.md) — one per role, all with the demo password. Every instance of a
 * scale-out deployment loads the same file, so a token issued by one is honoured by all.
 */
import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import type { SessionUser } from '@sim/protocol/events'
import { ROLES } from './roles'
import { hashPassword, verifyPassword } from './passwords'

export interface Account extends SessionUser {
  username: string
  passwordHash: string | null
}

const AccountSchema = z.object({
  username: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/),
  name: z.string().min(1).max(100),
  role: z.enum(ROLES).refine((r) => r !== 'demo_visitor', 'demo_visitor is not an account role'),
  enterpriseId: z.string().nullable().default(null),
  planRole: z.string().nullable().default(null),
  passwordHash: z.string().startsWith('scrypt$'),
})

export const DEMO_PASSWORD = 'safetwin-demo'

/** One account per role for the demo park (documented in docs/security.md). */
export const DEMO_ACCOUNTS: Omit<Account, 'passwordHash'>[] = [
  {
    username: 'chloralkali.operator',
    id: 'chloralkali.operator',
    name: '王工（氯碱值班员）',
    role: 'enterprise_operator',
    enterpriseId: 'qinglan-chloralkali',
    planRole: 'ent.shift_lead',
  },
  {
    username: 'chloralkali.manager',
    id: 'chloralkali.manager',
    name: '李总（氯碱应急总指挥）',
    role: 'enterprise_manager',
    enterpriseId: 'qinglan-chloralkali',
    planRole: 'ent.commander',
  },
  {
    username: 'fertiliser.operator',
    id: 'fertiliser.operator',
    name: '赵工（化肥值班员）',
    role: 'enterprise_operator',
    enterpriseId: 'lanjiang-fertiliser',
    planRole: 'ent.shift_lead',
  },
  {
    username: 'park.commander',
    id: 'park.commander',
    name: '陈指挥长（园区）',
    role: 'park_commander',
    enterpriseId: null,
    planRole: 'park.commander',
  },
  {
    username: 'park.duty',
    id: 'park.duty',
    name: '何值班员（园区）',
    role: 'park_commander',
    enterpriseId: null,
    planRole: 'park.duty_officer',
  },
  {
    username: 'gov.commander',
    id: 'gov.commander',
    name: '刘指挥长（县应急局）',
    role: 'government_commander',
    enterpriseId: null,
    planRole: 'gov.commander',
  },
  { username: 'regulator', id: 'regulator', name: '孙监管员', role: 'regulator', enterpriseId: null, planRole: null },
  {
    username: 'drill.instructor',
    id: 'drill.instructor',
    name: '周教官',
    role: 'drill_instructor',
    enterpriseId: null,
    planRole: 'park.commander',
  },
  {
    username: 'drill.trainee',
    id: 'drill.trainee',
    name: '吴学员',
    role: 'drill_trainee',
    enterpriseId: 'qinglan-chloralkali',
    planRole: 'ent.shift_lead',
  },
  { username: 'admin', id: 'admin', name: '系统管理员', role: 'admin', enterpriseId: null, planRole: null },
]

/** The screen a demo visitor gets without logging in (clearly flagged as demo in the UI). */
export const DEMO_VISITOR: SessionUser = {
  id: 'demo.visitor',
  name: '演示访客 Demo visitor',
  role: 'demo_visitor',
  enterpriseId: null,
  planRole: 'park.commander',
}

export class UserDirectory {
  private readonly accounts = new Map<string, Account>()
  private demoHash: Promise<string> | null = null

  static load(file: string | undefined, demo: boolean): UserDirectory {
    const dir = new UserDirectory()
    if (demo) for (const a of DEMO_ACCOUNTS) dir.accounts.set(a.username, { ...a, passwordHash: null })
    if (file && existsSync(file)) {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown
      const list = z.array(AccountSchema).safeParse(raw)
      if (!list.success)
        throw new Error(
          `${file}: invalid accounts: ${list.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; ')}`,
        )
      for (const a of list.data) dir.accounts.set(a.username, { ...a, id: a.username })
    }
    return dir
  }

  get(username: string): Account | undefined {
    return this.accounts.get(username)
  }

  /** Verify a password; demo accounts share one scrypt hash of the demo password, made once. */
  async check(username: string, password: string): Promise<Account | null> {
    const a = this.accounts.get(username)
    // Hash anyway when the account is unknown, so timing does not tell which usernames exist.
    if (!a) {
      await verifyPassword(password, await this.demo())
      return null
    }
    const hash = a.passwordHash ?? (await this.demo())
    return (await verifyPassword(password, hash)) ? a : null
  }

  private demo(): Promise<string> {
    this.demoHash ??= hashPassword(DEMO_PASSWORD)
    return this.demoHash
  }
}
