/**
 * The one client store (zustand vanilla, so the socket bridge and tests drive it without React).
 * It holds discrete facts only — connection state, the loaded scene, the language — which change a
 * few times per session. The per-frame telemetry lives in a mutable TelemetryBuffer whose
 * reference is stored here once per scene and mutated in place (see telemetryBuffer.ts).
 */
import { createStore } from 'zustand/vanilla'
import type { LoadedTwinScene } from './loadedScene'
import type { TelemetryBuffer } from './telemetryBuffer'

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
  setScene: (scene: LoadedTwinScene, telemetry: TelemetryBuffer) => void
  setSceneError: (message: string) => void
}

export type TwinState = ConnectionSlice & SceneSlice

export function createTwinStore() {
  return createStore<TwinState>()((set) => ({
    connection: 'idle',
    connectionDetail: null,
    setConnection: (connection, detail = null) => set({ connection, connectionDetail: detail }),
    scene: null,
    sceneError: null,
    telemetry: null,
    setScene: (scene, telemetry) => set({ scene, telemetry, sceneError: null }),
    setSceneError: (message) => set({ sceneError: message }),
  }))
}

export type TwinStore = ReturnType<typeof createTwinStore>

/** The app's store instance. Tests create their own with createTwinStore(). */
export const twinStore = createTwinStore()
