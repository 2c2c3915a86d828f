import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatServerClock } from '../hud/formatServerClock'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { ChainStatus } from './ChainStatus'
import { fractionToTime, markerColor, markerKey, thinMarkers, timeToFraction } from './replayTimeline'

/** Marker buckets across the track (about one per 6 px on a 1080p wall). */
const MARKER_COLUMNS = 200

/**
 * The replay controls across the bottom: play/pause, next event, speed 1×–64×, the replay time
 * in large type, the timeline with event markers (click or drag to seek), the chain check and
 * the way back to live. The position is painted at 4 Hz through refs.
 */
export function ReplayBar() {
  const { t, i18n } = useTranslation()
  const replay = useTwinStore((s) => s.replay)
  const api = useTwinStore((s) => s.replayApi)
  const error = useTwinStore((s) => s.replayError)
  const timeZone = useTwinStore((s) => s.scene?.scene.timezone ?? 'Asia/Shanghai')
  const track = useRef<HTMLDivElement>(null)
  const head = useRef<HTMLDivElement>(null)
  const timeRef = useRef<HTMLSpanElement>(null)
  const dateRef = useRef<HTMLSpanElement>(null)
  const locale = i18n.language

  const marks = useMemo(
    () => (replay ? thinMarkers(replay.markers, replay.from, replay.to, MARKER_COLUMNS) : []),
    [replay],
  )

  useEffect(() => {
    if (!replay) return
    const paint = () => {
      const p = twinStore.getState().telemetry?.lastT ?? NaN
      const pos = Number.isFinite(p) ? p : replay.from
      const c = formatServerClock(pos, timeZone, locale)
      if (timeRef.current) timeRef.current.textContent = c.time
      if (dateRef.current) dateRef.current.textContent = c.date
      if (head.current) head.current.style.left = `${timeToFraction(pos, replay.from, replay.to) * 100}%`
    }
    paint()
    const id = window.setInterval(paint, 250)
    return () => window.clearInterval(id)
  }, [replay, timeZone, locale])

  if (!replay || !api) return null
  const seekAt = (clientX: number) => {
    const r = track.current?.getBoundingClientRect()
    if (!r || r.width <= 0) return
    api.seek(fractionToTime((clientX - r.left) / r.width, replay.from, replay.to))
  }

  return (
    <section className="replay-bar" data-testid="replay-bar">
      <div className="replay-bar__controls">
        <button
          type="button"
          className="btn btn--replay"
          onClick={() => (replay.playing ? api.pause() : api.play())}
          data-testid="replay-play"
        >
          {replay.playing ? `❚❚ ${t('replay.pause')}` : `▶ ${t('replay.play')}`}
        </button>
        <button type="button" className="btn btn--replay" onClick={() => api.nextEvent()} data-testid="replay-next">
          {t('replay.next')} »
        </button>
        <div className="replay-bar__speeds" role="group" aria-label={t('replay.speed')}>
          {replay.speeds.map((s) => (
            <button
              key={s}
              type="button"
              className={`btn btn--speed${s === replay.speed ? ' btn--speed-on' : ''}`}
              onClick={() => api.speed(s)}
              data-testid={`replay-speed-${s}`}
            >
              {s}×
            </button>
          ))}
        </div>
        <div className="replay-bar__time">
          <span className="replay-bar__time-label">{t('replay.position')}</span>
          <span ref={timeRef} className="replay-bar__clock" data-testid="replay-time">
            --:--:--
          </span>
          <span ref={dateRef} className="replay-bar__date" />
        </div>
        <ChainStatus chain={replay.chain} />
        <button
          type="button"
          className="btn btn--ghost btn--exit"
          onClick={() => void api.close()}
          data-testid="replay-exit"
        >
          {t('replay.close')}
        </button>
      </div>
      <div
        ref={track}
        className="replay-track"
        data-testid="replay-track"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId)
        }}
        onPointerUp={(e) => seekAt(e.clientX)}
      >
        <div className="replay-track__rail" />
        {marks.map((m) => (
          <span
            key={m.seq}
            className="replay-track__mark"
            style={{ left: `${timeToFraction(m.t, replay.from, replay.to) * 100}%`, background: markerColor(m) }}
            title={`${t(`replay.marker.${markerKey(m.type)}`, { defaultValue: m.type })} ${m.label}`}
          />
        ))}
        <div ref={head} className="replay-track__head" />
        <span className="replay-track__end replay-track__end--from">
          {formatServerClock(replay.from, timeZone, locale).time}
        </span>
        <span className="replay-track__end replay-track__end--to">
          {formatServerClock(replay.to, timeZone, locale).time}
        </span>
      </div>
      {error && <div className="replay-bar__error">{t('replay.error', { message: error })}</div>}
    </section>
  )
}
