import { useEffect, useMemo } from 'react'
import { toLocal } from '@sim/geo/frames'
import type { LoadedTwinScene } from '../state/loadedScene'
import { mergeParts } from './geometry/mergeColored'
import { cylinders, spheres } from './geometry/solids'
import { PARK_COLORS } from './palette'

export interface TanksProps {
  loaded: LoadedTwinScene
}

/**
 * Storage tanks: vertical cylinders, except pressurised storage, drawn as the spheres (球罐)
 * such tanks are in real parks — a commander recognises an LPG sphere farm at a glance.
 * All tanks are one merged mesh (one draw call).
 */
export function Tanks({ loaded }: TanksProps) {
  const geometry = useMemo(() => {
    const { scene, origin } = loaded.resolved
    const cyl = []
    const sph = []
    for (const t of scene.tanks) {
      const p = toLocal(origin, t.position)
      const r = t.diameter_m / 2
      if (t.storage === 'pressurized')
        sph.push({
          e: p.e,
          n: p.n,
          radius: r,
          centre: Math.max(r + 2, t.height_m - r),
          color: PARK_COLORS.pressureSphere,
        })
      else cyl.push({ e: p.e, n: p.n, radius: r, height: t.height_m, color: PARK_COLORS.tank })
    }
    const parts = [cylinders(cyl, 32), spheres(sph)].filter((g) => g !== null)
    return parts.length > 1 ? mergeParts(parts) : (parts[0] ?? null)
  }, [loaded])
  useEffect(() => () => geometry?.dispose(), [geometry])
  if (!geometry) return null
  return (
    <mesh geometry={geometry}>
      <meshStandardMaterial vertexColors roughness={0.45} metalness={0.3} />
    </mesh>
  )
}
