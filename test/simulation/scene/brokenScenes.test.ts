/**
 * A catalogue of broken scenes: each is the demo park with one thing wrong, and each must be
 * refused with an error that starts with the path of the bad field, so a site author can find it.
 */
import { describe, expect, it } from 'vitest'
import { parseScene, parseSceneOrThrow } from '@sim/scene/parseScene'
import { SCENE_VERSION } from '@sim/scene/sceneSchema'
import { loadDemoParkRaw, type SceneFile } from './sceneGeometry'

/** Lets a mutation write values the file type forbids: that is the point of the catalogue. */
const loose = (x: unknown) => x as Record<string, unknown>

const base = loadDemoParkRaw()
const idx = {
  toxic: base.devices.findIndex((d) => d.type === 'gas_toxic'),
  combustible: base.devices.findIndex((d) => d.type === 'gas_combustible'),
  pressure: base.devices.findIndex((d) => d.type === 'pressure'),
  windSpeed: base.devices.findIndex((d) => d.type === 'wind_speed'),
}

interface Case {
  name: string
  mutate: (s: SceneFile) => void
  /** The error must start with `${path}:`. */
  path: string
  /** And mention this, so the message says what is wrong, not only where. */
  says?: RegExp
}

const CASES: Case[] = [
  {
    name: 'a toxic detector reporting in mg/m³',
    mutate: (s) => void (s.devices[idx.toxic].unit = 'mg/m3'),
    path: `devices[${idx.toxic}].unit`,
    says: /ppm/,
  },
  {
    name: 'a pressure transmitter in bar',
    mutate: (s) => void (s.devices[idx.pressure].unit = 'bar'),
    path: `devices[${idx.pressure}].unit`,
    says: /kPa/,
  },
  {
    name: 'a tank owned by an unknown enterprise',
    mutate: (s) => void (s.tanks![0].enterpriseId = 'acme-chemicals'),
    path: 'tanks[0].enterpriseId',
    says: /acme-chemicals/,
  },
  {
    name: 'a device owned by an unknown enterprise',
    mutate: (s) => void (s.devices[5].enterpriseId = 'nobody'),
    path: 'devices[5].enterpriseId',
  },
  {
    name: 'two devices with one id',
    mutate: (s) => void (s.devices[1].id = s.devices[0].id),
    path: 'devices[1].id',
    says: /duplicate/,
  },
  {
    name: 'a unit reusing a tank id',
    mutate: (s) => void (s.units![2].id = s.tanks![0].id),
    path: 'units[2].id',
    says: /duplicate.*tanks\[0\]/,
  },
  {
    name: 'a tank at latitude 95',
    mutate: (s) => void (s.tanks![2].position[1] = 95),
    path: 'tanks[2].position[1]',
    says: /latitude/,
  },
  {
    name: 'a boundary corner at longitude 200',
    mutate: (s) => void (s.boundary[1][0] = 200),
    path: 'boundary[1][0]',
    says: /longitude/,
  },
  {
    name: 'more inventory than capacity',
    mutate: (s) => void (s.tanks![3].inventory_kg = s.tanks![3].capacity_kg + 1),
    path: 'tanks[3].inventory_kg',
    says: /exceeds capacity/,
  },
  {
    name: 'negative inventory',
    mutate: (s) => void (s.tanks![0].inventory_kg = -1),
    path: 'tanks[0].inventory_kg',
  },
  {
    name: 'the met station’s wind-speed device missing',
    mutate: (s) => void s.devices.splice(idx.windSpeed, 1),
    path: 'metStation.windSpeedDevice',
    says: /unknown device "MET-WS"/,
  },
  {
    name: 'the met station pointing wind direction at the anemometer',
    mutate: (s) => void (s.metStation.windDirectionDevice = 'MET-WS'),
    path: 'metStation.windDirectionDevice',
    says: /expected wind_direction/,
  },
  {
    name: 'no met station at all',
    mutate: (s) => void delete loose(s).metStation,
    path: 'metStation',
  },
  {
    name: 'thresholds out of order',
    mutate: (s) => void (s.devices[idx.combustible].thresholds = { high: 50, highHigh: 25 }),
    path: `devices[${idx.combustible}].thresholds.highHigh`,
    says: /greater than high/,
  },
  {
    name: 'a transmitter band with low above high',
    mutate: (s) => void (s.devices[idx.pressure].thresholds = { lowLow: 1, low: 900, high: 800, highHigh: 1000 }),
    path: `devices[${idx.pressure}].thresholds.high`,
  },
  {
    name: 'a range whose max is below its min',
    mutate: (s) => void (s.devices[idx.toxic].range = { min: 10, max: 0 }),
    path: `devices[${idx.toxic}].range.max`,
  },
  {
    name: 'a gas detector that does not say which gas',
    mutate: (s) => void delete s.devices[idx.toxic].substance,
    path: `devices[${idx.toxic}].substance`,
  },
  {
    name: 'an unknown device type',
    mutate: (s) => void (loose(s.devices[0]).type = 'gas_magic'),
    path: 'devices[0].type',
  },
  {
    name: 'a transmitter monitoring equipment that does not exist',
    mutate: (s) => void (s.devices[idx.pressure].monitors = 'XX-T999'),
    path: `devices[${idx.pressure}].monitors`,
  },
  {
    name: 'a valve isolating a tank that does not exist',
    mutate: (s) => void (s.valves![0].isolates = ['XX-T999']),
    path: 'valves[0].isolates[0]',
    says: /XX-T999/,
  },
  {
    name: 'a valve that isolates nothing',
    mutate: (s) => void (s.valves![0].isolates = []),
    path: 'valves[0].isolates',
  },
  {
    name: 'a valve on an unknown pipe rack',
    mutate: (s) => void (s.valves![0].pipeRackId = 'PR-404'),
    path: 'valves[0].pipeRackId',
  },
  {
    name: 'a road with a single point',
    mutate: (s) => void (s.roads.features[0].geometry.coordinates = [s.roads.features[0].geometry.coordinates[0]]),
    path: 'roads.features[0].geometry.coordinates',
  },
  {
    name: 'a road of an unknown class',
    mutate: (s) => void (loose(s.roads.features[3].properties).class = 'motorway'),
    path: 'roads.features[3].properties.class',
  },
  {
    name: 'a zone polygon with two corners',
    mutate: (s) => void (s.zones![0].polygon = s.zones![0].polygon.slice(0, 2)),
    path: 'zones[0].polygon',
    says: /3 corners/,
  },
  {
    name: 'an id with a space in it',
    mutate: (s) => void (s.tanks![0].id = 'tank #1'),
    path: 'tanks[0].id',
  },
  {
    name: 'an enterprise name without Chinese',
    mutate: (s) => void delete loose(s.enterprises![0].name).zh,
    path: 'enterprises[0].name.zh',
  },
  {
    name: 'a sensitive target with a fractional population',
    mutate: (s) => void (s.sensitiveTargets![0].population = 12.5),
    path: 'sensitiveTargets[0].population',
  },
  {
    name: 'a version from the future',
    mutate: (s) => void (loose(s).version = SCENE_VERSION + 98),
    path: 'version',
    says: /newer than this software/,
  },
  {
    name: 'a version written as a string',
    mutate: (s) => void (loose(s).version = '1'),
    path: 'version',
  },
  {
    name: 'no version at all',
    mutate: (s) => void delete loose(s).version,
    path: 'version',
  },
]

