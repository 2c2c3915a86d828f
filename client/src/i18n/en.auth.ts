import type { authZhCN } from './zh-CN.auth'

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }

/** English for login, the demo badge, the user chip and people in the twin; typed against zh-CN. */
export const authEn: Strings<typeof authZhCN> = {
  auth: {
    title: 'Log in to SafeTwin',
    subtitle: 'Sign in to the command center with your account',
    username: 'Username',
    password: 'Password',
    submit: 'Log in',
    submitting: 'Logging in…',
    cancel: 'Continue as demo visitor',
    login: 'Log in',
    logout: 'Log out',
    demoBadge: '演示模式 DEMO',
    demoVisitor: 'Demo visitor',
    demoAccounts: 'Demo accounts (password filled in)',
    demoHint: 'The server runs in demo mode: browse as the demo visitor, or pick a demo account.',
    required: 'Log in to see the twin',
    retryAfter: 'Try again in {{s}} s',
    wrong: 'Wrong username or password',
    throttled: 'Too many failed logins',
    roles: {
      demo_visitor: 'Demo visitor',
      enterprise_operator: 'Enterprise operator',
      enterprise_manager: 'Enterprise manager',
      park_commander: 'Park commander',
      government_commander: 'Government commander',
      regulator: 'Regulator',
      drill_instructor: 'Drill instructor',
      drill_trainee: 'Drill trainee',
      admin: 'Administrator',
    },
  },
  people: {
    onSite: 'People on site',
    inZones: 'In hazard zones',
    down: 'Down',
    exposed: 'Exposed',
  },
}
