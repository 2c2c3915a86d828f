/**
 * Binds the siren state machine in the store to the one Web Audio tone of the page. Outside
 * React: the store subscription turns the tone on and off; any click on the page (the first
 * acknowledge, say) also unlocks audio, besides the explicit "enable sound" button.
 */
import type { TwinStore } from '../state/twinStore'
import { isSounding } from './sirenMachine'
import { createSirenAudio } from './sirenAudio'

export const sirenAudio = createSirenAudio()

export async function unlockSound(store: TwinStore): Promise<boolean> {
  const ok = await sirenAudio.unlock()
  if (ok) store.getState().sirenDispatch({ type: 'audioUnlocked' })
  return ok
}

export function startSirenController(store: TwinStore): () => void {
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.siren !== prev.siren) sirenAudio.setSounding(isSounding(s.siren))
  })
  const onGesture = () => {
    void unlockSound(store).then((ok) => {
      if (ok) window.removeEventListener('pointerdown', onGesture, true)
    })
  }
  window.addEventListener('pointerdown', onGesture, true)
  return () => {
    unsubscribe()
    window.removeEventListener('pointerdown', onGesture, true)
    sirenAudio.setSounding(false)
  }
}
