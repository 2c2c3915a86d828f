import { Line } from '@react-three/drei'
import { useMemo } from 'react'
import { PARK_COLORS } from './palette'

export interface ParkBoundaryProps {
  /** Flat local ring [e0,n0,…] of the park boundary. */
  ring: Float64Array
}

/** The park boundary as a bright screen-space line (stays a few pixels wide at any zoom). */
export function ParkBoundary({ ring }: ParkBoundaryProps) {
  const points = useMemo(() => {
    const pts: [number, number, number][] = []
    for (let i = 0; i < ring.length; i += 2) pts.push([ring[i], 1.5, -ring[i + 1]])
    if (pts.length && (pts[0][0] !== pts[pts.length - 1][0] || pts[0][2] !== pts[pts.length - 1][2])) pts.push(pts[0])
    return pts
  }, [ring])
  return <Line points={points} color={PARK_COLORS.boundary} lineWidth={4} dashed={false} toneMapped={false} />
}
