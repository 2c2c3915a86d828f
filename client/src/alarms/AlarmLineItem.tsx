import { SEVERITY_COLORS } from '@sim/alarms'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime, formatTimeOfDay, formatWithUnit } from '../hud/formatReading'
import { twinStore } from '../state/twinStore'
import { lineAckIds, type AlarmLine } from './alarmView'
import { runCommand } from './runCommand'
import { SeverityTag } from './SeverityTag'
import { ShelveForm } from './ShelveForm'
import { useSceneFormat } from './useSceneFormat'

export interface AlarmLineItemProps {
  line: AlarmLine
  /** Flood-group member shown under its parent: smaller, no commands of its own. */
  nested?: boolean
  selected?: boolean
}

/**
 * One alarm on the wall: colour bar, severity, device, enterprise, value against limit, time and
 * state, with a large acknowledge button. Clicking the line selects its device.
 */
export function AlarmLineItem({ line, nested = false, selected = false }: AlarmLineItemProps) {
  const { t } = useTranslation()
  const { locale, timeZone, name } = useSceneFormat()
  const [busy, setBusy] = useState(false)
  const [shelving, setShelving] = useState(false)
  const [expanded, setExpanded] = useState(false)

  const ackIds = lineAckIds(line)
  const ack = async () => {
    setBusy(true)
    await Promise.all(ackIds.map((id) => runCommand((c) => c.acknowledge(id))))
    setBusy(false)
  }
  const unshelve = () => void runCommand((c) => c.unshelve(line.id))
  const select = () => twinStore.getState().selectDevice(line.deviceId)
  const showValue = line.value !== null && line.condition !== 'offline' && line.condition !== 'stuck'

  return (
    <li
      className={`alarm-line alarm-line--${line.state}${nested ? ' alarm-line--nested' : ''}${selected ? ' alarm-line--selected' : ''}`}
      data-testid="alarm-line"
      data-alarm-id={line.id}
      data-state={line.state}
      data-severity={line.severity}
    >
      <span className="alarm-line__bar" style={{ background: SEVERITY_COLORS[line.severity] }} aria-hidden="true" />
      <div className="alarm-line__body">
        <button type="button" className="alarm-line__main" onClick={select}>
          <span className="alarm-line__head">
            <SeverityTag severity={line.severity} />
            <span className="alarm-line__condition">{t(`alarms.condition.${line.level}`)}</span>
            <span className="alarm-line__time">{formatTimeOfDay(line.raisedAt, timeZone, locale)}</span>
          </span>
          <span className="alarm-line__device">
            {name(line.deviceName, line.deviceId)} <span className="alarm-line__id">{line.deviceId}</span>
          </span>
          <span className="alarm-line__meta">
            <span className="alarm-line__enterprise">{name(line.enterpriseName, t('alarms.parkDevice'))}</span>
            {showValue && (
              <span className="alarm-line__value" data-testid="alarm-value">
                {formatWithUnit(line.value, line.unit)}
                {line.limit !== null && (
                  <span className="alarm-line__limit">
                    {' / '}
                    {t('alarms.limit')} {formatWithUnit(line.limit, line.unit)}
                  </span>
                )}
              </span>
            )}
          </span>
          {line.shelved && (
            <span className="alarm-line__shelf">
              {line.shelved.reason} · {line.shelved.by} ·{' '}
              {t('alarms.until', { time: formatDateTime(line.shelved.until, timeZone, locale) })}
            </span>
          )}
        </button>
        <div className="alarm-line__actions">
          <span className={`state-chip state-chip--${line.state}`} data-testid="alarm-state">
            {t(`alarms.state.${line.state}`)}
          </span>
          {line.children.length > 0 && (
            <button type="button" className="alarm-line__related" onClick={() => setExpanded((e) => !e)}>
              {expanded
                ? t('alarms.hideRelated')
                : `▸ ${t(line.acknowledged && ackIds.length ? 'alarms.relatedUnacked' : 'alarms.related', { count: line.children.length, unacked: ackIds.length })}`}
            </button>
          )}
          <span className="alarm-line__spacer" />
          {!nested && !line.shelved && line.severity !== 'red' && (
            <button type="button" className="btn btn--ghost" onClick={() => setShelving((s) => !s)}>
              {t('alarms.shelve')}
            </button>
          )}
          {!nested && line.shelved && (
            <button type="button" className="btn btn--ghost" onClick={unshelve} data-testid="unshelve">
              {t('alarms.unshelve')}
            </button>
          )}
          {!nested && ackIds.length > 0 && (
            <button type="button" className="btn btn--ack" onClick={ack} disabled={busy} data-testid="ack">
              {t('alarms.ack')}
            </button>
          )}
        </div>
        {shelving && <ShelveForm alarmId={line.id} onDone={() => setShelving(false)} />}
        {expanded && (
          <ul className="alarm-line__children">
            {line.children.map((c) => (
              <AlarmLineItem key={c.id} line={c} nested />
            ))}
          </ul>
        )}
      </div>
    </li>
  )
}
