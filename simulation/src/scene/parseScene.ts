/**
 * The one entry for scene data from outside (files, uploads): migrate, validate the shape,
 * then check what a schema cannot — that every reference points at something that exists and
 * that each device's unit matches its type. Every problem comes back with its path, so a site
 * author sees `devices[12].thresholds.high: …` rather than a stack trace.
 */
import { DEVICE_UNITS, SceneSchema, type Scene } from './sceneSchema'
import { migrateScene, SceneVersionError } from './migrate'

export type ParseSceneResult = { ok: true; scene: Scene } | { ok: false; errors: string[] }

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p)
  return out || '(root)'
}

export function parseScene(raw: unknown): ParseSceneResult {
  let migrated: unknown
  try {
    migrated = migrateScene(raw)
  } catch (e) {
    if (e instanceof SceneVersionError) return { ok: false, errors: [e.message] }
    throw e
  }
  const r = SceneSchema.safeParse(migrated)
  if (!r.success) return { ok: false, errors: r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) }
  const errors = crossCheck(r.data)
  return errors.length ? { ok: false, errors } : { ok: true, scene: r.data }
}

function crossCheck(s: Scene): string[] {
  const errors: string[] = []
  const seen = new Map<string, string>()
  const claim = (idv: string, path: string) => {
    const prev = seen.get(idv)
    if (prev) errors.push(`${path}.id: duplicate id "${idv}" (also at ${prev})`)
    else seen.set(idv, path)
  }
  const lists = [
    'enterprises',
    'buildings',
    'tanks',
    'units',
    'pipeRacks',
    'valves',
    'devices',
    'gates',
    'musterPoints',
    'fireStations',
    'sensitiveTargets',
    'zones',
    'uwbAnchors',
  ] as const
  for (const k of lists) (s[k] as { id: string }[]).forEach((x, i) => claim(x.id, `${k}[${i}]`))
  s.roads.features.forEach((f, i) => claim(f.properties.id, `roads.features[${i}].properties`))

  const enterprises = new Set(s.enterprises.map((e) => e.id))
  const checkEnt = (v: string | null, path: string) => {
    if (v !== null && !enterprises.has(v)) errors.push(`${path}.enterpriseId: unknown enterprise "${v}"`)
  }
  for (const k of ['buildings', 'tanks', 'units', 'pipeRacks', 'valves', 'devices', 'zones'] as const)
    (s[k] as { enterpriseId: string | null }[]).forEach((x, i) => checkEnt(x.enterpriseId, `${k}[${i}]`))

  const equipment = new Set([...s.tanks.map((t) => t.id), ...s.units.map((u) => u.id), ...s.pipeRacks.map((p) => p.id)])
  s.valves.forEach((v, i) => {
    v.isolates.forEach((t, j) => {
      if (!equipment.has(t)) errors.push(`valves[${i}].isolates[${j}]: unknown tank or unit "${t}"`)
    })
    if (v.pipeRackId && !s.pipeRacks.some((p) => p.id === v.pipeRackId))
      errors.push(`valves[${i}].pipeRackId: unknown pipe rack "${v.pipeRackId}"`)
  })
  s.tanks.forEach((t, i) => {
    if (t.inventory_kg > t.capacity_kg)
      errors.push(`tanks[${i}].inventory_kg: ${t.inventory_kg} exceeds capacity_kg ${t.capacity_kg}`)
  })

  const deviceIds = new Map(s.devices.map((d) => [d.id, d]))
  s.devices.forEach((d, i) => {
    const want = DEVICE_UNITS[d.type]
    if (d.unit !== want) errors.push(`devices[${i}].unit: a ${d.type} device reports in "${want}", not "${d.unit}"`)
    if (!(d.range.max > d.range.min)) errors.push(`devices[${i}].range.max: must be greater than range.min`)
    if ((d.type === 'gas_toxic' || d.type === 'gas_combustible') && !d.substance)
      errors.push(`devices[${i}].substance: a gas detector must name its target gas`)
    if (d.monitors && !equipment.has(d.monitors))
      errors.push(`devices[${i}].monitors: unknown equipment "${d.monitors}"`)
  })
  const met = s.metStation
  const wantMet: [keyof typeof met, string][] = [
    ['windSpeedDevice', 'wind_speed'],
    ['windDirectionDevice', 'wind_direction'],
    ['airTemperatureDevice', 'air_temperature'],
  ]
  for (const [k, type] of wantMet) {
    const d = deviceIds.get(met[k] as string)
    if (!d) errors.push(`metStation.${k}: unknown device "${met[k]}"`)
    else if (d.type !== type) errors.push(`metStation.${k}: device "${d.id}" is a ${d.type}, expected ${type}`)
  }
  errors.push(...crossCheckMineAndPersonnel(s, seen))
  return errors
}

