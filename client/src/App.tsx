import { useEffect, useRef } from 'react'
import { AlarmFlashFrame } from './alarms/AlarmFlashFrame'
import { AlarmPanel } from './alarms/AlarmPanel'
import { LoginDialog } from './auth/LoginDialog'
import { CreditPanel } from './hud/CreditPanel'
import { DemoBadge } from './hud/DemoBadge'
import { DrillBadge } from './hud/DrillBadge'
import { KpiStrip } from './hud/KpiStrip'
import { SceneMessage } from './hud/SceneMessage'
import { SensorLegend } from './hud/SensorLegend'
import { StatusBar } from './hud/StatusBar'
import { IncidentFlowPanel } from './incident/IncidentFlowPanel'
import { IncidentSummary } from './incident/IncidentSummary'
import { InstructorControl } from './instructor/InstructorControl'
import { startTwinSession } from './net/startTwinSession'
import { PlumeLegend } from './plume/PlumeLegend'
import { ReplayBanner } from './replay/ReplayBanner'
import { ReplayBar } from './replay/ReplayBar'
import { incidentsToShow } from './response/incidentView'
import { SensorDetail } from './sensorDetail/SensorDetail'
import { twinStore } from './state/twinStore'
import { useTwinStore } from './state/useTwinStore'
import { TwinCanvas } from './twin3d/TwinCanvas'

/**
 * The command-hall shell: the 3D twin fills the screen, the status bar runs across the top, the
 * situation (KPIs, credit grades, legend) on the left, the alarm list on the right, the selected
 * sensor at the bottom centre, and the red frame of the sound-and-light alarm over everything.
 *
 * During an incident (`app--incident`) the left column shows the incident and the plume instead
 * of credit and legend, and the plan's swim-lanes take a band across the bottom. In a replay
 * (`app--replay`) the replay bar takes the bottom and a banner and frame mark the screen.
 */
export function App() {
  const loaded = useTwinStore((s) => s.scene)
  const incident = useTwinStore((s) => incidentsToShow(s.response).length > 0)
  const mode = useTwinStore((s) => s.mode)
  const labelLayer = useRef<HTMLDivElement>(null)
  useEffect(() => startTwinSession(twinStore, window.location.search), [])
  const cls = `app${incident ? ' app--incident' : ''}${mode !== 'live' ? ' app--replay' : ''}`
  return (
    <div className={cls}>
      <main className="app__stage">
        {loaded && <TwinCanvas loaded={loaded} labelLayer={labelLayer} />}
        <div ref={labelLayer} className="app__labels" />
      </main>
      <StatusBar />
      <aside className="app__side app__side--left">
        <KpiStrip />
        <IncidentSummary />
        <CreditPanel />
        <SensorLegend />
      </aside>
      <aside className="app__side app__side--right">
        <AlarmPanel />
        <PlumeLegend />
      </aside>
      <IncidentFlowPanel />
      <SensorDetail />
      <ReplayBar />
      <InstructorControl />
      <SceneMessage />
      <DrillBadge />
      <ReplayBanner />
      <AlarmFlashFrame />
      <DemoBadge />
      <LoginDialog />
    </div>
  )
}
