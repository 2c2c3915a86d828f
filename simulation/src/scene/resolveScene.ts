/**
 * A scene ready for the hot paths: every device's local position in a flat typed array, in the
 * order devices appear in the file. That order is the index used in telemetry frames, so the
 * server and every client agree on it without sending ids each frame.
 */
import { ringToLocal, toLocal, type GeoOrigin } from '../geo/frames'
import type { Device, Scene } from './sceneSchema'

export interface ResolvedScene {
  scene: Scene
  origin: GeoOrigin
  /** [e, n, u] per device, metres from the origin. */
  devicePositions: Float32Array
  deviceIndex: ReadonlyMap<string, number>
  devices: readonly Device[]
  /** Flat local rings (e0,n0,e1,n1…) of the park boundary and each enterprise fence. */
  boundaryLocal: Float64Array
  fencesLocal: ReadonlyMap<string, Float64Array>
}

export function resolveScene(scene: Scene): ResolvedScene {
  const origin = scene.origin
  const devicePositions = new Float32Array(scene.devices.length * 3)
  const deviceIndex = new Map<string, number>()
  scene.devices.forEach((d, i) => {
    const p = toLocal(origin, d.position)
    devicePositions[3 * i] = p.e
    devicePositions[3 * i + 1] = p.n
    devicePositions[3 * i + 2] = d.height_m
    deviceIndex.set(d.id, i)
  })
  return {
    scene,
    origin,
    devicePositions,
    deviceIndex,
    devices: scene.devices,
    boundaryLocal: ringToLocal(origin, scene.boundary),
    fencesLocal: new Map(scene.enterprises.map((e) => [e.id, ringToLocal(origin, e.fence)])),
  }
}

/** Even–odd point-in-polygon on a flat local ring. */
export function pointInRing(ring: Float64Array, e: number, n: number): boolean {
  let inside = false
  const k = ring.length / 2
  for (let i = 0, j = k - 1; i < k; j = i++) {
    const xi = ring[2 * i],
      yi = ring[2 * i + 1]
    const xj = ring[2 * j],
      yj = ring[2 * j + 1]
    if (yi > n !== yj > n && e < ((xj - xi) * (n - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
