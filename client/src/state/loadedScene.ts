/**
 * A scene prepared once at load for everything the client draws every frame: local positions,
 * per-device thresholds in typed arrays, and the park's extent for the camera.
 */
import { resolveScene, type ResolvedScene } from '@sim/scene/resolveScene'
import type { Scene } from '@sim/scene/sceneSchema'
import { buildThresholds, type DeviceThresholds } from '../twin3d/sensorLevels'

export interface ParkBounds {
  minE: number
  maxE: number
  minN: number
  maxN: number
  centerE: number
  centerN: number
  /** Larger of the east–west and north–south extents, m. */
  size: number
}

export interface LoadedTwinScene {
  scene: Scene
  resolved: ResolvedScene
  thresholds: DeviceThresholds
  bounds: ParkBounds
}

export function ringBounds(ring: Float64Array): ParkBounds {
  let minE = Infinity
  let maxE = -Infinity
  let minN = Infinity
  let maxN = -Infinity
  for (let i = 0; i < ring.length; i += 2) {
    minE = Math.min(minE, ring[i])
    maxE = Math.max(maxE, ring[i])
    minN = Math.min(minN, ring[i + 1])
    maxN = Math.max(maxN, ring[i + 1])
  }
  return {
    minE,
    maxE,
    minN,
    maxN,
    centerE: (minE + maxE) / 2,
    centerN: (minN + maxN) / 2,
    size: Math.max(maxE - minE, maxN - minN),
  }
}

export function loadTwinScene(scene: Scene): LoadedTwinScene {
  const resolved = resolveScene(scene)
  return { scene, resolved, thresholds: buildThresholds(scene.devices), bounds: ringBounds(resolved.boundaryLocal) }
}
