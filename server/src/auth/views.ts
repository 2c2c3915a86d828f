/** Per-audience rooms and views of snapshots (what a screen gets when it joins). */
import type { AlarmSnapshot } from '@sim/alarms'
import { sceneRoom } from '@sim/protocol/events'
import type { Audience, SceneAudiences } from './audience'

export const audienceRoom = (sceneId: string, a: Audience) => `${sceneRoom(sceneId)}|${a}`

/** The alarm view for an audience: other enterprises' device alarms removed for enterprise staff, values of withheld process data nulled. */
export function filterAlarms(
  aud: SceneAudiences,
  a: Audience,
  s: AlarmSnapshot,
  involved: ReadonlySet<string>,
): AlarmSnapshot {
  if (a === 'full') return s
  const keep = <T extends { deviceId: string }>(r: T): T | null =>
    aud.maskEvent(a, { type: 'alarm.view', ...r }, involved) as T | null
  const mapList = <T extends { deviceId: string }>(l: T[]) =>
    l
      .map(keep)
      .filter((x): x is T => x !== null)
      .map((x) => stripType(x))
  const mine = a.startsWith('ent:') ? a.slice(4) : null
  return {
    ...s,
    active: mapList(s.active),
    history: mapList(s.history),
    shelves: mapList(s.shelves),
    devices: mapList(s.devices),
    credit: mine ? s.credit.filter((c) => c.enterpriseId === mine) : s.credit,
  }
}

function stripType<T>(x: T): T {
  const { type: _t, ...rest } = x as T & { type?: string }
  return rest as T
}

export function filterJoin<S extends { alarms: AlarmSnapshot }>(
  aud: SceneAudiences,
  a: Audience,
  snap: S,
  involved: ReadonlySet<string>,
): S {
  return { ...snap, alarms: filterAlarms(aud, a, snap.alarms, involved) }
}
