/**
 * Which device the operator is looking at (clicked in 3D or on an alarm line). Selecting one
 * points the trend ring at it, so the socket bridge starts recording its samples.
 */
import type { StateCreator } from 'zustand/vanilla'
import { selectTrendDevice } from './trendRing'
import type { TwinState } from './twinStore'

export interface SelectionSlice {
  selectedDevice: string | null
  selectDevice: (deviceId: string | null) => void
}

export const createSelectionSlice: StateCreator<TwinState, [], [], SelectionSlice> = (set, get) => ({
  selectedDevice: null,
  selectDevice: (deviceId) => {
    const { scene, trend, selectedDevice } = get()
    const index = deviceId === null ? -1 : (scene?.resolved.deviceIndex.get(deviceId) ?? -1)
    const id = index >= 0 ? deviceId : null
    if (id === selectedDevice) return
    if (trend) selectTrendDevice(trend, index)
    set({ selectedDevice: id })
  },
})
