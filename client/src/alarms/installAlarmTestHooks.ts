import type { TwinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'
import { sirenAudio } from './sirenController'
import { isFlashing, isSounding } from './sirenMachine'

/** Fill the alarm, siren and trend fields of `window.__safetwin` from the store (read on demand). */
export function installAlarmTestHooks(store: TwinStore): void {
  testHooks.alarms = () => {
    const v = store.getState().alarms
    if (!v) return null
    return {
      seq: v.seq,
      lines: v.lines.map((l) => ({
        id: l.id,
        deviceId: l.deviceId,
        severity: l.severity,
        state: l.state,
        children: l.children.length,
      })),
      shelved: v.shelved.map((l) => l.id),
      redUnacked: v.redUnacked,
    }
  }
  testHooks.siren = () => {
    const s = store.getState().siren
    return {
      flashing: isFlashing(s),
      sounding: isSounding(s),
      playing: sirenAudio.sounding,
      muted: s.muted,
      audioUnlocked: s.audioUnlocked,
    }
  }
  testHooks.trend = () => {
    const { trend, selectedDevice } = store.getState()
    return trend ? { device: selectedDevice, count: trend.count, version: trend.version } : null
  }
}
