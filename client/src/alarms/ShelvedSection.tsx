import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AlarmLineItem } from './AlarmLineItem'
import type { AlarmLine } from './alarmView'

/** Shelved alarms, folded by default: they are known and parked, not for the room's attention. */
export function ShelvedSection({ lines }: { lines: AlarmLine[] }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <div className="shelved-section" data-testid="shelved-section">
      <button type="button" className="shelved-section__toggle" onClick={() => setOpen((o) => !o)}>
        {open ? '▾' : '▸'} {t('alarms.shelvedSection', { count: lines.length })}
      </button>
      {open && (
        <ul className="alarm-panel__list alarm-panel__list--shelved">
          {lines.map((l) => (
            <AlarmLineItem key={l.id} line={l} />
          ))}
        </ul>
      )}
    </div>
  )
}
