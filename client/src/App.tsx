import { useEffect, useRef } from 'react'
import { SceneMessage } from './hud/SceneMessage'
import { SensorLegend } from './hud/SensorLegend'
import { StatusBar } from './hud/StatusBar'
import { startTwinSession } from './net/startTwinSession'
import { twinStore } from './state/twinStore'
import { useTwinStore } from './state/useTwinStore'
import { TwinCanvas } from './twin3d/TwinCanvas'

/**
 * The command-hall shell: the 3D twin fills the screen, the status bar runs across the top and
 * the legend sits bottom-left. The side panels of the big-screen layout (issue 9) slot into the
 * `app__side` columns.
 */
export function App() {
  const loaded = useTwinStore((s) => s.scene)
  const labelLayer = useRef<HTMLDivElement>(null)
  useEffect(() => startTwinSession(twinStore, window.location.search), [])
  return (
    <div className="app">
      <main className="app__stage">
        {loaded && <TwinCanvas loaded={loaded} labelLayer={labelLayer} />}
        <div ref={labelLayer} className="app__labels" />
      </main>
      <StatusBar />
      <aside className="app__side app__side--left">
        <SensorLegend />
      </aside>
      <SceneMessage />
    </div>
  )
}
