import { SEVERITY_COLORS } from '@sim/alarms'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { deviceAlarmHistory } from '../alarms/alarmView'
import { useSceneFormat } from '../alarms/useSceneFormat'
import { formatDateTime, formatWithUnit } from '../hud/formatReading'
import { useTwinStore } from '../state/useTwinStore'

/** The device's alarms, open and closed, newest first: when, what, how bad, what became of it. */
export function DeviceAlarmHistory({ deviceId, unit }: { deviceId: string; unit: string }) {
  const { t } = useTranslation()
  const { locale, timeZone } = useSceneFormat()
  const snapshot = useTwinStore((s) => s.alarms?.snapshot ?? null)
  const rows = useMemo(() => (snapshot ? deviceAlarmHistory(snapshot, deviceId, 8) : []), [snapshot, deviceId])
  return (
    <div className="device-history" data-testid="device-history">
      <h3 className="device-history__title">{t('detail.history')}</h3>
      {rows.length === 0 && <p className="device-history__none">{t('detail.noHistory')}</p>}
      <ul>
        {rows.map((a) => (
          <li key={a.id} className="device-history__row">
            <span className="device-history__dot" style={{ background: SEVERITY_COLORS[a.peakSeverity] }} />
            <span className="device-history__time">{formatDateTime(a.raisedAt, timeZone, locale)}</span>
            <span>{t(`alarms.condition.${a.level}`)}</span>
            <span className="device-history__peak">
              {formatWithUnit(a.peak ?? a.value, a.condition === 'rate' ? `${unit}/min` : unit)}
            </span>
            <span className={`state-chip state-chip--${a.state}`}>{t(`alarms.state.${a.state}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}
