/**
 * Colours of the static park on the dark command-hall theme. Structures stay in cool greys and
 * blues so that the sensor colours (green / amber / red / magenta) are the only saturated
 * warm-or-alarm hues on screen.
 */
export const PARK_COLORS = {
  background: '#060a10',
  ground: '#0c141e',
  grid: '#16263a',
  boundary: '#4cc3ff',
  road: { arterial: '#3a4a5e', local: '#324256', access: '#2b394a', external: '#2e3b4c' },
  roadLine: '#8ea3bd',
  tank: '#cfd9e4',
  pressureSphere: '#e6edf5',
  pipeRack: '#b7863f',
  unit: { running: '#8fa6bf', standby: '#66788c', shutdown: '#444f5c' },
  building: {
    control_room: '#5d7fa6',
    office: '#4c6582',
    workshop: '#56687c',
    warehouse: '#5a6170',
    lab: '#5a7590',
    substation: '#7a6f4a',
    canteen: '#506072',
    // Not red: red on this screen means a level-2 alarm.
    fire_station: '#7d5a8c',
    gatehouse: '#607085',
    other: '#55606e',
  },
} as const

/** One hue per enterprise for fences and plant-area tints (blue–violet family, no alarm hues). */
export const ENTERPRISE_HUES = ['#3b82f6', '#a78bfa', '#38bdf8', '#818cf8', '#60a5fa', '#c084fc', '#7dd3fc', '#93c5fd']

export function enterpriseHue(index: number): string {
  return ENTERPRISE_HUES[index % ENTERPRISE_HUES.length]
}

/** Road widths by class, m (carriageway, as drawn). */
export const ROAD_WIDTH_M = { arterial: 16, local: 10, access: 7, external: 14 } as const
