/**
 * Alarm state for React: the view model (rebuilt per batch of log events, a few times a minute in
 * normal operation), the sound-and-light state machine, the command channel and the last command
 * error. All discrete; nothing here changes per telemetry frame.
 */
import type { AlarmSnapshot } from '@sim/alarms'
import type { Ack } from '@sim/protocol/messages'
import type { StateCreator } from 'zustand/vanilla'
import { buildAlarmView, type AlarmView } from '../alarms/alarmView'
import { SIREN_IDLE, sirenReduce, type SirenAction, type SirenState } from '../alarms/sirenMachine'
import type { TwinState } from './twinStore'

export type CommandAck = Ack<{ seq: number }>

export interface AlarmCommands {
  acknowledge(alarmId: string): Promise<CommandAck>
  shelve(alarmId: string, reason: string, durationS: number): Promise<CommandAck>
  unshelve(alarmId: string): Promise<CommandAck>
}

export interface AlarmSlice {
  alarms: AlarmView | null
  siren: SirenState
  alarmCommands: AlarmCommands | null
  /** The last refused command, shown to the operator until dismissed or replaced. */
  alarmError: string | null
  setAlarmSnapshot: (snapshot: AlarmSnapshot) => void
  sirenDispatch: (action: SirenAction) => void
  setAlarmCommands: (commands: AlarmCommands | null) => void
  setAlarmError: (message: string | null) => void
}

export const createAlarmSlice: StateCreator<TwinState, [], [], AlarmSlice> = (set, get) => ({
  alarms: null,
  siren: SIREN_IDLE,
  alarmCommands: null,
  alarmError: null,
  setAlarmSnapshot: (snapshot) => {
    const loaded = get().scene
    if (!loaded) return
    const alarms = buildAlarmView(snapshot, loaded.scene)
    set({ alarms, siren: sirenReduce(get().siren, { type: 'alarms', redUnacked: alarms.redUnacked }) })
  },
  sirenDispatch: (action) => {
    const siren = sirenReduce(get().siren, action)
    if (siren !== get().siren) set({ siren })
  },
  setAlarmCommands: (alarmCommands) => set({ alarmCommands }),
  setAlarmError: (alarmError) => set({ alarmError }),
})
