import { SEVERITIES, SEVERITY_COLORS, SEVERITY_LABELS } from '@sim/alarms'
import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'
import { formatCount } from './formatServerClock'
import { PeopleKpi } from './PeopleKpi'

/**
 * The numbers the room reads first: active alarms per colour, how many are unacknowledged, and
 * devices online / offline / faulty. Derived from the alarm view (changes per alarm batch only).
 */
export function KpiStrip() {
  const { t, i18n } = useTranslation()
  const view = useTwinStore((s) => s.alarms)
  const total = useTwinStore((s) => s.scene?.scene.devices.length ?? 0)
  const locale = i18n.language
  const n = (x: number | undefined) => (x === undefined ? '–' : formatCount(x, locale))
  const offline = view?.devicesOffline
  return (
    <section className="panel kpi-strip" data-testid="kpi-strip">
      <h2 className="panel__title">{t('kpi.active')}</h2>
      <div className="kpi-strip__severities">
        {SEVERITIES.map((s) => (
          <div
            key={s}
            className={`kpi-tile${view && view.bySeverity[s] > 0 ? ' kpi-tile--lit' : ''}`}
            style={{ borderColor: SEVERITY_COLORS[s], color: SEVERITY_COLORS[s] }}
            data-testid={`kpi-${s}`}
          >
            <span className="kpi-tile__value">{n(view?.bySeverity[s])}</span>
            <span className="kpi-tile__label">
              {i18n.language === 'en' ? SEVERITY_LABELS[s].en : SEVERITY_LABELS[s].zh}
            </span>
          </div>
        ))}
      </div>
      <dl className="kpi-strip__figures">
        <div className={view && view.unacked > 0 ? 'kpi-figure kpi-figure--alert' : 'kpi-figure'}>
          <dt>{t('kpi.unacked')}</dt>
          <dd data-testid="kpi-unacked">{n(view?.unacked)}</dd>
        </div>
        <div className="kpi-figure">
          <dt>{t('kpi.online')}</dt>
          <dd data-testid="kpi-online">
            {n(offline === undefined ? undefined : total - offline)}
            <span className="kpi-figure__of">/{n(total)}</span>
          </dd>
        </div>
        <div className={offline ? 'kpi-figure kpi-figure--warn' : 'kpi-figure'}>
          <dt>{t('kpi.offline')}</dt>
          <dd data-testid="kpi-offline">{n(offline)}</dd>
        </div>
        <div className={view?.devicesFaulty ? 'kpi-figure kpi-figure--fault' : 'kpi-figure'}>
          <dt>{t('kpi.fault')}</dt>
          <dd>{n(view?.devicesFaulty)}</dd>
        </div>
      </dl>
      <PeopleKpi />
    </section>
  )
}
