import { useFrame } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import {
  DataTexture,
  LinearFilter,
  RGBAFormat,
  SRGBColorSpace,
  UnsignedByteType,
  type Mesh,
  type MeshBasicMaterial,
} from 'three'
import { buildPlumeLut, colorizeField } from '../plume/plumeRamp'
import type { PlumeBuffer } from '../plume/plumeBuffer'
import { twinStore } from '../state/twinStore'
import { plumeProbe } from './plumeProbe'

/** Height of the heatmap above the ground, m: over roads and plant areas, under everything built. */
const HEATMAP_Y = 1

interface HeatmapGpu {
  texture: DataTexture | null
  lut: Uint8Array
  lutKey: string
}

/** A texture of the grid's size; a new one only when the grid size changes (not per update). */
function ensureTexture(gpu: HeatmapGpu, nx: number, ny: number): DataTexture {
  const t = gpu.texture
  if (t && t.image.width === nx && t.image.height === ny) return t
  t?.dispose()
  const tex = new DataTexture(new Uint8Array(nx * ny * 4), nx, ny, RGBAFormat, UnsignedByteType)
  tex.magFilter = LinearFilter
  tex.minFilter = LinearFilter
  tex.colorSpace = SRGBColorSpace
  tex.generateMipmaps = false
  gpu.texture = tex
  return tex
}

function paint(mesh: Mesh, gpu: HeatmapGpu, p: PlumeBuffer): void {
  const { nx, ny, originE, originN, cellM } = p.grid
  if (!p.active || nx === 0 || ny === 0) {
    mesh.visible = false
    return
  }
  const key = p.levels.map((l) => l.mgM3).join(',')
  if (key !== gpu.lutKey) {
    buildPlumeLut(
      p.levels.map((l) => l.mgM3),
      gpu.lut,
    )
    gpu.lutKey = key
  }
  const tex = ensureTexture(gpu, nx, ny)
  plumeProbe.litCells = colorizeField(p.field, gpu.lut, tex.image.data as Uint8Array)
  tex.needsUpdate = true
  const material = mesh.material as MeshBasicMaterial
  if (material.map !== tex) {
    material.map = tex
    material.needsUpdate = true
  }
  // The plane is 1 × 1 m: scale it to the grid and centre it (x = east, z = −north).
  mesh.scale.set(nx * cellM, ny * cellM, 1)
  mesh.position.set(originE + (nx * cellM) / 2, HEATMAP_Y, -(originN + (ny * cellM) / 2))
  mesh.visible = true
}

/**
 * The ground-level concentration field as one translucent plane with a DataTexture, recoloured
 * in place when a new plume picture arrives (buffer version moved). Hidden, not unmounted, when
 * there is no cloud.
 */
export function PlumeHeatmap() {
  const mesh = useRef<Mesh>(null)
  const drawn = useRef(-1)
  const gpu = useMemo<HeatmapGpu>(() => ({ texture: null, lut: new Uint8Array(256 * 4), lutKey: '' }), [])
  useEffect(() => () => gpu.texture?.dispose(), [gpu])

  useFrame(() => {
    const m = mesh.current
    const p = twinStore.getState().plume
    if (!m || !p || p.version === drawn.current) return
    drawn.current = p.version
    paint(m, gpu, p)
    plumeProbe.heatmapVersion = p.version
    plumeProbe.heatmapVisible = m.visible
  })

  return (
    <mesh ref={mesh} rotation-x={-Math.PI / 2} visible={false} renderOrder={2} frustumCulled={false}>
      <planeGeometry args={[1, 1]} />
      <meshBasicMaterial transparent depthWrite={false} toneMapped={false} />
    </mesh>
  )
}
