import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'

/** Centre-screen message while the scene loads, or why it did not. */
export function SceneMessage() {
  const { t } = useTranslation()
  const loaded = useTwinStore((s) => s.scene !== null)
  const error = useTwinStore((s) => s.sceneError)
  if (loaded && !error) return null
  return (
    <div className={error ? 'scene-message scene-message--error' : 'scene-message'} role="status">
      {error ? t('app.sceneError', { message: error }) : t('app.loading')}
    </div>
  )
}
