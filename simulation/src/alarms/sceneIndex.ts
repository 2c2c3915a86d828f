/**
 * What the alarm engine needs to know about a scene's devices, resolved once: ids by index (the
 * telemetry frame order), local positions for flood grouping, and the zone each device is in.
 */
import { ringToLocal } from '../geo/frames'
import { pointInRing, resolveScene } from '../scene/resolveScene'
import type { Device, Scene } from '../scene/sceneSchema'

export interface AlarmSceneIndex {
  sceneId: string
  devices: readonly Device[]
  ids: readonly string[]
  index: ReadonlyMap<string, number>
  /** Local east/north metres per device, [e0, n0, e1, n1, …]. */
  en: Float64Array
  /** First zone (in scene order) whose polygon contains the device, or null. */
  zoneOf: readonly (string | null)[]
  enterpriseOf: readonly (string | null)[]
  enterpriseIds: readonly string[]
  /** Index of the ambient air temperature device, -1 if the scene has none. */
  ambientIdx: number
}

export function indexScene(scene: Scene, ambientDevice: string | null): AlarmSceneIndex {
  const r = resolveScene(scene)
  const n = scene.devices.length
  const en = new Float64Array(2 * n)
  for (let i = 0; i < n; i++) {
    en[2 * i] = r.devicePositions[3 * i]
    en[2 * i + 1] = r.devicePositions[3 * i + 1]
  }
  const zones = scene.zones.map((z) => ({ id: z.id, ring: ringToLocal(scene.origin, z.polygon) }))
  const zoneOf = scene.devices.map(
    (_, i) => zones.find((z) => pointInRing(z.ring, en[2 * i], en[2 * i + 1]))?.id ?? null,
  )
  const ambientId = ambientDevice ?? scene.metStation?.airTemperatureDevice ?? null
  const ambientIdx = ambientId === null ? -1 : (r.deviceIndex.get(ambientId) ?? -1)
  if (ambientDevice !== null && ambientIdx < 0)
    throw new Error(`alarm rules: ambient device "${ambientDevice}" is not in the scene`)
  return {
    sceneId: scene.id,
    devices: scene.devices,
    ids: scene.devices.map((d) => d.id),
    index: r.deviceIndex,
    en,
    zoneOf,
    enterpriseOf: scene.devices.map((d) => d.enterpriseId ?? null),
    enterpriseIds: scene.enterprises.map((e) => e.id),
    ambientIdx,
  }
}
