import { useStore } from 'zustand'
import { twinStore, type TwinState } from './twinStore'

/**
 * React binding of the vanilla store. Select one primitive (or a stable reference) per call;
 * never select per-frame data here — read `twinStore.getState().telemetry` inside `useFrame`.
 */
export function useTwinStore<T>(selector: (s: TwinState) => T): T {
  return useStore(twinStore, selector)
}
