import { useFrame, useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { testHooks } from '../testHooks'

/**
 * Exposes render counters to tests: a frame counter bumped in useFrame, and the renderer's
 * per-frame statistics (draw calls, triangles) of the last completed frame.
 */
export function RenderProbe() {
  const gl = useThree((s) => s.gl)
  useEffect(() => {
    testHooks.renderer = () => ({
      calls: gl.info.render.calls,
      triangles: gl.info.render.triangles,
      points: gl.info.render.points,
      lines: gl.info.render.lines,
      geometries: gl.info.memory.geometries,
      textures: gl.info.memory.textures,
    })
    return () => {
      testHooks.renderer = () => null
    }
  }, [gl])
  useFrame(() => {
    testHooks.renderFrames++
  })
  return null
}
