import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'
import { isFlashing } from './sirenMachine'

/**
 * The "light" of the sound-and-light alarm: a red frame around the whole screen that flashes
 * (CSS animation, no JS per frame) while any red alarm is unacknowledged, with a banner saying so.
 * It never takes clicks.
 */
export function AlarmFlashFrame() {
  const { t } = useTranslation()
  const flashing = useTwinStore((s) => isFlashing(s.siren))
  const count = useTwinStore((s) => s.siren.red.length)
  return (
    <div className="flash-frame" hidden={!flashing} data-testid="flash-frame" data-flashing={flashing}>
      <div className="flash-frame__banner">{t('sound.banner', { count })}</div>
    </div>
  )
}
