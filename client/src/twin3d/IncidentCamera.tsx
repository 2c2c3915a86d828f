import { useThree } from '@react-three/fiber'
import { useLayoutEffect } from 'react'
import type { PerspectiveCamera } from 'three'
import type { OrbitControls as OrbitControlsImpl } from 'three-stdlib'
import { incidentsToShow } from '../response/incidentView'
import type { LoadedTwinScene } from '../state/loadedScene'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { incidentFocus } from './incidentFocus'

export interface IncidentCameraProps {
  loaded: LoadedTwinScene
}

/**
 * The incident preset. While an incident is open the panels take the left column and a band at
 * the bottom, so the projection centre moves to the middle of what is still visible
 * (setViewOffset), and when a new incident opens the camera turns to its source once — after that
 * the operator's own camera moves are left alone.
 *
 * Insets in rem mirror styles/incident.css (.app--incident): left column 31 rem, right column
 * 41 rem, the flow band 30.5 rem from the bottom; the root font size is 1/120 of the width.
 */
export function IncidentCamera({ loaded }: IncidentCameraProps) {
  const focusId = useTwinStore((s) => incidentsToShow(s.response)[0]?.id ?? null)
  const camera = useThree((s) => s.camera) as PerspectiveCamera
  const controls = useThree((s) => s.controls) as OrbitControlsImpl | null
  const size = useThree((s) => s.size)

  useLayoutEffect(() => {
    if (!focusId) {
      camera.clearViewOffset()
      return
    }
    const rem = Math.min(40, Math.max(12, size.width / 120))
    const w = size.width
    const h = size.height
    const freeCx = ((31 + (w / rem - 41)) / 2) * rem
    const freeCy = ((7 + (h / rem - 30.5)) / 2) * rem
    camera.setViewOffset(w, h, w / 2 - freeCx, h / 2 - freeCy, w, h)
  }, [focusId, camera, size])

  useLayoutEffect(() => {
    if (!focusId || !controls) return
    const inc = twinStore.getState().response?.incidents[focusId]
    const f = inc ? incidentFocus(loaded, inc) : null
    if (!f) return
    const distance = Math.max(500, loaded.bounds.size * 0.68)
    const elevation = (55 * Math.PI) / 180
    const azimuth = (12 * Math.PI) / 180
    const horiz = distance * Math.cos(elevation)
    controls.target.set(f.e, 0, -f.n)
    camera.position.set(
      f.e + horiz * Math.sin(azimuth),
      distance * Math.sin(elevation),
      -f.n + horiz * Math.cos(azimuth),
    )
    camera.lookAt(f.e, 0, -f.n)
    controls.update()
  }, [focusId, controls, camera, loaded])

  return null
}
