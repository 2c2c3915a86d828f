import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'

/** Report URL for the scene; in a replay it covers the replay's window. */
export function reportUrl(sceneId: string, lang: string, window?: { from: number; to: number } | null): string {
  const q = new URLSearchParams({ lang: lang === 'en' ? 'en' : 'zh' })
  if (window) {
    q.set('from', String(window.from))
    q.set('to', String(window.to))
  }
  return `/api/v1/scenes/${encodeURIComponent(sceneId)}/report.html?${q.toString()}`
}

/**
 * Two buttons in the status bar: 回放 (open a replay of the scene's record; hidden while one is
 * open, the replay bar has the way back) and 事件报告 (the printable report in a new tab).
 */
export function ModeButtons() {
  const { t, i18n } = useTranslation()
  const sceneId = useTwinStore((s) => s.scene?.scene.id ?? null)
  const mode = useTwinStore((s) => s.mode)
  const replay = useTwinStore((s) => s.replay)
  const api = useTwinStore((s) => s.replayApi)
  if (!sceneId) return null
  return (
    <div className="mode-buttons">
      {mode === 'live' && (
        <button
          type="button"
          className="btn btn--mode"
          disabled={!api}
          onClick={() => void twinStore.getState().replayApi?.open()}
          data-testid="replay-open"
        >
          ⟲ {t('replay.open')}
        </button>
      )}
      <a
        className="btn btn--mode"
        href={reportUrl(sceneId, i18n.language, replay)}
        target="_blank"
        rel="noopener"
        data-testid="report-open"
      >
        {t('report.open')}
      </a>
    </div>
  )
}
