import { useFrame } from '@react-three/fiber'
import { useMemo, useRef } from 'react'
import { DoubleSide, Shape, ShapeGeometry, type Mesh } from 'three'
import { twinStore } from '../state/twinStore'
import { plumeProbe } from './plumeProbe'

export interface WindArrowProps {
  /** Arrow length, m. */
  length: number
}

/** A flat arrow pointing north, 1 m long, tip at the origin, lying on the ground. */
function arrowGeometry(): ShapeGeometry {
  const s = new Shape()
  s.moveTo(0, 0)
  s.lineTo(-0.32, -0.38)
  s.lineTo(-0.1, -0.38)
  s.lineTo(-0.1, -1)
  s.lineTo(0.1, -1)
  s.lineTo(0.1, -0.38)
  s.lineTo(0.32, -0.38)
  s.closePath()
  const g = new ShapeGeometry(s)
  g.rotateX(-Math.PI / 2) // shape +y → world −z (north)
  return g
}

/**
 * The wind at the leak: an arrow on the ground upwind of the source, its tip at the source,
 * pointing where the gas goes. Speed and direction in words are in the plume legend.
 */
export function WindArrow({ length }: WindArrowProps) {
  const mesh = useRef<Mesh>(null)
  const drawn = useRef(-1)
  const geometry = useMemo(arrowGeometry, [])

  useFrame(() => {
    const m = mesh.current
    const p = twinStore.getState().plume
    if (!m || !p || p.version === drawn.current) return
    drawn.current = p.version
    const leak = p.leaks.find((l) => l.stoppedAt === null) ?? p.leaks[0]
    const w = p.wind
    m.visible = p.active && !!leak && !!w && w.speed_m_s > 0
    plumeProbe.windVisible = m.visible
    if (!m.visible || !leak || !w) return
    const to = ((w.from_deg + 180) * Math.PI) / 180 // compass heading the gas travels, clockwise from north
    const gap = length * 0.25
    m.position.set(leak.e - Math.sin(to) * gap, 2.4, -(leak.n - Math.cos(to) * gap))
    m.rotation.set(0, -to, 0)
    m.scale.setScalar(length)
  })

  return (
    <mesh ref={mesh} geometry={geometry} visible={false} renderOrder={6} frustumCulled={false}>
      <meshBasicMaterial color="#e8f6ff" side={DoubleSide} depthWrite={false} toneMapped={false} />
    </mesh>
  )
}
