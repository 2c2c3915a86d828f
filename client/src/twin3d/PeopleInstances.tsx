import { useFrame } from '@react-three/fiber'
import { useLayoutEffect, useMemo, useRef } from 'react'
import { CapsuleGeometry, Color, DynamicDrawUsage, InstancedBufferAttribute, type InstancedMesh } from 'three'
import { livePeople, usePeopleCount } from '../people/peopleBuffer'
import { PERSON_COLOR_NAMES, PERSON_COLORS, personColor, writePersonInstances } from '../people/personInstances'
import type { LoadedTwinScene } from '../state/loadedScene'
import { twinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'

export interface PeopleInstancesProps {
  loaded: LoadedTwinScene
}

// Capsule: radius 0.5, straight part 1.2 → 2.2 units tall, centred on its origin.
const RADIUS = 0.5
const LENGTH = 1.2
const LIFT = RADIUS + LENGTH / 2
const BLINK_HZ = 2.5

const _c = new Color()

function paletteArray(): Float32Array {
  const out = new Float32Array(PERSON_COLOR_NAMES.length * 3)
  PERSON_COLOR_NAMES.forEach((name, i) => {
    _c.set(PERSON_COLORS[name])
    out[3 * i] = _c.r
    out[3 * i + 1] = _c.g
    out[3 * i + 2] = _c.b
  })
  return out
}

/**
 * Every tracked person as ONE InstancedMesh. The socket bridge fills `livePeople` from each
 * `people:frame` (5 Hz); here, per animation frame, positions glide from the previous frame to
 * the last one and people down blink — plain typed-array writes, no React state, no allocation.
 */
export function PeopleInstances({ loaded }: PeopleInstancesProps) {
  const mesh = useRef<InstancedMesh>(null)
  const count = usePeopleCount()
  // Capacity in steps so a roster that grows by one does not rebuild the mesh every time.
  const capacity = Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, count))))
  const drawn = useRef({ version: -1, settled: false, blink: false })
  // Exaggerated like the sensor markers: a true-size person is sub-pixel at the overview distance.
  const size = Math.min(10, Math.max(2, loaded.bounds.size / 200))

  const { geometry, palette } = useMemo(
    () => ({ geometry: new CapsuleGeometry(RADIUS, LENGTH, 4, 10), palette: paletteArray() }),
    [],
  )

  useLayoutEffect(() => {
    const m = mesh.current
    if (!m) return
    const colors = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3)
    colors.setUsage(DynamicDrawUsage)
    m.instanceColor = colors
    m.instanceMatrix.setUsage(DynamicDrawUsage)
    m.count = 0
    drawn.current = { version: -1, settled: false, blink: false }
    testHooks.people = () => {
      const byColor: Record<string, number> = {}
      for (const name of PERSON_COLOR_NAMES) byColor[name] = 0
      for (let i = 0; i < Math.min(livePeople.n, capacity); i++)
        byColor[PERSON_COLOR_NAMES[personColor(livePeople.status[i], drawn.current.blink)]]++
      const c = livePeople.counts
      return {
        count: livePeople.n,
        framesReceived: livePeople.framesReceived,
        lastSeq: livePeople.lastSeq,
        drawnVersion: drawn.current.version,
        located: c.located,
        inHazard: c.inHazard,
        down: c.down,
        exposed: c.exposed,
        colors: byColor,
      }
    }
    return () => {
      testHooks.people = () => null
    }
  }, [capacity])

  useFrame(({ clock }) => {
    const m = mesh.current
    if (!m || !m.instanceColor) return
    const buf = livePeople
    // A replay owns the screen: live people are not part of the replayed past (yet).
    if (twinStore.getState().mode !== 'live' || buf.version === 0) {
      if (m.count !== 0) m.count = 0
      return
    }
    const alpha = (performance.now() - buf.receivedAt) / buf.intervalMs
    const blink = Math.floor(clock.elapsedTime * BLINK_HZ * 2) % 2 === 0
    const d = drawn.current
    const settled = alpha >= 1
    if (d.version === buf.version && d.settled && settled && (buf.counts.down === 0 || d.blink === blink)) return
    m.count = writePersonInstances(
      buf,
      { matrices: m.instanceMatrix.array as Float32Array, colors: m.instanceColor.array as Float32Array },
      palette,
      alpha,
      blink,
      size,
      LIFT,
    )
    m.instanceMatrix.needsUpdate = true
    m.instanceColor.needsUpdate = true
    d.version = buf.version
    d.settled = settled
    d.blink = blink
  })

  return (
    <instancedMesh
      key={capacity}
      ref={mesh}
      args={[geometry, undefined, capacity]}
      frustumCulled={false}
      renderOrder={6}
    >
      <meshBasicMaterial toneMapped={false} />
    </instancedMesh>
  )
}
