import type { zhCN } from './zh-CN'

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }

/** English; typed against zh-CN so a key missing here fails the type check. */
export const en: Strings<typeof zhCN> = {
  app: {
    title: 'SafeTwin Park Digital-Twin Command Center',
    loading: 'Loading scene…',
    sceneError: 'Scene failed to load: {{message}}',
    noScene: 'No park scene is available on the server',
  },
  status: {
    connection: 'Link',
    connecting: 'Connecting',
    live: 'Live',
    reconnecting: 'Reconnecting',
    refused: 'Refused: protocol mismatch',
    refusedHint: 'Reload the page to load the new version',
    error: 'Connection error',
    serverClock: 'Server time',
    readingsPerSecond: 'Readings/s',
    frames: 'Frames',
    devices: 'Devices',
    drill: 'DRILL',
  },
  legend: {
    normal: 'Normal',
    high: 'High alarm',
    highHigh: 'High-high alarm',
    noData: 'No data',
    fault: 'Fault',
  },
  language: { toggle: '中文', label: 'Switch to Chinese' },
}
