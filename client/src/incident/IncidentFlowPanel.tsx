import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'
import { PlanFlowchart } from './PlanFlowchart'
import { useClockPainter } from './useClockPainter'
import { useIncidentView } from './useIncidentView'

/**
 * The plan of the open incident as swim-lanes across the bottom of the wall, countdowns painted
 * at 2 Hz. Says who the viewer acts as, since the buttons depend on it.
 */
export function IncidentFlowPanel() {
  const { t, i18n } = useTranslation()
  const { view } = useIncidentView()
  const session = useTwinStore((s) => s.session)
  const plans = useTwinStore((s) => s.plans)
  const timeZone = useTwinStore((s) => s.scene?.scene.timezone ?? 'Asia/Shanghai')
  const root = useRef<HTMLElement>(null)
  useClockPainter(root, 2)
  if (!view) return null
  const role = plans?.roles.find((r) => r.id === session.planRole)
  const roleName = role ? (i18n.language === 'en' ? role.name.en : role.name.zh) : (session.planRole ?? '—')
  return (
    <section ref={root} className="panel incident-flow" data-testid="incident-panel">
      <header className="incident-flow__head">
        <h2 className="panel__title">
          {t('incident.title')} · {view.id}
        </h2>
        <span className="incident-flow__plan">{view.levelName}</span>
        <span className="incident-flow__role" data-testid="acting-as">
          {t('incident.actingAs', { role: roleName })}
        </span>
      </header>
      <PlanFlowchart incidentId={view.id} lanes={view.lanes} timeZone={timeZone} />
    </section>
  )
}
