/**
 * A small valid scene built in code, for server and kernel tests that must not depend on the
 * demo park's exact contents. `n` gas detectors on a grid inside one enterprise.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { toLngLat } from '@sim/geo/frames'
import type { Scene } from '@sim/scene/sceneSchema'

const origin = { lng: 120.5, lat: 32.0, alt_m: 0 }
const ll = (e: number, n: number) => toLngLat(origin, e, n) as [number, number]

export function tinyScene(n = 20, id = 'tiny'): Scene {
  const side = Math.ceil(Math.sqrt(n))
  const gas = Array.from({ length: n }, (_, i) => ({
    id: `gd-${i}`,
    enterpriseId: 'ent-a',
    type: 'gas_combustible' as const,
    position: ll(10 + (i % side) * 5, 10 + Math.floor(i / side) * 5),
    height_m: 0.5,
    substance: 'CH4',
    unit: '%LEL',
    range: { min: 0, max: 100 },
    thresholds: { high: 25, highHigh: 50 },
  }))
  return {
    version: 1,
    id,
    kind: 'park',
    name: { zh: '测试园区', en: 'Test park' },
    origin,
    timezone: 'Asia/Shanghai',
    boundary: [ll(-100, -100), ll(300, -100), ll(300, 300), ll(-100, 300)],
    enterprises: [
      { id: 'ent-a', name: { zh: '甲公司', en: 'A Co' }, fence: [ll(0, 0), ll(200, 0), ll(200, 200), ll(0, 200)] },
    ],
    buildings: [],
    tanks: [],
    units: [],
    pipeRacks: [],
    valves: [],
    devices: [
      ...gas,
      {
        id: 'met-ws',
        enterpriseId: null,
        type: 'wind_speed',
        position: ll(-50, -50),
        height_m: 10,
        unit: 'm/s',
        range: { min: 0, max: 60 },
        thresholds: {},
      },
      {
        id: 'met-wd',
        enterpriseId: null,
        type: 'wind_direction',
        position: ll(-50, -50),
        height_m: 10,
        unit: 'deg',
        range: { min: 0, max: 360 },
        thresholds: {},
      },
      {
        id: 'met-t',
        enterpriseId: null,
        type: 'air_temperature',
        position: ll(-50, -50),
        height_m: 2,
        unit: 'degC',
        range: { min: -40, max: 60 },
        thresholds: {},
      },
    ],
    metStation: {
      id: 'met',
      position: ll(-50, -50),
      height_m: 10,
      windSpeedDevice: 'met-ws',
      windDirectionDevice: 'met-wd',
      airTemperatureDevice: 'met-t',
    },
    roads: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'r1', class: 'arterial', speed_kmh: 40, oneway: false },
          geometry: { type: 'LineString', coordinates: [ll(-100, 100), ll(300, 100)] },
        },
      ],
    },
    gates: [],
    musterPoints: [],
    fireStations: [],
    sensitiveTargets: [],
    zones: [],
    uwbAnchors: [],
    personnel: [],
  } as Scene
}

/** Write scenes into a fresh temporary scenes directory and return its path. */
export function writeScenesDir(...scenes: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'safetwin-scenes-'))
  scenes.forEach((s, i) => {
    const id = (s as { id?: string }).id ?? `scene-${i}`
    mkdirSync(join(dir, id))
    writeFileSync(join(dir, id, 'scene.json'), JSON.stringify(s, null, 1))
  })
  return dir
}
