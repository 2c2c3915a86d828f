import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { unlockSound } from './sirenController'
import { SpeakerIcon } from './SpeakerIcon'

/**
 * Until the browser lets the page play audio, a clear "enable sound" button; after that a mute
 * toggle. Muting silences the tone only: the red frame keeps flashing.
 */
export function SoundControls() {
  const { t } = useTranslation()
  const unlocked = useTwinStore((s) => s.siren.audioUnlocked)
  const muted = useTwinStore((s) => s.siren.muted)
  if (!unlocked)
    return (
      <button
        type="button"
        className="btn btn--sound btn--attention"
        onClick={() => void unlockSound(twinStore)}
        data-testid="enable-sound"
      >
        <SpeakerIcon /> {t('sound.enable')}
      </button>
    )
  return (
    <button
      type="button"
      className={muted ? 'btn btn--sound btn--muted' : 'btn btn--sound'}
      aria-pressed={muted}
      onClick={() => twinStore.getState().sirenDispatch({ type: muted ? 'unmute' : 'mute' })}
      data-testid="mute-toggle"
    >
      <SpeakerIcon muted={muted} /> {muted ? `${t('sound.muted')} · ${t('sound.unmute')}` : t('sound.mute')}
    </button>
  )
}
