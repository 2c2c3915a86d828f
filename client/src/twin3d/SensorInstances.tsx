import { useFrame, useThree, type ThreeEvent } from '@react-three/fiber'
import { useLayoutEffect, useMemo, useRef } from 'react'
import {
  Color,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  Matrix4,
  OctahedronGeometry,
  Quaternion,
  Vector3,
  type InstancedMesh,
} from 'three'
import type { LoadedTwinScene } from '../state/loadedScene'
import { twinStore } from '../state/twinStore'
import { testHooks, type SensorSample } from '../testHooks'
import { classifyAll, SENSOR_LEVEL_COLORS, SENSOR_LEVEL_NAMES, SensorLevel } from './sensorLevels'

export interface SensorInstancesProps {
  loaded: LoadedTwinScene
}

// Module-scope scratch objects: the frame loop allocates nothing.
const _m = new Matrix4()
const _p = new Vector3()
const _q = new Quaternion()
const _s = new Vector3()
const _c = new Color()

/** Alarmed devices are drawn larger so they stand out from across the room. */
const LEVEL_SCALE = [1, 1.6, 2.1, 0.8, 1.3]

/** The level → colour table in the renderer's working (linear) space, 3 floats per level. */
function paletteArray(): Float32Array {
  const out = new Float32Array(SENSOR_LEVEL_NAMES.length * 3)
  SENSOR_LEVEL_NAMES.forEach((name, l) => {
    _c.set(SENSOR_LEVEL_COLORS[name])
    out[3 * l] = _c.r
    out[3 * l + 1] = _c.g
    out[3 * l + 2] = _c.b
  })
  return out
}

/** Place every marker; its size depends on its level. */
function writeMatrices(m: InstancedMesh, pos: Float32Array, levels: Uint8Array, radius: number): void {
  for (let i = 0; i < levels.length; i++) {
    const r = radius * (LEVEL_SCALE[levels[i]] ?? 1)
    // Float the marker so its bottom sits at the device's mounting height (or on the ground).
    _p.set(pos[3 * i], Math.max(0, pos[3 * i + 2]) + r, -pos[3 * i + 1])
    _s.set(r, r, r)
    m.setMatrixAt(i, _m.compose(_p, _q, _s))
  }
  m.instanceMatrix.needsUpdate = true
  // Raycasting tests the mesh's bounding sphere first; marker sizes changed, so recompute it.
  m.boundingSphere = null
}

/**
 * Every device of the scene as ONE InstancedMesh (one draw call for 200 or 10,000 devices).
 * Colours come from the telemetry buffer, which the socket bridge mutates outside React; this
 * component re-colours in useFrame only when a new frame has been applied (buffer.version moved).
 */
export function SensorInstances({ loaded }: SensorInstancesProps) {
  const mesh = useRef<InstancedMesh>(null)
  const n = loaded.scene.devices.length
  const drawn = useRef(-1)
  const camera = useThree((s) => s.camera)
  const gl = useThree((s) => s.gl)

  const { geometry, palette, levels, radius } = useMemo(() => {
    // Marker size scales with the park so a 2 km site and a 300 m fixture both show dots of a
    // few pixels at the overview distance.
    const radius = Math.min(7, Math.max(2.5, loaded.bounds.size / 380))
    return {
      geometry: new OctahedronGeometry(1, 2),
      palette: paletteArray(),
      levels: new Uint8Array(n).fill(255),
      radius,
    }
  }, [loaded, n])

  useLayoutEffect(() => {
    const m = mesh.current
    if (!m) return
    const colors = new InstancedBufferAttribute(new Float32Array(n * 3), 3)
    colors.setUsage(DynamicDrawUsage)
    m.instanceColor = colors
    levels.fill(SensorLevel.noData)
    for (let i = 0; i < n; i++) colors.setXYZ(i, palette[9], palette[10], palette[11])
    writeMatrices(m, loaded.resolved.devicePositions, levels, radius)
    drawn.current = -1

    testHooks.sensorColorSample = (count = 8) => {
      const tel = twinStore.getState().telemetry
      if (!tel || !m.instanceColor) return null
      const counts: Record<string, number> = {}
      for (const name of SENSOR_LEVEL_NAMES) counts[name] = 0
      for (let i = 0; i < n; i++) counts[SENSOR_LEVEL_NAMES[levels[i]] ?? 'noData']++
      const devices: SensorSample[] = []
      for (let i = 0; i < Math.min(count, n); i++) {
        _c.fromArray(m.instanceColor.array as Float32Array, 3 * i)
        devices.push({
          id: loaded.scene.devices[i].id,
          value: tel.values[i],
          status: tel.status[i],
          level: SENSOR_LEVEL_NAMES[levels[i]] ?? 'noData',
          color: `#${_c.getHexString()}`,
        })
      }
      return { counts, devices, drawnVersion: drawn.current }
    }
    testHooks.projectDevice = (id) => {
      const i = loaded.resolved.deviceIndex.get(id)
      if (i === undefined) return null
      const pos = loaded.resolved.devicePositions
      const r = radius * (LEVEL_SCALE[levels[i]] ?? 1)
      _p.set(pos[3 * i], Math.max(0, pos[3 * i + 2]) + r, -pos[3 * i + 1]).project(camera)
      if (Math.abs(_p.x) > 1 || Math.abs(_p.y) > 1 || _p.z > 1) return null
      const rect = gl.domElement.getBoundingClientRect()
      return { x: rect.left + ((_p.x + 1) / 2) * rect.width, y: rect.top + ((1 - _p.y) / 2) * rect.height }
    }
    return () => {
      testHooks.sensorColorSample = () => null
      testHooks.projectDevice = () => null
    }
  }, [n, palette, levels, loaded, radius, camera, gl])

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.instanceId === undefined) return
    e.stopPropagation()
    twinStore.getState().selectDevice(loaded.scene.devices[e.instanceId]?.id ?? null)
  }

  useFrame(() => {
    const m = mesh.current
    const tel = twinStore.getState().telemetry
    if (!m || !tel || !m.instanceColor || tel.version === drawn.current) return
    drawn.current = tel.version
    const changed = classifyAll(
      loaded.thresholds,
      tel.values,
      tel.status,
      palette,
      levels,
      m.instanceColor.array as Float32Array,
    )
    m.instanceColor.needsUpdate = true
    if (changed > 0) writeMatrices(m, loaded.resolved.devicePositions, levels, radius)
  })

  return (
    <instancedMesh ref={mesh} args={[geometry, undefined, n]} frustumCulled={false} renderOrder={5} onClick={onClick}>
      <meshBasicMaterial toneMapped={false} />
    </instancedMesh>
  )
}
