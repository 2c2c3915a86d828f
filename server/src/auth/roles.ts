/**
 * Who may do what. One table, used by every REST route and socket event, so the role matrix the
 * tests walk is the same one the server enforces.
 */
export const ROLES = [
  'enterprise_operator',
  'enterprise_manager',
  'park_commander',
  'government_commander',
  'regulator',
  'drill_instructor',
  'drill_trainee',
  'admin',
  // The visitor of a demo-mode server (no login): sees everything a park commander sees and may
  // start simulated leaks to show the product. Never exists outside demo mode.
  'demo_visitor',
] as const
export type Role = (typeof ROLES)[number]

export const PERMISSIONS = [
  'scene.view', // see the live twin of a scene (tenant masking still applies)
  'alarm.acknowledge',
  'alarm.shelve',
  'incident.command', // acknowledge/complete plan steps, tiers, levels, open/close incidents
  'dispatch.command',
  'leak.simulate', // start/stop simulated leaks (demos, training, drills)
  'replay', // open replays of the log
  'report', // read reports, the raw event log, state-at-t
  'users.manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const ALL = new Set<Permission>(PERMISSIONS)

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  enterprise_operator: new Set(['scene.view', 'alarm.acknowledge', 'incident.command']),
  enterprise_manager: new Set(['scene.view', 'alarm.acknowledge', 'alarm.shelve', 'incident.command', 'report']),
  park_commander: new Set([
    'scene.view',
    'alarm.acknowledge',
    'alarm.shelve',
    'incident.command',
    'dispatch.command',
    'replay',
    'report',
  ]),
  government_commander: new Set([
    'scene.view',
    'alarm.acknowledge',
    'incident.command',
    'dispatch.command',
    'replay',
    'report',
  ]),
  // Read-only by design: a regulator's replay is evidence only if the regulator cannot act.
  regulator: new Set(['scene.view', 'replay', 'report']),
  drill_instructor: new Set([
    'scene.view',
    'alarm.acknowledge',
    'incident.command',
    'leak.simulate',
    'replay',
    'report',
  ]),
  drill_trainee: new Set(['scene.view', 'alarm.acknowledge', 'incident.command']),
  admin: ALL,
  demo_visitor: new Set([
    'scene.view',
    'alarm.acknowledge',
    'alarm.shelve',
    'incident.command',
    'dispatch.command',
    'leak.simulate',
    'replay',
    'report',
  ]),
}

export function can(role: string, p: Permission): boolean {
  return (ROLE_PERMISSIONS as Record<string, ReadonlySet<Permission> | undefined>)[role]?.has(p) ?? false
}

/** Enterprise staff see and act on their own enterprise only. */
export function isEnterpriseRole(role: string): boolean {
  return role === 'enterprise_operator' || role === 'enterprise_manager'
}
