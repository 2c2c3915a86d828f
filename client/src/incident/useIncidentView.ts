import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { buildIncidentView, incidentsToShow, type IncidentView } from '../response/incidentView'
import { useTwinStore } from '../state/useTwinStore'
import { screenNow } from './useClockPainter'

/**
 * The incident on the wall (the newest open one) as a view model, plus how many others are open.
 * Rebuilt when the response state, plans, session, language or mode change — not per frame.
 */
export function useIncidentView(): { view: IncidentView | null; others: number } {
  const { i18n } = useTranslation()
  const response = useTwinStore((s) => s.response)
  const plans = useTwinStore((s) => s.plans)
  const session = useTwinStore((s) => s.session)
  const mode = useTwinStore((s) => s.mode)
  const lang = i18n.language === 'en' ? 'en' : 'zh'
  return useMemo(() => {
    const shown = incidentsToShow(response)
    if (!shown.length) return { view: null, others: 0 }
    const now = screenNow()
    const view = buildIncidentView(shown[0], {
      plans,
      session,
      lang,
      now: Number.isFinite(now) ? now : null,
      readOnly: mode !== 'live',
    })
    return { view, others: shown.length - 1 }
  }, [response, plans, session, lang, mode])
}
