import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { formatCount, formatServerClock } from './formatServerClock'
import { LanguageToggle } from './LanguageToggle'
import { ModeButtons } from './ModeButtons'
import { RateMeter } from './rateMeter'

/** How often the live numbers are repainted: readable, and far below the render rate. */
const HUD_PERIOD_MS = 250

/**
 * The top bar of the wall: scene name, connection state, server clock, readings per second and
 * frame count. Discrete facts (connection, scene, language) come through React; the live numbers
 * are written into DOM nodes through refs by a 4 Hz timer, so 10 Hz telemetry causes no render.
 */
export function StatusBar() {
  const { t, i18n } = useTranslation()
  const connection = useTwinStore((s) => s.connection)
  const detail = useTwinStore((s) => s.connectionDetail)
  const replaying = useTwinStore((s) => s.mode !== 'live')
  const scene = useTwinStore((s) => s.scene?.scene ?? null)
  const dateRef = useRef<HTMLSpanElement>(null)
  const timeRef = useRef<HTMLSpanElement>(null)
  const rateRef = useRef<HTMLSpanElement>(null)
  const framesRef = useRef<HTMLSpanElement>(null)
  const drillRef = useRef<HTMLSpanElement>(null)

  const locale = i18n.language
  const timeZone = scene?.timezone ?? 'Asia/Shanghai'

  useEffect(() => {
    const meter = new RateMeter(5) // 5 samples × 250 ms ≈ a one-second window
    const paint = () => {
      const tel = twinStore.getState().telemetry
      if (!tel) return
      const clock = formatServerClock(tel.lastT, timeZone, locale)
      const rate = meter.sample(performance.now(), tel.readingsTotal)
      if (dateRef.current) dateRef.current.textContent = clock.date
      if (timeRef.current) timeRef.current.textContent = clock.time
      if (rateRef.current) rateRef.current.textContent = formatCount(Math.round(rate), locale)
      if (framesRef.current) framesRef.current.textContent = formatCount(tel.framesReceived, locale)
      if (drillRef.current) drillRef.current.hidden = !tel.drill
    }
    paint()
    const id = window.setInterval(paint, HUD_PERIOD_MS)
    return () => window.clearInterval(id)
  }, [timeZone, locale])

  const sceneName = scene ? (locale === 'en' ? scene.name.en : scene.name.zh) : ''
  const connectionText = replaying
    ? t('replay.open')
    : connection === 'idle'
      ? t('status.connecting')
      : t(`status.${connection}`)
  const title = connection === 'refused' ? `${t('status.refusedHint')} — ${detail ?? ''}` : (detail ?? undefined)

  return (
    <header className="status-bar" data-testid="status-bar">
      <div className="status-bar__brand">
        <span className="status-bar__product">SafeTwin</span>
        <span className="status-bar__scene" data-testid="scene-name">
          {sceneName}
        </span>
      </div>
      <div
        className={`status-pill status-pill--${replaying ? 'replay' : connection}`}
        data-testid="connection"
        title={title}
      >
        <span className="status-pill__dot" aria-hidden="true" />
        <span>{connectionText}</span>
        {connection === 'refused' && <span className="status-pill__hint">{t('status.refusedHint')}</span>}
      </div>
      <span ref={drillRef} className="status-bar__drill" hidden>
        {t('status.drill')}
      </span>
      <dl className="status-bar__figures">
        <div className="figure figure--clock">
          <dt>{t('status.serverClock')}</dt>
          <dd>
            <span ref={timeRef} className="figure__time" data-testid="server-time">
              --:--:--
            </span>
            <span ref={dateRef} className="figure__date">
              ----/--/--
            </span>
          </dd>
        </div>
        <div className="figure">
          <dt>{t('status.readingsPerSecond')}</dt>
          <dd ref={rateRef} data-testid="readings-per-second">
            0
          </dd>
        </div>
        <div className="figure">
          <dt>{t('status.frames')}</dt>
          <dd ref={framesRef} data-testid="frame-count">
            0
          </dd>
        </div>
        <div className="figure">
          <dt>{t('status.devices')}</dt>
          <dd>{scene ? formatCount(scene.devices.length, locale) : '–'}</dd>
        </div>
      </dl>
      <ModeButtons />
      <LanguageToggle />
    </header>
  )
}
