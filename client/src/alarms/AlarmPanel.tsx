import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { AlarmLineItem } from './AlarmLineItem'
import { visibleUnacked } from './alarmView'
import { runCommand } from './runCommand'
import { ShelvedSection } from './ShelvedSection'
import { SoundControls } from './SoundControls'

/** How many lines are drawn; the rest are counted (a wall cannot show a thousand lines anyway). */
const MAX_LINES = 60

/**
 * The alarm list: newest first, one line per alarm or flood group, shelved ones folded away at
 * the bottom. The header carries the sound controls and the commander's "acknowledge all".
 */
export function AlarmPanel() {
  const { t } = useTranslation()
  const view = useTwinStore((s) => s.alarms)
  const selected = useTwinStore((s) => s.selectedDevice)
  const error = useTwinStore((s) => s.alarmError)
  const [busy, setBusy] = useState(false)
  const unacked = view ? visibleUnacked(view) : []
  const lines = view?.lines ?? []

  const ackAll = async () => {
    setBusy(true)
    await Promise.all(unacked.map((id) => runCommand((c) => c.acknowledge(id))))
    setBusy(false)
  }

  return (
    <section className="panel alarm-panel" data-testid="alarm-panel">
      <header className="panel__header">
        <h2 className="panel__title">
          {t('alarms.title')}
          <span className="panel__count" data-testid="alarm-count">
            {lines.length}
          </span>
        </h2>
        <SoundControls />
      </header>
      {unacked.length > 0 && (
        <button type="button" className="btn btn--ack btn--wide" onClick={ackAll} disabled={busy} data-testid="ack-all">
          {t('alarms.ackAll', { count: unacked.length })}
        </button>
      )}
      {error && (
        <div className="alarm-panel__error" role="alert" data-testid="alarm-error">
          <span>{t('alarms.error', { message: error })}</span>
          <button type="button" className="btn btn--ghost" onClick={() => twinStore.getState().setAlarmError(null)}>
            {t('alarms.dismiss')}
          </button>
        </div>
      )}
      <ul className="alarm-panel__list" data-testid="alarm-list">
        {lines.slice(0, MAX_LINES).map((l) => (
          <AlarmLineItem key={l.id} line={l} selected={l.deviceId === selected} />
        ))}
        {lines.length === 0 && <li className="alarm-panel__none">{t('alarms.none')}</li>}
        {lines.length > MAX_LINES && <li className="alarm-panel__none">+{lines.length - MAX_LINES}</li>}
      </ul>
      {view && view.shelved.length > 0 && <ShelvedSection lines={view.shelved} />}
    </section>
  )
}
