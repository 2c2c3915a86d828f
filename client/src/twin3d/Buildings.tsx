import { useEffect, useMemo } from 'react'
import { ringToLocal } from '@sim/geo/frames'
import type { LoadedTwinScene } from '../state/loadedScene'
import { extrudePrisms } from './geometry/footprints'
import { PARK_COLORS } from './palette'

export interface BuildingsProps {
  loaded: LoadedTwinScene
}

/** Every building as its extruded footprint, coloured by use; one draw call. */
export function Buildings({ loaded }: BuildingsProps) {
  const geometry = useMemo(() => {
    const { scene, origin } = loaded.resolved
    return extrudePrisms(
      scene.buildings.map((b) => ({
        ring: ringToLocal(origin, b.footprint),
        height: b.height_m,
        color: PARK_COLORS.building[b.use],
      })),
    )
  }, [loaded])
  useEffect(() => () => geometry?.dispose(), [geometry])
  if (!geometry) return null
  return (
    <mesh geometry={geometry}>
      <meshStandardMaterial vertexColors roughness={0.85} metalness={0.05} />
    </mesh>
  )
}
