import { useEffect, useMemo } from 'react'
import { ringToLocal } from '@sim/geo/frames'
import type { LoadedTwinScene } from '../state/loadedScene'
import { pipeRacks } from './geometry/solids'
import { PARK_COLORS } from './palette'

export interface PipeRacksProps {
  loaded: LoadedTwinScene
}

/** Pipe racks along their path at their height, with bents; one draw call. */
export function PipeRacks({ loaded }: PipeRacksProps) {
  const geometry = useMemo(() => {
    const { scene, origin } = loaded.resolved
    return pipeRacks(
      scene.pipeRacks.map((r) => ({
        path: ringToLocal(origin, r.path),
        height: r.height_m,
        width: r.width_m,
        color: PARK_COLORS.pipeRack,
      })),
    )
  }, [loaded])
  useEffect(() => () => geometry?.dispose(), [geometry])
  if (!geometry) return null
  return (
    <mesh geometry={geometry}>
      <meshStandardMaterial vertexColors roughness={0.7} metalness={0.2} />
    </mesh>
  )
}
