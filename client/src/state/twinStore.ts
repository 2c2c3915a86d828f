/**
 * The one client store (zustand vanilla, so the socket bridge and tests drive it without React).
 * It holds discrete facts only — connection state, the loaded scene, the language, the alarm view,
 * the selection — which change a few times per session or per minute. The per-frame telemetry
 * lives in a mutable TelemetryBuffer (and the selected device's TrendRing) whose references are
 * stored here once per scene and mutated in place (see telemetryBuffer.ts).
 */
import { createStore } from 'zustand/vanilla'
import { createAlarmSlice, type AlarmSlice } from './alarmSlice'
import type { LoadedTwinScene } from './loadedScene'
import { createPlumeBuffer, type PlumeBuffer } from '../plume/plumeBuffer'
import { createReplaySlice, type ReplaySlice } from './replaySlice'
import { createResponseSlice, type ResponseSlice } from './responseSlice'
import { createSelectionSlice, type SelectionSlice } from './selectionSlice'
import type { TelemetryBuffer } from './telemetryBuffer'
import { createTrendRing, type TrendRing } from './trendRing'

export const CONNECTION_STATES = ['idle', 'connecting', 'live', 'reconnecting', 'refused', 'error'] as const
export type ConnectionState = (typeof CONNECTION_STATES)[number]

export interface ConnectionSlice {
  connection: ConnectionState
  /** Server-provided reason for `refused` / `error`, shown in small type under the state. */
  connectionDetail: string | null
  setConnection: (connection: ConnectionState, detail?: string | null) => void
}

export interface SceneSlice {
  scene: LoadedTwinScene | null
  sceneError: string | null
  telemetry: TelemetryBuffer | null
  /** Samples of the selected device, filled by the socket bridge. */
  trend: TrendRing | null
  /** The plume picture, mutated in place by the socket bridge (see plumeBuffer.ts). */
  plume: PlumeBuffer | null
  /** Is there a cloud to show? (discrete: flips once per incident) */
  plumeActive: boolean
  setPlumeActive: (active: boolean) => void
  setScene: (scene: LoadedTwinScene, telemetry: TelemetryBuffer) => void
  setSceneError: (message: string) => void
}

export type TwinState = ConnectionSlice & SceneSlice & AlarmSlice & SelectionSlice & ResponseSlice & ReplaySlice

export function createTwinStore() {
  return createStore<TwinState>()((set, get, api) => ({
    connection: 'idle',
    connectionDetail: null,
    setConnection: (connection, detail = null) => set({ connection, connectionDetail: detail }),
    scene: null,
    sceneError: null,
    telemetry: null,
    trend: null,
    plume: null,
    plumeActive: false,
    setPlumeActive: (plumeActive) => {
      if (get().plumeActive !== plumeActive) set({ plumeActive })
    },
    setScene: (scene, telemetry) =>
      set({
        scene,
        telemetry,
        trend: createTrendRing(),
        plume: createPlumeBuffer(),
        plumeActive: false,
        sceneError: null,
        alarms: null,
        selectedDevice: null,
        response: null,
      }),
    setSceneError: (message) => set({ sceneError: message }),
    ...createAlarmSlice(set, get, api),
    ...createSelectionSlice(set, get, api),
    ...createResponseSlice(set, get, api),
    ...createReplaySlice(set, get, api),
  }))
}

export type TwinStore = ReturnType<typeof createTwinStore>

/** The app's store instance. Tests create their own with createTwinStore(). */
export const twinStore = createTwinStore()
