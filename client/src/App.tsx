import { useEffect, useRef } from 'react'
import { AlarmFlashFrame } from './alarms/AlarmFlashFrame'
import { AlarmPanel } from './alarms/AlarmPanel'
import { CreditPanel } from './hud/CreditPanel'
import { KpiStrip } from './hud/KpiStrip'
import { SceneMessage } from './hud/SceneMessage'
import { SensorLegend } from './hud/SensorLegend'
import { StatusBar } from './hud/StatusBar'
import { startTwinSession } from './net/startTwinSession'
import { SensorDetail } from './sensorDetail/SensorDetail'
import { twinStore } from './state/twinStore'
import { useTwinStore } from './state/useTwinStore'
import { TwinCanvas } from './twin3d/TwinCanvas'

/**
 * The command-hall shell: the 3D twin fills the screen, the status bar runs across the top, the
 * situation (KPIs, credit grades, legend) on the left, the alarm list on the right, the selected
 * sensor at the bottom centre, and the red frame of the sound-and-light alarm over everything.
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
        <KpiStrip />
        <CreditPanel />
        <SensorLegend />
      </aside>
      <aside className="app__side app__side--right">
        <AlarmPanel />
      </aside>
      <SensorDetail />
      <SceneMessage />
      <AlarmFlashFrame />
    </div>
  )
}
