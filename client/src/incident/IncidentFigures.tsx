import { useTranslation } from 'react-i18next'
import { formatInterval } from '../response/countdown'
import type { FigureView } from '../response/incidentView'

export interface IncidentFiguresProps {
  figures: FigureView[]
}

/**
 * The customer's figures: time from the first alarm to valves closed, fire brigade notified,
 * park tier active and government notified; the first two against the pilot's 3 and 5 minutes.
 */
export function IncidentFigures({ figures }: IncidentFiguresProps) {
  const { t } = useTranslation()
  return (
    <div className="incident-figures" title={t('incident.figuresTitle')}>
      <h3 className="incident-figures__title">{t('incident.figuresTitle')}</h3>
      <dl className="incident-figures__grid">
        {figures.map((f) => {
          const state = f.ms === null ? (f.ok === false ? 'late' : 'pending') : f.ok === false ? 'late' : 'done'
          return (
            <div key={f.key} className={`fig fig--${state}`} data-testid={`figure-${f.key}`} data-state={state}>
              <dt>{t(`incident.figure.${f.key}`)}</dt>
              <dd>
                <span className="fig__mark">{state === 'done' ? '✓' : state === 'late' ? '✘' : '…'}</span>
                <span className="fig__value">{f.ms === null ? t('incident.pending') : formatInterval(f.ms)}</span>
              </dd>
              {f.targetMs !== null && (
                <div className="fig__target">{t('incident.target', { min: Math.round(f.targetMs / 60_000) })}</div>
              )}
            </div>
          )
        })}
      </dl>
    </div>
  )
}
