import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { IncidentFigures } from './IncidentFigures'
import { TierChain } from './TierChain'
import { useClockPainter } from './useClockPainter'
import { useIncidentView } from './useIncidentView'

/** Level colour → CSS colour (the national grade colours). */
export const GRADE_COLORS = { red: '#ff2d2d', orange: '#ff8c00', yellow: '#ffd600', blue: '#3d8bff' } as const

/**
 * The open incident at a glance (left column): grade badge in its colour, title, source, elapsed
 * time since the first alarm, the tiers active, and the customer's figures.
 */
export function IncidentSummary() {
  const { t } = useTranslation()
  const { view, others } = useIncidentView()
  const error = useTwinStore((s) => s.incidentError)
  const root = useRef<HTMLElement>(null)
  useClockPainter(root, 1)
  if (!view) return null
  const colour = GRADE_COLORS[view.colour]
  return (
    <section
      ref={root}
      className="panel incident-summary"
      data-testid="incident-summary"
      style={{ borderColor: colour }}
    >
      <header className="incident-summary__head">
        <span className="grade-badge" style={{ background: colour }} data-testid="incident-grade">
          {t('incident.grade', { grade: view.grade })}
        </span>
        <span className="incident-summary__id" data-testid="incident-id">
          {view.id}
        </span>
        <span className="incident-summary__elapsed" data-since={view.start} />
      </header>
      <h2 className="incident-summary__title">{view.title}</h2>
      <div className="incident-summary__meta">
        {t('incident.level', { level: view.level })}
        {view.sourceId && ` · ${t('incident.source', { source: view.sourceId })}`}
        {others > 0 && ` · ${t('incident.more', { count: others })}`}
      </div>
      <TierChain tier={view.tier} />
      <IncidentFigures figures={view.figures} />
      {error && (
        <div className="incident-summary__error" role="alert" data-testid="incident-error">
          <span>{t('incident.error', { message: error })}</span>
          <button type="button" className="btn btn--ghost" onClick={() => twinStore.getState().setIncidentError(null)}>
            {t('incident.dismiss')}
          </button>
        </div>
      )}
    </section>
  )
}