/**
 * References of the underground part and of the personnel list (mineSchema.ts). `taken` holds
 * every id claimed so far: mine and personnel ids share the scene's one id space.
 */
function crossCheckMineAndPersonnel(s: Scene, taken: ReadonlyMap<string, string>): string[] {
  const errors: string[] = []
  const seen = new Map(taken)
  const claim = (idv: string, path: string) => {
    const prev = seen.get(idv)
    if (prev) errors.push(`${path}.id: duplicate id "${idv}" (also at ${prev})`)
    else seen.set(idv, path)
  }
  const zones = new Set(s.zones.map((z) => z.id))
  const checkZone = (v: string | undefined, path: string) => {
    if (v !== undefined && !zones.has(v)) errors.push(`${path}: unknown zone "${v}"`)
  }
  if (s.kind === 'mine' && !s.mine) errors.push('mine: a mine scene needs its roadways (mine.roadways)')
  if (s.mine) {
    const m = s.mine
    m.roadways.forEach((r, i) => {
      claim(r.id, `mine.roadways[${i}]`)
      for (let j = 1; j < r.centreLine.length; j++) {
        const a = r.centreLine[j - 1]
        const b = r.centreLine[j]
        if (a[0] === b[0] && a[1] === b[1] && a[2] === b[2])
          errors.push(`mine.roadways[${i}].centreLine[${j}]: repeats the previous point`)
      }
    })
    const roadways = new Set(m.roadways.map((r) => r.id))
    const checkRoadway = (v: string, path: string) => {
      if (!roadways.has(v)) errors.push(`${path}: unknown roadway "${v}"`)
    }
    m.workingFaces.forEach((f, i) => {
      claim(f.id, `mine.workingFaces[${i}]`)
      checkRoadway(f.roadwayId, `mine.workingFaces[${i}].roadwayId`)
      f.gateRoadwayIds.forEach((g, j) => checkRoadway(g, `mine.workingFaces[${i}].gateRoadwayIds[${j}]`))
      checkZone(f.zoneId, `mine.workingFaces[${i}].zoneId`)
    })
    m.refugeChambers.forEach((c, i) => {
      claim(c.id, `mine.refugeChambers[${i}]`)
      checkRoadway(c.roadwayId, `mine.refugeChambers[${i}].roadwayId`)
      checkZone(c.zoneId, `mine.refugeChambers[${i}].zoneId`)
    })
  }
  const enterprises = new Set(s.enterprises.map((e) => e.id))
  const tags = new Map<string, number>()
  s.personnel.forEach((p, i) => {
    claim(p.id, `personnel[${i}]`)
    if (p.enterpriseId !== undefined && !enterprises.has(p.enterpriseId))
      errors.push(`personnel[${i}].enterpriseId: unknown enterprise "${p.enterpriseId}"`)
    checkZone(p.workZoneId, `personnel[${i}].workZoneId`)
    const prev = tags.get(p.tagId)
    if (prev !== undefined) errors.push(`personnel[${i}].tagId: tag "${p.tagId}" is already worn by personnel[${prev}]`)
    else tags.set(p.tagId, i)
  })
  return errors
}

/** Parse or throw one Error whose message lists every problem (used at start-up). */
export function parseSceneOrThrow(raw: unknown, where: string): Scene {
  const r = parseScene(raw)
  if (!r.ok) throw new Error(`${where}: invalid scene\n  ${r.errors.join('\n  ')}`)
  return r.scene
}
