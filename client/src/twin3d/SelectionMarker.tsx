import { useFrame } from '@react-three/fiber'
import { useMemo, useRef } from 'react'
import { CylinderGeometry, RingGeometry, type Group } from 'three'
import type { LoadedTwinScene } from '../state/loadedScene'
import { useTwinStore } from '../state/useTwinStore'

export interface SelectionMarkerProps {
  loaded: LoadedTwinScene
}

const COLOR = '#ffffff'

/**
 * The selected sensor in 3D: a flat ring on the ground that pulses and a thin beam up through the
 * marker, drawn over everything so a device inside a unit is still found. Always mounted; moved
 * and shown on selection (discrete), pulsed in useFrame through the group's scale.
 */
export function SelectionMarker({ loaded }: SelectionMarkerProps) {
  const group = useRef<Group>(null)
  const selected = useTwinStore((s) => s.selectedDevice)
  const index = selected ? (loaded.resolved.deviceIndex.get(selected) ?? -1) : -1
  const size = Math.min(7, Math.max(2.5, loaded.bounds.size / 380)) * 4
  const { ring, beam } = useMemo(
    () => ({
      ring: new RingGeometry(0.78, 1, 48).rotateX(-Math.PI / 2),
      beam: new CylinderGeometry(0.06, 0.06, 1, 8).translate(0, 0.5, 0),
    }),
    [],
  )
  const pos = loaded.resolved.devicePositions
  const position: [number, number, number] = index >= 0 ? [pos[3 * index], 0.5, -pos[3 * index + 1]] : [0, 0, 0]

  useFrame(({ clock }) => {
    const g = group.current
    if (!g || !g.visible) return
    const s = size * (1 + 0.18 * Math.sin(clock.elapsedTime * 4))
    g.scale.set(s, size * 3, s)
  })

  return (
    <group ref={group} position={position} visible={index >= 0}>
      <mesh geometry={ring} renderOrder={20}>
        <meshBasicMaterial color={COLOR} depthTest={false} transparent opacity={0.95} toneMapped={false} />
      </mesh>
      <mesh geometry={beam} renderOrder={20}>
        <meshBasicMaterial color={COLOR} depthTest={false} transparent opacity={0.6} toneMapped={false} />
      </mesh>
    </group>
  )
}
