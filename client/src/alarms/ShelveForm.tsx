import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { runCommand } from './runCommand'

/** Shelf durations offered, in seconds: 15 min, 1 h, one 8-hour shift (the engine's default limit). */
const DURATIONS_S = [900, 3600, 8 * 3600] as const
const MIN_REASON = 3

/** Reason + duration, then `alarm:shelve`; the server's refusal lands in the panel's error line. */
export function ShelveForm({ alarmId, onDone }: { alarmId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [duration, setDuration] = useState<number>(DURATIONS_S[1])
  const [busy, setBusy] = useState(false)
  const tooShort = reason.trim().length < MIN_REASON

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (tooShort) return
    setBusy(true)
    const ok = await runCommand((c) => c.shelve(alarmId, reason.trim(), duration))
    setBusy(false)
    if (ok) onDone()
  }

  return (
    <form className="shelve-form" onSubmit={submit} data-testid="shelve-form">
      <label className="shelve-form__field">
        <span>{t('shelveForm.reason')}</span>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('shelveForm.reasonPlaceholder')}
          maxLength={500}
          data-testid="shelve-reason"
        />
      </label>
      <div className="shelve-form__durations" role="radiogroup" aria-label={t('shelveForm.duration')}>
        {DURATIONS_S.map((d) => (
          <button
            key={d}
            type="button"
            role="radio"
            aria-checked={d === duration}
            className={d === duration ? 'btn btn--choice btn--chosen' : 'btn btn--choice'}
            onClick={() => setDuration(d)}
          >
            {d < 3600 ? t('shelveForm.minutes', { n: d / 60 }) : t('shelveForm.hours', { n: d / 3600 })}
          </button>
        ))}
      </div>
      <div className="shelve-form__buttons">
        {tooShort && reason.length > 0 && <span className="shelve-form__hint">{t('shelveForm.reasonTooShort')}</span>}
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t('shelveForm.cancel')}
        </button>
        <button type="submit" className="btn btn--ack" disabled={busy || tooShort} data-testid="shelve-submit">
          {t('shelveForm.submit')}
        </button>
      </div>
    </form>
  )
}
