import { useMemo } from 'react'
import type { ParkBounds } from '../state/loadedScene'
import { PARK_COLORS } from './palette'

export interface GroundProps {
  bounds: ParkBounds
}

/** Dark ground plane well beyond the park, with a faint 100 m grid for scale. */
export function Ground({ bounds }: GroundProps) {
  const size = Math.max(2000, bounds.size * 4)
  const gridSize = Math.ceil((bounds.size * 2.2) / 100) * 100
  const centre = useMemo(() => [bounds.centerE, 0, -bounds.centerN] as const, [bounds])
  return (
    <group position={centre}>
      <mesh rotation-x={-Math.PI / 2} renderOrder={-2}>
        <planeGeometry args={[size, size]} />
        <meshBasicMaterial color={PARK_COLORS.ground} />
      </mesh>
      <gridHelper
        args={[gridSize, gridSize / 100, PARK_COLORS.grid, PARK_COLORS.grid]}
        position-y={0.05}
        renderOrder={-1}
      />
    </group>
  )
}