describe('broken scenes are refused with the path of the bad field', () => {
  it('the unbroken demo scene is accepted (so every failure below is the mutation’s)', () => {
    expect(parseScene(loadDemoParkRaw()).ok).toBe(true)
  })

  it.each(CASES)('$name → $path', ({ mutate, path, says }) => {
    const s = loadDemoParkRaw()
    mutate(s)
    const r = parseScene(s)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const hit = r.errors.find((e) => e.startsWith(`${path}:`))
    expect(hit, `errors were:\n${r.errors.join('\n')}`).toBeDefined()
    if (says) expect(hit).toMatch(says)
  })

  it('reports every problem at once, not only the first', () => {
    const s = loadDemoParkRaw()
    s.tanks![0].enterpriseId = 'nobody'
    s.devices[idx.toxic].unit = 'mg/m3'
    s.valves![1].isolates = ['XX-T999']
    const r = parseScene(s)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.length).toBeGreaterThanOrEqual(3)
  })

  it('refuses things that are not scenes at all', () => {
    for (const raw of [null, 42, 'scene', [], {}]) {
      const r = parseScene(raw)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors[0]).toMatch(/^[^:]+: /)
    }
  })

  it('names the file and the field when start-up refuses a scene', () => {
    const s = loadDemoParkRaw()
    s.tanks![2].position[1] = 95
    expect(() => parseSceneOrThrow(s, 'scenes/demo-park/scene.json')).toThrow(
      /scenes\/demo-park\/scene\.json: invalid scene\n\s+tanks\[2\]\.position\[1\]: latitude/,
    )
  })
})

describe('scene versions', () => {
  it('migrates a version-0 file (origin as [lng, lat], no timezone) to the current version', () => {
    const v0 = loose(loadDemoParkRaw())
    const { lng, lat } = base.origin
    v0.version = 0
    v0.origin = [lng, lat]
    delete v0.timezone
    const r = parseScene(v0)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.scene.version).toBe(SCENE_VERSION)
    expect(r.scene.origin).toEqual({ lng, lat, alt_m: 0 })
    expect(r.scene.timezone).toBe('Asia/Shanghai')
  })

  it('still validates a migrated file: a version-0 file with a bad field names that field', () => {
    const v0 = loose(loadDemoParkRaw())
    v0.version = 0
    ;(v0.tanks as { inventory_kg: number }[])[1].inventory_kg = -5
    const r = parseScene(v0)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.some((e) => e.startsWith('tanks[1].inventory_kg:'))).toBe(true)
  })

  it('refuses a negative version with a message naming the version', () => {
    const r = parseScene({ ...loadDemoParkRaw(), version: -1 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]).toMatch(/^version: /)
  })
})
