import { OrbitControls } from '@react-three/drei'
import { useThree } from '@react-three/fiber'
import { useLayoutEffect, useMemo } from 'react'
import type { ParkBounds } from '../state/loadedScene'

export interface CameraRigProps {
  bounds: ParkBounds
}

/**
 * Orbit camera around the park centre, starting from an overview seen from the south-south-east
 * and high up (north is "up the screen", as on the paper maps in a command hall). The polar limit
 * keeps the camera above the ground; the distance limits keep the park in view.
 */
export function CameraRig({ bounds }: CameraRigProps) {
  const camera = useThree((s) => s.camera)
  // Aim a little south of the centre: the near (south) half looks larger in perspective, and the
  // status bar covers the top of the screen, so this centres the park in what is visible.
  const target = useMemo(
    () => [bounds.centerE, 0, -(bounds.centerN - bounds.size * 0.05)] as [number, number, number],
    [bounds],
  )
  // 1.3 × the park: the side panels of the wall cover part of the view.
  const distance = Math.max(400, bounds.size * 1.3)

  useLayoutEffect(() => {
    const elevation = (56 * Math.PI) / 180
    const azimuth = (12 * Math.PI) / 180 // a little from the east, so building sides read as 3D
    const horiz = distance * Math.cos(elevation)
    camera.position.set(
      target[0] + horiz * Math.sin(azimuth),
      distance * Math.sin(elevation),
      target[2] + horiz * Math.cos(azimuth),
    )
    camera.near = Math.max(1, distance / 500)
    camera.far = distance * 12
    camera.lookAt(target[0], target[1], target[2])
    camera.updateProjectionMatrix()
  }, [camera, target, distance])

  return (
    <OrbitControls
      makeDefault
      target={target}
      enableDamping
      dampingFactor={0.1}
      minDistance={50}
      maxDistance={distance * 4}
      maxPolarAngle={Math.PI / 2 - 0.08}
    />
  )
}
