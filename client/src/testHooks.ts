/**
 * `window.__safetwin`: the few numbers end-to-end tests (and an operator with devtools) wait on.
 * Counters are plain fields written where the event happens (a render, a frame), never React
 * state; the functions are filled in by the components that own the data.
 */
import type { PeopleHookView } from './people/peopleHookView'

export interface RenderStats {
  calls: number
  triangles: number
  points: number
  lines: number
  geometries: number
  textures: number
}

export interface SensorSample {
  id: string
  value: number
  status: number
  level: string
  /** Instance colour as sRGB hex, read back from the instanceColor attribute. */
  color: string
}

export interface SensorColorSample {
  /** Devices per level name (normal, high, highHigh, noData, fault). */
  counts: Record<string, number>
  /** The first devices in scene order. */
  devices: SensorSample[]
  /** Version of the telemetry drawn into the colours (frames applied). */
  drawnVersion: number
}

export interface AlarmHookView {
  seq: number
  lines: { id: string; deviceId: string; severity: string; state: string; children: number }[]
  shelved: string[]
  redUnacked: string[]
}

export interface SirenHookView {
  /** The red frame is shown. */
  flashing: boolean
  /** The state machine wants the tone (alarm, not muted, audio unlocked). */
  sounding: boolean
  /** The oscillator is actually running. */
  playing: boolean
  muted: boolean
  audioUnlocked: boolean
}

export interface PlumeHookView {
  /** A cloud is known (store). */
  active: boolean
  version: number
  heatmapVersion: number
  heatmapVisible: boolean
  litCells: number
  zonesVersion: number
  /** Ribbon vertices per level (AEGL-1, -2, -3). */
  zoneVertices: number[]
  windVisible: boolean
  zones: { label: string; maxDistance_m: number }[]
}

export interface IncidentHookView {
  id: string
  tier: string
  level: number
  status: string
  steps: { id: string; tier: string; kind: string; status: string; overdue: boolean }[]
  milestones: Record<string, number | null>
}

export interface ReplayHookView {
  mode: string
  sessionId: string | null
  position: number
  from: number
  to: number
  playing: boolean
  speed: number
  chainOk: boolean | null
  markers: number
}

export interface SafeTwinTestHooks {
  /** Incremented in useFrame: proves the canvas is rendering. */
  renderFrames: number
  /** Telemetry frames received from the socket since the page loaded. */
  framesReceived: number
  lastSeq: number
  deviceCount: number
  sceneId: string | null
  connection: string
  renderer: () => RenderStats | null
  sensorColorSample: (count?: number) => SensorColorSample | null
  alarms: () => AlarmHookView | null
  siren: () => SirenHookView | null
  /** The selected device and how many trend samples its ring holds. */
  trend: () => { device: string | null; count: number; version: number } | null
  /** Where a device is drawn on the page (CSS px), for clicking it; null when off screen. */
  projectDevice: (deviceId: string) => { x: number; y: number } | null
  plume: () => PlumeHookView | null
  incidents: () => IncidentHookView[]
  replay: () => ReplayHookView | null
  /** Replay position (ms), set by the replay controller. */
  replayPosition: () => number
  /** Page coordinates of a scene point (local metres e, n, height), for clicking or sampling pixels. */
  projectLocal: (e: number, n: number, h?: number) => { x: number; y: number } | null
  /** Tracked people as drawn (PeopleInstances). */
  people: () => PeopleHookView | null
}

declare global {
  interface Window {
    __safetwin: SafeTwinTestHooks
  }
}

export const testHooks: SafeTwinTestHooks = {
  renderFrames: 0,
  framesReceived: 0,
  lastSeq: -1,
  deviceCount: 0,
  sceneId: null,
  connection: 'idle',
  renderer: () => null,
  sensorColorSample: () => null,
  alarms: () => null,
  siren: () => null,
  trend: () => null,
  projectDevice: () => null,
  plume: () => null,
  incidents: () => [],
  replay: () => null,
  replayPosition: () => NaN,
  projectLocal: () => null,
  people: () => null,
}

export function installTestHooks(): void {
  window.__safetwin = testHooks
}
