import { useFrame } from '@react-three/fiber'
import { useMemo, useRef } from 'react'
import { BufferAttribute, BufferGeometry, DoubleSide, DynamicDrawUsage, type Mesh } from 'three'
import { zoneLevelIndex } from '../plume/plumeBuffer'
import { ZONE_LINE_COLORS } from '../plume/plumeRamp'
import { writeRingRibbon } from '../plume/zoneRibbon'
import { twinStore } from '../state/twinStore'
import { plumeProbe } from './plumeProbe'

export interface PlumeZoneLinesProps {
  /** Ribbon width, m (scaled with the park so it reads at overview distance). */
  width: number
}

/** Ring vertices each level can hold (several leaks' rings share one buffer). */
const CAPACITY_POINTS = 8192
const FLOATS = CAPACITY_POINTS * 18

/** Slightly above the heatmap, the more severe level on top. */
const LEVEL_Y = [1.6, 1.8, 2.0]

/**
 * Threat-zone outlines: one mesh per level of concern (yellow AEGL-1, orange AEGL-2, red AEGL-3),
 * each with a preallocated position buffer rewritten in place when the zones change.
 */
export function PlumeZoneLines({ width }: PlumeZoneLinesProps) {
  const meshes = useRef<(Mesh | null)[]>([null, null, null])
  const drawn = useRef(-1)
  const geometries = useMemo(
    () =>
      ZONE_LINE_COLORS.map(() => {
        const g = new BufferGeometry()
        const attr = new BufferAttribute(new Float32Array(FLOATS), 3)
        attr.setUsage(DynamicDrawUsage)
        g.setAttribute('position', attr)
        g.setDrawRange(0, 0)
        return g
      }),
    [],
  )

  useFrame(() => {
    const p = twinStore.getState().plume
    if (!p || p.version === drawn.current) return
    drawn.current = p.version
    for (let level = 0; level < geometries.length; level++) {
      const g = geometries[level]
      const attr = g.getAttribute('position') as BufferAttribute
      const out = attr.array as Float32Array
      let o = 0
      if (p.active)
        for (const z of p.zones)
          if (zoneLevelIndex(z, p.levels) === level) o = writeRingRibbon(z.ring, width, LEVEL_Y[level], out, o)
      g.setDrawRange(0, o / 3)
      attr.needsUpdate = true
      const m = meshes.current[level]
      if (m) m.visible = o > 0
      plumeProbe.zoneVertices[level] = o / 3
    }
    plumeProbe.zonesVersion = p.version
  })

  return (
    <>
      {geometries.map((g, level) => (
        <mesh
          key={level}
          ref={(m) => {
            meshes.current[level] = m
          }}
          geometry={g}
          visible={false}
          renderOrder={3 + level}
          frustumCulled={false}
        >
          <meshBasicMaterial color={ZONE_LINE_COLORS[level]} side={DoubleSide} depthWrite={false} toneMapped={false} />
        </mesh>
      ))}
    </>
  )
}
