import { Canvas } from '@react-three/fiber'
import type { RefObject } from 'react'
import type { LoadedTwinScene } from '../state/loadedScene'
import { Buildings } from './Buildings'
import { CameraRig } from './CameraRig'
import { EnterpriseLabels } from './EnterpriseLabels'
import { Ground } from './Ground'
import { IncidentCamera } from './IncidentCamera'
import { PARK_COLORS } from './palette'
import { ParkBoundary } from './ParkBoundary'
import { PeopleInstances } from './PeopleInstances'
import { PipeRacks } from './PipeRacks'
import { PlumeHeatmap } from './PlumeHeatmap'
import { PlumeZoneLines } from './PlumeZoneLines'
import { PlantAreas } from './PlantAreas'
import { ProcessUnits } from './ProcessUnits'
import { RenderProbe } from './RenderProbe'
import { Roads } from './Roads'
import { SelectionMarker } from './SelectionMarker'
import { SensorInstances } from './SensorInstances'
import { Tanks } from './Tanks'
import { WindArrow } from './WindArrow'

export interface TwinCanvasProps {
  loaded: LoadedTwinScene
  /** Element that hosts DOM labels drawn over the canvas. */
  labelLayer: RefObject<HTMLElement | null>
}

/**
 * The 3D park. Static parts are merged per kind (one draw call each); sensors are one
 * InstancedMesh. No shadows: they would double the cost on software-rendered wall PCs and add
 * little at overview distance.
 */
export function TwinCanvas({ loaded, labelLayer }: TwinCanvasProps) {
  const { bounds } = loaded
  return (
    <Canvas
      className="twin-canvas"
      dpr={[1, 2]}
      gl={{ antialias: true, preserveDrawingBuffer: false, powerPreference: 'high-performance' }}
      camera={{ fov: 40, near: 2, far: 20000 }}
    >
      <color attach="background" args={[PARK_COLORS.background]} />
      <fog attach="fog" args={[PARK_COLORS.background, bounds.size * 2.5, bounds.size * 7]} />
      <hemisphereLight args={['#b8d4ff', '#0b1220', 1.1]} />
      <directionalLight position={[bounds.centerE - 800, 1400, -bounds.centerN + 600]} intensity={1.8} />
      <Ground bounds={bounds} />
      <ParkBoundary ring={loaded.resolved.boundaryLocal} />
      <PlantAreas loaded={loaded} />
      <Roads loaded={loaded} />
      <Buildings loaded={loaded} />
      <Tanks loaded={loaded} />
      <ProcessUnits loaded={loaded} />
      <PipeRacks loaded={loaded} />
      <PlumeHeatmap />
      <PlumeZoneLines width={Math.max(3, bounds.size / 450)} />
      <WindArrow length={Math.max(60, bounds.size / 22)} />
      <SensorInstances loaded={loaded} />
      <PeopleInstances loaded={loaded} />
      <SelectionMarker loaded={loaded} />
      <EnterpriseLabels loaded={loaded} portal={labelLayer} />
      <CameraRig bounds={bounds} />
      <IncidentCamera loaded={loaded} />
      <RenderProbe />
    </Canvas>
  )
}
