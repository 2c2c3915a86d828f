import { useEffect, useMemo } from 'react'
import { ringToLocal } from '@sim/geo/frames'
import type { LoadedTwinScene } from '../state/loadedScene'
import { groundRibbons } from './geometry/ribbons'
import { PARK_COLORS, ROAD_WIDTH_M } from './palette'

export interface RoadsProps {
  loaded: LoadedTwinScene
}

/** The road network from the scene's GeoJSON LineStrings, as one flat mesh just above ground. */
export function Roads({ loaded }: RoadsProps) {
  const geometry = useMemo(() => {
    const { scene, origin } = loaded.resolved
    return groundRibbons(
      scene.roads.features.map((f) => ({
        path: ringToLocal(origin, f.geometry.coordinates),
        width: ROAD_WIDTH_M[f.properties.class],
        color: PARK_COLORS.road[f.properties.class],
      })),
      0.4,
    )
  }, [loaded])
  useEffect(() => () => geometry?.dispose(), [geometry])
  if (!geometry) return null
  return (
    <mesh geometry={geometry} renderOrder={1}>
      <meshBasicMaterial vertexColors polygonOffset polygonOffsetFactor={-2} polygonOffsetUnits={-2} />
    </mesh>
  )
}
