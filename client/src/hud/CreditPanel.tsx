import type { CreditGrade } from '@sim/alarms'
import { useTranslation } from 'react-i18next'
import { useSceneFormat } from '../alarms/useSceneFormat'
import { useTwinStore } from '../state/useTwinStore'
import { formatDateTime } from './formatReading'

const GRADE_COLORS: Record<CreditGrade, string> = { A: '#19e3b1', B: '#ffd400', C: '#ff7a00', D: '#ff2d2d' }

/**
 * Each enterprise's credit grade (A–D, the customer's "three consecutive data anomalies" rule)
 * with the last change and its reason as the engine recorded it, so the park can quote it.
 */
export function CreditPanel() {
  const { t } = useTranslation()
  const { locale, timeZone, name } = useSceneFormat()
  const rows = useTwinStore((s) => s.alarms?.credit)
  if (!rows) return null
  return (
    <section className="panel credit-panel" data-testid="credit-panel">
      <h2 className="panel__title">{t('credit.title')}</h2>
      <ul className="credit-panel__list">
        {rows.map((r) => (
          <li key={r.enterpriseId} className="credit-row" data-testid="credit-row" data-grade={r.grade}>
            <span
              className="credit-row__grade"
              style={{ color: GRADE_COLORS[r.grade], borderColor: GRADE_COLORS[r.grade] }}
            >
              {r.grade}
            </span>
            <span className="credit-row__text">
              <span className="credit-row__name">{name(r.name)}</span>
              <span className="credit-row__change">
                {r.lastChange
                  ? `${t('credit.change', { from: r.lastChange.from, to: r.lastChange.to, time: formatDateTime(r.lastChange.at, timeZone, locale) })} · ${r.lastChange.reason}`
                  : t('credit.noChange')}
                {r.streak > 0 && <span className="credit-row__streak"> · {t('credit.streak', { n: r.streak })}</span>}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
