import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'

/**
 * The drill instructor's corner: start a simulated leak at a chosen tank, stop a running one.
 * Folded away behind a small 演练/模拟 button and hidden in replay; every leak it starts is
 * logged like any other (the server records who started it).
 */
export function InstructorControl() {
  const { t, i18n } = useTranslation()
  const scene = useTwinStore((s) => s.scene?.scene ?? null)
  const leaks = useTwinStore((s) => s.activeLeaks)
  const mode = useTwinStore((s) => s.mode)
  const [open, setOpen] = useState(false)
  const [tank, setTank] = useState('')
  const [rate, setRate] = useState('2')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (!scene || mode !== 'live') return null
  const tanks = scene.tanks
  const chosen = tank || tanks[0]?.id || ''

  const act = async (run: () => Promise<{ ok: boolean; error?: string }>) => {
    setBusy(true)
    setError(null)
    const r = await run()
    setBusy(false)
    if (!r.ok) setError(r.error ?? 'failed')
  }
  const start = () => {
    const c = twinStore.getState().leakCommands
    const kgS = Number(rate)
    if (!c || !chosen || !(kgS > 0)) return
    void act(() => c.start(chosen, kgS))
  }
  const stop = (leakId: string) => {
    const c = twinStore.getState().leakCommands
    if (c) void act(() => c.stop(leakId))
  }

  return (
    <div className={`instructor${open ? ' instructor--open' : ''}`} data-testid="instructor">
      <button
        type="button"
        className="instructor__toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        data-testid="instructor-toggle"
      >
        {t('instructor.toggle')}
      </button>
      {open && (
        <div className="instructor__body">
          <h3 className="instructor__title">{t('instructor.title')}</h3>
          <label className="instructor__field">
            <span>{t('instructor.tank')}</span>
            <select value={chosen} onChange={(e) => setTank(e.target.value)} data-testid="instructor-tank">
              {tanks.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.id} · {k.substance}
                  {` · ${i18n.language === 'en' ? k.name.en : k.name.zh}`}
                </option>
              ))}
            </select>
          </label>
          <label className="instructor__field">
            <span>{t('instructor.rate')}</span>
            <input
              type="number"
              min="0.1"
              max="100"
              step="0.1"
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              data-testid="instructor-rate"
            />
          </label>
          <button
            type="button"
            className="btn btn--danger"
            disabled={busy}
            onClick={start}
            data-testid="instructor-start"
          >
            {t('instructor.start')}
          </button>
          <div className="instructor__running">
            {t('instructor.running')}:{leaks.length === 0 && ` ${t('instructor.none')}`}
            {leaks.map((l) => (
              <div key={l.leakId} className="instructor__leak">
                <span>
                  {l.sourceId ?? '—'} · {l.substance}
                </span>
                <button type="button" className="btn btn--ghost" disabled={busy} onClick={() => stop(l.leakId)}>
                  {t('instructor.stop')}
                </button>
              </div>
            ))}
          </div>
          {error && <div className="instructor__error">{error}</div>}
          <p className="instructor__note">{t('instructor.note')}</p>
        </div>
      )}
    </div>
  )
}
