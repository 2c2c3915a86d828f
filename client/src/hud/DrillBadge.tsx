import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'

/**
 * 演练 DRILL, large and persistent, once drill frames, events or plumes reached this screen:
 * drill traffic must never be mistaken for a real incident.
 */
export function DrillBadge() {
  const { t } = useTranslation()
  const drill = useTwinStore((s) => s.drillSeen)
  if (!drill) return null
  return (
    <div className="drill-badge" data-testid="drill-badge" role="status">
      {t('drill.badge')}
    </div>
  )
}
