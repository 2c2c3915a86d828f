/**
 * Live or replay. The replay's discrete facts (window, markers, chain check, playing, speed) are
 * here; its position moves continuously and lives in the telemetry buffer's `lastT` (replay frames
 * are stamped with it), painted by the replay bar through refs.
 */
import type { ReplayOpened } from '@sim/protocol/events'
import type { StateCreator } from 'zustand/vanilla'
import type { TwinState } from './twinStore'

export type ScreenMode = 'live' | 'opening' | 'replay'

export interface ReplayInfo {
  sessionId: string
  from: number
  to: number
  speeds: number[]
  markers: ReplayOpened['markers']
  chain: ReplayOpened['chain']
  playing: boolean
  speed: number
}

export interface ReplayApi {
  open(): Promise<void>
  close(): Promise<void>
  play(): void
  pause(): void
  seek(t: number): void
  speed(speed: number): void
  nextEvent(): void
}

export interface ReplaySlice {
  mode: ScreenMode
  replay: ReplayInfo | null
  replayApi: ReplayApi | null
  replayError: string | null
  setMode: (mode: ScreenMode) => void
  setReplay: (replay: ReplayInfo | null) => void
  patchReplay: (patch: Partial<Pick<ReplayInfo, 'playing' | 'speed'>>) => void
  setReplayApi: (api: ReplayApi | null) => void
  setReplayError: (message: string | null) => void
}

export const createReplaySlice: StateCreator<TwinState, [], [], ReplaySlice> = (set, get) => ({
  mode: 'live',
  replay: null,
  replayApi: null,
  replayError: null,
  setMode: (mode) => set({ mode }),
  setReplay: (replay) => set({ replay }),
  patchReplay: (patch) => {
    const r = get().replay
    if (!r) return
    if ((patch.playing ?? r.playing) === r.playing && (patch.speed ?? r.speed) === r.speed) return
    set({ replay: { ...r, ...patch } })
  },
  setReplayApi: (replayApi) => set({ replayApi }),
  setReplayError: (replayError) => set({ replayError }),
})
