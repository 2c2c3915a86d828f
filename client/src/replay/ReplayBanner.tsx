import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'

/**
 * While a replay owns the screen: a frame of a different colour around everything and a large
 * 回放 REPLAY banner, so nobody in the room mistakes the past for the present.
 */
export function ReplayBanner() {
  const { t } = useTranslation()
  const mode = useTwinStore((s) => s.mode)
  if (mode === 'live') return null
  return (
    <>
      <div className="replay-frame" aria-hidden="true" />
      <div className="replay-banner" data-testid="replay-banner" role="status">
        {mode === 'opening' ? t('replay.opening') : t('replay.banner')}
        <span className="replay-banner__ro">{t('replay.readOnly')}</span>
      </div>
    </>
  )
}
