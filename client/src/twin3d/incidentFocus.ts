/**
 * Where the camera looks during an incident: its source equipment (a tank's position, a unit's
 * footprint centre), else the device whose alarm opened it. Local metres.
 */
import { toLocal } from '@sim/geo/frames'
import type { IncidentRecord } from '@sim/response'
import type { LoadedTwinScene } from '../state/loadedScene'

export function incidentFocus(
  loaded: LoadedTwinScene,
  inc: Pick<IncidentRecord, 'sourceId' | 'deviceId'>,
): { e: number; n: number } | null {
  const { scene, resolved } = loaded
  const tank = scene.tanks.find((t) => t.id === inc.sourceId)
  if (tank) return toLocal(scene.origin, tank.position)
  const unit = scene.units.find((u) => u.id === inc.sourceId)
  if (unit && unit.footprint.length) {
    let e = 0
    let n = 0
    for (const p of unit.footprint) {
      const l = toLocal(scene.origin, p)
      e += l.e
      n += l.n
    }
    return { e: e / unit.footprint.length, n: n / unit.footprint.length }
  }
  const i = inc.deviceId ? resolved.deviceIndex.get(inc.deviceId) : undefined
  if (i !== undefined) return { e: resolved.devicePositions[3 * i], n: resolved.devicePositions[3 * i + 1] }
  return null
}
