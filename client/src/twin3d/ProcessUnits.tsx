import { useEffect, useMemo } from 'react'
import { ringToLocal } from '@sim/geo/frames'
import type { LoadedTwinScene } from '../state/loadedScene'
import { ringBounds } from '../state/loadedScene'
import { extrudePrisms } from './geometry/footprints'
import { mergeParts } from './geometry/mergeColored'
import { cylinders } from './geometry/solids'
import { PARK_COLORS } from './palette'

export interface ProcessUnitsProps {
  loaded: LoadedTwinScene
}

/** Kinds drawn as a vertical vessel inside their footprint; the rest are boxes (their footprint). */
const VESSEL_KINDS = new Set(['column', 'reactor', 'separator'])

/** Process units, shaded by operating state; one draw call for all of them. */
export function ProcessUnits({ loaded }: ProcessUnitsProps) {
  const geometry = useMemo(() => {
    const { scene, origin } = loaded.resolved
    const boxes = []
    const vessels = []
    for (const u of scene.units) {
      const ring = ringToLocal(origin, u.footprint)
      const color = PARK_COLORS.unit[u.state]
      if (VESSEL_KINDS.has(u.kind)) {
        const b = ringBounds(ring)
        const radius = Math.max(1, Math.min(b.maxE - b.minE, b.maxN - b.minN) / 2)
        vessels.push({
          e: b.centerE,
          n: b.centerN,
          radius: u.kind === 'column' ? radius : radius * 0.9,
          height: u.height_m,
          color,
        })
        // A low plinth keeps the footprint visible around a slim column.
        boxes.push({ ring, height: 1, color: PARK_COLORS.unit.standby })
      } else boxes.push({ ring, height: u.height_m, color })
    }
    const parts = [extrudePrisms(boxes), cylinders(vessels, 20)].filter((g) => g !== null)
    return parts.length > 1 ? mergeParts(parts) : (parts[0] ?? null)
  }, [loaded])
  useEffect(() => () => geometry?.dispose(), [geometry])
  if (!geometry) return null
  return (
    <mesh geometry={geometry}>
      <meshStandardMaterial vertexColors roughness={0.6} metalness={0.25} />
    </mesh>
  )
}
