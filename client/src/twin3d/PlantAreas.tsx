import { useEffect, useMemo } from 'react'
import { DoubleSide } from 'three'
import type { LoadedTwinScene } from '../state/loadedScene'
import { flatPolygons } from './geometry/footprints'
import { walls } from './geometry/ribbons'
import { enterpriseHue } from './palette'

export interface PlantAreasProps {
  loaded: LoadedTwinScene
}

/**
 * Each enterprise's fenced plant area: a faint ground tint (so tenants read as distinct blocks
 * from across the room) and a 3 m fence wall. Two draw calls for all enterprises.
 */
export function PlantAreas({ loaded }: PlantAreasProps) {
  const { fills, fences } = useMemo(() => {
    const ents = loaded.scene.enterprises
    const rings = ents.map((e) => loaded.resolved.fencesLocal.get(e.id)!)
    return {
      fills: flatPolygons(
        rings.map((ring, i) => ({ ring, color: enterpriseHue(i) })),
        0.2,
      ),
      fences: walls(rings.map((ring, i) => ({ path: ring, height: 3, closed: true, color: enterpriseHue(i) }))),
    }
  }, [loaded])
  useEffect(
    () => () => {
      fills?.dispose()
      fences?.dispose()
    },
    [fills, fences],
  )
  return (
    <group>
      {fills && (
        <mesh geometry={fills} renderOrder={0}>
          <meshBasicMaterial vertexColors transparent opacity={0.12} depthWrite={false} />
        </mesh>
      )}
      {fences && (
        <mesh geometry={fences}>
          <meshBasicMaterial vertexColors transparent opacity={0.75} side={DoubleSide} toneMapped={false} />
        </mesh>
      )}
    </group>
  )
}
