/**
 * Test scaffolding for the response machine: the demo park and its plans, alarm and plume bodies
 * as the alarm engine and the plume service write them, and a loop on a VirtualClock.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { VirtualClock } from '@sim/core/clock'
import { parseSceneOrThrow } from '@sim/scene/parseScene'
import type { Scene } from '@sim/scene/sceneSchema'
import type { AlarmRaised, Severity } from '@sim/alarms/types'
import { createResponseLoop, parsePlansOrThrow, type PlanSet, type ResponseLoop, type ZoneReach } from '@sim/response'

export const ROOT = resolve(import.meta.dirname, '../../..')
export const T0 = Date.UTC(2026, 6, 1, 2, 0, 0)
export const MIN = 60_000

let cached: { scene: Scene; plans: PlanSet; rawPlans: unknown } | null = null

export function demo(): { scene: Scene; plans: PlanSet; rawPlans: unknown } {
  if (cached) return cached
  const scene = parseSceneOrThrow(
    JSON.parse(readFileSync(resolve(ROOT, 'scenes/demo-park/scene.json'), 'utf8')),
    'demo-park',
  )
  const rawPlans = JSON.parse(readFileSync(resolve(ROOT, 'scenes/demo-park/plans.json'), 'utf8'))
  cached = { scene, plans: parsePlansOrThrow(rawPlans, 'plans.json', scene), rawPlans }
  return cached
}

export function raised(
  deviceId: string,
  severity: Severity,
  at: number,
  n = 1,
  condition: AlarmRaised['condition'] = 'high',
): AlarmRaised {
  return {
    type: 'alarm.raised',
    alarmId: `${deviceId}:${condition}:${n}`,
    n,
    at,
    deviceId,
    condition,
    level: severity === 'red' ? 'highHigh' : 'high',
    severity,
    value: severity === 'red' ? 25 : 12,
    limit: severity === 'red' ? 20 : 10,
  }
}

export const noReach = (): ZoneReach => ({ outsideSourceFence: false, fences: [], outsideBoundary: false, targets: [] })

export function leakStarted(leakId: string, sourceId: string, enterpriseId: string, at: number, rate = 2) {
  return {
    type: 'leak.started',
    leakId,
    at,
    substance: 'Cl2',
    e: 0,
    n: 0,
    height_m: 2,
    rate_kg_s: rate,
    sourceId,
    enterpriseId,
    cause: 'drill',
  }
}

export function zones(leakId: string, at: number, aegl2: Partial<ZoneReach>, aegl3: Partial<ZoneReach> = {}) {
  return {
    type: 'plume.zones_updated',
    at,
    leakId,
    zones: [],
    aegl2: { ...noReach(), ...aegl2 },
    aegl3: { ...noReach(), ...aegl3 },
  }
}

export function loop(start = T0): { clock: VirtualClock; l: ResponseLoop } {
  const { scene, plans } = demo()
  const clock = new VirtualClock(start)
  return { clock, l: createResponseLoop({ sceneId: scene.id, scene, plans, clock }) }
}

/** The chlorine detector right next to liquid-chlorine tank CA-T101. */
export const CL2_DETECTOR = 'CA-GT001'
