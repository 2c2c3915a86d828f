/**
 * Writes scenes/demo-mine/scene.json: the Hongshiliang coal mine (红石梁煤矿), a fictional
 * underground longwall mine in Shuozhou, northern Shanxi. The scene is data committed to the
 * repository; this script is how it was made and how to change it:
 *
 *   npx tsx server/src/tools/generateDemoMine.ts          write the file
 *   npx tsx server/src/tools/generateDemoMine.ts --check  exit 1 if the committed file is stale
 *
 * Layout (local metres east/north of the main shaft collar; the No. 4 seam ~385 m below, dipping
 * gently east): three vertical shafts (main skip, auxiliary cage, return), three main roadways
 * (track, belt, return) running 1.3 km east, crosscuts, the 4101 retreating longwall panel (two
 * gateroads 200 m apart, the face 1 km north of the mains, goaf behind it), the 4102 development
 * heading, a sealed old roadway, a permanent and a temporary refuge chamber. U-type ventilation:
 * fresh air down the main and auxiliary shafts, along the mains and the haulage gate, across the
 * face, back along the return gate and the return main to the return shaft.
 *
 * Gas detectors: the scene schema fixes combustible gas to %LEL, coal-mine CH4 rules are in % vol.
 * CH4's LEL is 5 % vol, so 1 % vol = 20 %LEL: the 煤矿安全规程 limits map to alarm (high) 1.0 % =
 * 20 %LEL and power-off (highHigh) 1.5 % = 30 %LEL; the 0–4 % vol instrument range is 0–80 %LEL.
 * CO: 24 ppm (0.0024 %) is the rules' limit; 50 ppm is our second level.
 *
 * Deterministic: the only randomness (names, small offsets of nominal readings) comes from a
 * seeded createRng.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import type { z } from 'zod'
import { createRng } from '@sim/core/rng'
import { toLngLat } from '@sim/geo/frames'
import type { SceneSchema } from '@sim/scene/sceneSchema'
import type { Person, PersonRole, RoadwayKind } from '@sim/scene/mineSchema'
import { demoNames } from '@sim/people/demoPersonnel'

type SceneInput = z.input<typeof SceneSchema>
type DeviceInput = SceneInput['devices'][number]
type ZoneInput = NonNullable<SceneInput['zones']>[number]

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const DEMO_MINE_FILE = resolve(ROOT, 'scenes/demo-mine/scene.json')
const SEED = 'demo-mine:hongshiliang'
const ORIGIN = { lng: 112.3862, lat: 39.2147, alt_m: 1382 }
const ENT = 'hongshiliang-coal'
/** UWB anchor spacing along every roadway (the customer's rule: one per ≤ 50 m). */
export const ANCHOR_SPACING_M = 40

type P2 = readonly [e: number, n: number]
type P3 = readonly [e: number, n: number, u: number]

/** Height of the No. 4 seam floor (m relative to the datum): dips ~1.4° east, rises slightly north. */
const seam = (e: number, n: number) => Math.round((-385 - 0.025 * e + 0.006 * n) * 100) / 100
const s3 = (e: number, n: number): P3 => [e, n, seam(e, n)]

const ll = (p: P2): [number, number] => {
  const [lng, lat] = toLngLat(ORIGIN, p[0], p[1])
  return [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]
}
const ll3 = (p: P3): [number, number, number] => [...ll([p[0], p[1]]), Math.round(p[2] * 100) / 100]
const rectRing = (e0: number, n0: number, e1: number, n1: number) => [
  ll([e0, n0]),
  ll([e1, n0]),
  ll([e1, n1]),
  ll([e0, n1]),
]

interface RoadwaySpec {
  id: string
  zh: string
  en: string
  kind: RoadwayKind
  line: P3[]
  w: number
  h: number
  shape: 'arch' | 'rect' | 'circle'
  /** Air direction along the line, speed, role; omitted = no through-ventilation. */
  vent?: [1 | -1, number, 'intake' | 'return' | 'auxiliary']
  geology: number
  sealed?: boolean
}

const shaft = (id: string, zh: string, en: string, at: P2, d: number, vent: RoadwaySpec['vent']): RoadwaySpec => ({
  id,
  zh,
  en,
  kind: 'shaft',
  line: [[at[0], at[1], 0], s3(at[0], at[1])],
  w: d,
  h: d,
  shape: 'circle',
  vent,
  geology: 0.1,
})
const flat = (pts: P2[]): P3[] => pts.map(([e, n]) => s3(e, n))

export const ROADWAYS: RoadwaySpec[] = [
  shaft('RW-MS', '主立井', 'Main (skip) shaft', [0, -30], 5.5, [1, 4, 'intake']),
  shaft('RW-AS', '副立井', 'Auxiliary (cage) shaft', [60, 0], 7, [1, 5, 'intake']),
  shaft('RW-RS', '回风立井', 'Return shaft', [-60, 40], 6, [-1, 9, 'return']),
  {
    id: 'RW-TM',
    zh: '辅助运输大巷',
    en: 'Track main roadway',
    kind: 'main',
    line: flat([
      [60, 0],
      [250, 0],
      [300, 0],
      [700, 0],
      [1150, 0],
      [1200, 0],
      [1300, 0],
    ]),
    w: 5.2,
    h: 4.2,
    shape: 'arch',
    vent: [1, 2.8, 'intake'],
    geology: 0.05,
  },
  {
    id: 'RW-BM',
    zh: '带式输送机大巷',
    en: 'Belt main roadway',
    kind: 'main',
    line: flat([
      [0, -30],
      [60, -30],
      [300, -30],
      [700, -30],
      [1150, -30],
      [1200, -30],
    ]),
    w: 5.0,
    h: 4.0,
    shape: 'arch',
    vent: [1, 2.0, 'intake'],
    geology: 0.05,
  },
  {
    id: 'RW-RM',
    zh: '回风大巷',
    en: 'Return main roadway',
    kind: 'main',
    line: flat([
      [-60, 40],
      [300, 40],
      [400, 40],
      [700, 40],
      [900, 40],
      [1150, 40],
      [1200, 40],
    ]),
    w: 5.2,
    h: 4.2,
    shape: 'arch',
    vent: [-1, 4.5, 'return'],
    geology: 0.05,
  },
  {
    id: 'RW-XC0',
    zh: '井底车场联络巷',
    en: 'Pit-bottom crosscut',
    kind: 'crosscut',
    line: flat([
      [60, 0],
      [60, -30],
    ]),
    w: 4.5,
    h: 3.6,
    shape: 'arch',
    geology: 0.05,
  },
  {
    id: 'RW-XC1',
    zh: '1号联络巷',
    en: 'Crosscut No. 1',
    kind: 'crosscut',
    line: flat([
      [300, -30],
      [300, 0],
      [300, 40],
    ]),
    w: 4.2,
    h: 3.4,
    shape: 'arch',
    vent: [1, 0.4, 'intake'],
    geology: 0.05,
  },
  {
    id: 'RW-XC2',
    zh: '2号联络巷',
    en: 'Crosscut No. 2',
    kind: 'crosscut',
    line: flat([
      [1200, -30],
      [1200, 0],
      [1200, 40],
    ]),
    w: 4.2,
    h: 3.4,
    shape: 'arch',
    vent: [1, 0.4, 'intake'],
    geology: 0.05,
  },
  {
    id: 'RW-4101-HG',
    zh: '4101运输顺槽',
    en: '4101 haulage gate',
    kind: 'panel',
    // Crosses the track and return mains on its way north (an overcast in reality; a junction here).
    line: flat([
      [700, -30],
      [700, 0],
      [700, 40],
      [700, 500],
      [700, 1000],
    ]),
    w: 5.0,
    h: 3.6,
    shape: 'rect',
    vent: [1, 2.2, 'intake'],
    geology: 0.2,
  },
  {
    id: 'RW-4101-RG',
    zh: '4101回风顺槽',
    en: '4101 return gate',
    kind: 'panel',
    line: flat([
      [900, 40],
      [900, 1000],
    ]),
    w: 5.0,
    h: 3.6,
    shape: 'rect',
    vent: [-1, 2.3, 'return'],
    geology: 0.3,
  },
  {
    id: 'RW-4101-FACE',
    zh: '4101综采工作面',
    en: '4101 longwall face',
    kind: 'face',
    line: flat([
      [700, 1000],
      [900, 1000],
    ]),
    w: 6.0,
    h: 3.5,
    shape: 'rect',
    vent: [1, 1.8, 'intake'],
    geology: 0.4,
  },
  {
    id: 'RW-4102-HD',
    zh: '4102运输顺槽掘进巷',
    en: '4102 haulage gate heading',
    kind: 'panel',
    line: flat([
      [1150, -30],
      [1150, 0],
      [1150, 40],
      [1150, 400],
    ]),
    w: 5.0,
    h: 3.6,
    shape: 'rect',
    vent: [1, 0.6, 'auxiliary'],
    geology: 0.35,
  },
  {
    id: 'RW-4103-OLD',
    zh: '4103废弃巷道(已密闭)',
    en: '4103 abandoned roadway (sealed)',
    kind: 'panel',
    line: flat([
      [400, 40],
      [400, 220],
    ]),
    w: 4.5,
    h: 3.2,
    shape: 'rect',
    geology: 0.7,
    sealed: true,
  },
  {
    id: 'RW-RC1-ACC',
    zh: '永久避难硐室通道',
    en: 'Permanent refuge chamber access',
    kind: 'refuge_access',
    line: flat([
      [250, 0],
      [250, 18],
    ]),
    w: 3.0,
    h: 3.0,
    shape: 'arch',
    geology: 0.05,
  },
  {
    id: 'RW-RC2-ACC',
    zh: '4101临时避难硐室通道',
    en: '4101 temporary refuge chamber access',
    kind: 'refuge_access',
    line: flat([
      [700, 500],
      [720, 500],
    ]),
    w: 3.0,
    h: 3.0,
    shape: 'arch',
    geology: 0.1,
  },
]

const zone = (
  id: string,
  zh: string,
  en: string,
  kind: ZoneInput['kind'],
  r: [number, number, number, number],
  maxStay_s?: number,
): ZoneInput => ({
  id,
  name: { zh, en },
  kind,
  enterpriseId: ENT,
  polygon: rectRing(...r),
  ...(maxStay_s ? { maxStay_s } : {}),
})

const SHIFT_S = 8.5 * 3600
const ZONES: ZoneInput[] = [
  zone('Z-PB', '井底车场', 'Pit bottom', 'production', [-75, -45, 120, 50]),
  zone('Z-MAINS', '大巷区域', 'Main roadways', 'production', [120, -45, 1320, 50]),
  zone('Z-WF-4101', '4101综采工作面', '4101 longwall face', 'working_face', [690, 992, 910, 1006], SHIFT_S),
  zone('Z-UC-4101', '4101上隅角', '4101 upper corner', 'hazardous', [880, 960, 906, 1006], 1200),
  zone('Z-GOAF-4101', '4101采空区边缘', '4101 goaf edge', 'restricted', [690, 1006, 910, 1030]),
  zone('Z-HG-4101', '4101运输顺槽', '4101 haulage gate', 'production', [694, 50, 706, 992]),
  zone('Z-RG-4101', '4101回风顺槽', '4101 return gate', 'production', [894, 50, 906, 960]),
  zone('Z-HD-4102', '4102掘进工作面', '4102 development heading', 'working_face', [1140, 330, 1160, 406], SHIFT_S),
  zone('Z-SEAL-4103', '4103密闭区', '4103 sealed area', 'restricted', [392, 48, 408, 226]),
  zone('Z-RC1', '永久避难硐室', 'Permanent refuge chamber', 'office', [240, 6, 262, 30]),
  zone('Z-RC2', '4101临时避难硐室', '4101 temporary refuge chamber', 'office', [704, 492, 730, 508]),
]

/** Devices hang 0.3 m below the roof on the roadway centre line. */
const roofHeight = (id: string, e: number, n: number) => {
  const r = ROADWAYS.find((x) => x.id === id)
  if (!r) throw new Error(`no roadway ${id}`)
  return Math.round((seam(e, n) + r.h - 0.3) * 100) / 100
}

export function buildDemoMine(): SceneInput {
  const rng = createRng(SEED)
  const devices: DeviceInput[] = []
  const nominalRng = rng.fork('nominal')
  const jitter = (x: number) => Math.round(x * (1 + 0.06 * (nominalRng.next() - 0.5)) * 100) / 100
  const dev = (
    id: string,
    type: DeviceInput['type'],
    zh: string,
    en: string,
    roadway: string,
    at: P2,
    extra: Pick<DeviceInput, 'unit' | 'range' | 'thresholds' | 'nominal' | 'substance'>,
  ) =>
    devices.push({
      id,
      enterpriseId: ENT,
      type,
      name: { zh, en },
      position: ll(at),
      height_m: roofHeight(roadway, at[0], at[1]),
      ...extra,
    })
  // CH4 (see the header: %LEL = 20 × % vol).
  const ch4 = (id: string, zh: string, en: string, roadway: string, at: P2, pctVol: number) =>
    dev(id, 'gas_combustible', `${zh}甲烷传感器`, `${en} CH4 sensor`, roadway, at, {
      substance: 'CH4',
      unit: '%LEL',
      range: { min: 0, max: 80 },
      thresholds: { high: 20, highHigh: 30 },
      nominal: jitter(pctVol * 20),
    })
  ch4('CH4-4101-T0', '4101上隅角', '4101 upper corner', 'RW-4101-FACE', [897, 1000], 0.5)
  ch4('CH4-4101-T1', '4101工作面', '4101 face', 'RW-4101-FACE', [890, 1000], 0.35)
  ch4('CH4-4101-T2', '4101回风顺槽(距工作面12m)', '4101 return gate (12 m from face)', 'RW-4101-RG', [900, 988], 0.3)
  ch4(
    'CH4-4101-T3',
    '4101回风顺槽(距回风大巷15m)',
    '4101 return gate (15 m from return main)',
    'RW-4101-RG',
    [900, 55],
    0.25,
  )
  ch4('CH4-4101-HG', '4101运输顺槽', '4101 haulage gate', 'RW-4101-HG', [700, 980], 0.05)
  ch4('CH4-4102-T1', '4102掘进工作面', '4102 heading face', 'RW-4102-HD', [1150, 395], 0.3)
  ch4('CH4-4102-T2', '4102掘进回风流', '4102 heading return air', 'RW-4102-HD', [1150, 60], 0.2)
  ch4('CH4-RM-1', '回风大巷', 'Return main', 'RW-RM', [-30, 40], 0.2)
  ch4('CH4-BM-1', '带式输送机大巷', 'Belt main', 'RW-BM', [600, -30], 0.05)
  ch4('CH4-RC1', '永久避难硐室', 'Refuge chamber', 'RW-RC1-ACC', [250, 16], 0.02)
  ch4('CH4-4103-SEAL', '4103密闭外', '4103 outside the seal', 'RW-RM', [400, 40], 0.3)

  const co = (id: string, zh: string, en: string, roadway: string, at: P2, ppm: number) =>
    dev(id, 'gas_toxic', `${zh}一氧化碳传感器`, `${en} CO sensor`, roadway, at, {
      substance: 'CO',
      unit: 'ppm',
      range: { min: 0, max: 500 },
      thresholds: { high: 24, highHigh: 50 },
      nominal: jitter(ppm),
    })
  co('CO-4101-UC', '4101上隅角', '4101 upper corner', 'RW-4101-FACE', [896, 1000], 6)
  co('CO-4101-RG', '4101回风顺槽', '4101 return gate', 'RW-4101-RG', [900, 975], 4)
  co('CO-4102', '4102掘进巷', '4102 heading', 'RW-4102-HD', [1150, 370], 3)
  co('CO-BM-1', '带式输送机大巷', 'Belt main', 'RW-BM', [400, -30], 1)
  co('CO-RM-1', '回风大巷', 'Return main', 'RW-RM', [100, 40], 2)

  const roof = (id: string, zh: string, en: string, roadway: string, at: P2, mm: number) =>
    dev(id, 'roof_displacement', `${zh}顶板离层仪`, `${en} roof displacement sensor`, roadway, at, {
      unit: 'mm',
      range: { min: 0, max: 200 },
      thresholds: { high: 50, highHigh: 100 },
      nominal: jitter(mm),
    })
  // Near the face the advance abutment pressure squeezes the gateroads: more displacement there.
  for (const [k, n, mm] of [
    [1, 960, 18],
    [2, 900, 12],
    [3, 800, 8],
    [4, 600, 5],
  ] as const) {
    roof(`ROOF-4101-HG-${k}`, `4101运输顺槽${1000 - n}m`, `4101 haulage gate ${1000 - n} m`, 'RW-4101-HG', [700, n], mm)
    roof(
      `ROOF-4101-RG-${k}`,
      `4101回风顺槽${1000 - n}m`,
      `4101 return gate ${1000 - n} m`,
      'RW-4101-RG',
      [900, n],
      mm * 1.2,
    )
  }
  roof('ROOF-4102-1', '4102掘进巷迎头后20m', '4102 heading, 20 m behind the face', 'RW-4102-HD', [1150, 380], 10)
  roof('ROOF-4102-2', '4102掘进巷100m', '4102 heading 100 m', 'RW-4102-HD', [1150, 300], 6)
  roof('ROOF-TM-1', '辅助运输大巷交岔点', 'Track main junction', 'RW-TM', [700, 0], 3)

  const air = (id: string, zh: string, en: string, roadway: string, at: P2, v: number, low: number, high: number) =>
    dev(id, 'air_speed', `${zh}风速传感器`, `${en} air speed sensor`, roadway, at, {
      unit: 'm/s',
      range: { min: 0, max: 15 },
      thresholds: { low, high },
      nominal: jitter(v),
    })
  // 煤矿安全规程 air-speed limits: working faces 0.25–4 m/s, gateroads ≤ 6, mains ≤ 8.
  air('AS-4101-FACE', '4101工作面', '4101 face', 'RW-4101-FACE', [800, 1000], 1.8, 0.25, 4)
  air('AS-4101-HG', '4101运输顺槽', '4101 haulage gate', 'RW-4101-HG', [700, 300], 2.2, 0.25, 6)
  air('AS-4101-RG', '4101回风顺槽', '4101 return gate', 'RW-4101-RG', [900, 300], 2.3, 0.25, 6)
  air('AS-4102', '4102掘进巷', '4102 heading', 'RW-4102-HD', [1150, 300], 0.6, 0.25, 4)
  air('AS-TM', '辅助运输大巷', 'Track main', 'RW-TM', [500, 0], 2.8, 0.25, 8)
  air('AS-BM', '带式输送机大巷', 'Belt main', 'RW-BM', [500, -30], 2.0, 0.25, 8)
  air('AS-RM', '回风大巷', 'Return main', 'RW-RM', [200, 40], 4.5, 0.25, 8)

  // Surface meteorological station next to the dispatch centre.
  const metAt: P2 = [200, -20]
  devices.push(
    {
      id: 'MET-WS',
      enterpriseId: ENT,
      type: 'wind_speed',
      name: { zh: '地面风速', en: 'Surface wind speed' },
      position: ll(metAt),
      height_m: 10,
      unit: 'm/s',
      range: { min: 0, max: 60 },
      nominal: 3.2,
    },
    {
      id: 'MET-WD',
      enterpriseId: ENT,
      type: 'wind_direction',
      name: { zh: '地面风向', en: 'Surface wind direction' },
      position: ll(metAt),
      height_m: 10,
      unit: 'deg',
      range: { min: 0, max: 360 },
      nominal: 315,
    },
    {
      id: 'MET-AT',
      enterpriseId: ENT,
      type: 'air_temperature',
      name: { zh: '地面气温', en: 'Surface air temperature' },
      position: ll(metAt),
      height_m: 2,
      unit: 'degC',
      range: { min: -40, max: 50 },
      nominal: 12,
    },
  )

  const scene: SceneInput = {
    version: 1,
    id: 'demo-mine',
    kind: 'mine',
    name: { zh: '晋北红石梁煤矿', en: 'Hongshiliang Coal Mine (Shuozhou, Shanxi)' },
    origin: ORIGIN,
    timezone: 'Asia/Shanghai',
    // The mining licence area (采矿许可范围).
    boundary: rectRing(-400, -400, 1700, 1500),
    enterprises: [
      {
        id: ENT,
        name: { zh: '山西晋北红石梁煤业有限公司', en: 'Shanxi Jinbei Hongshiliang Coal Industry Co., Ltd.' },
        sector: 'coal_mining',
        fence: rectRing(-350, -350, 1650, 1450),
      },
    ],
    buildings: [
      building('B-MS', '主井井塔', 'Main shaft headframe', 'workshop', [-8, -38, 8, -22], 42, 2),
      building('B-AS', '副井井塔', 'Auxiliary shaft headframe', 'workshop', [52, -8, 68, 8], 36, 4),
      building('B-FAN', '主通风机房', 'Main fan house', 'other', [-92, 28, -70, 52], 9, 1),
      building('B-DISP', '调度指挥中心', 'Dispatch and command centre', 'control_room', [100, 60, 140, 85], 15, 12),
      building('B-LAMP', '灯房浴室联合建筑', 'Lamp room and bathhouse', 'other', [100, -70, 150, -35], 10, 10),
      building('B-OFF', '综合办公楼', 'Office building', 'office', [160, 60, 200, 92], 20, 60),
      building('B-SUB', '35kV变电站', '35 kV substation', 'substation', [-45, -95, -12, -62], 8, 2),
      building('B-RESCUE', '矿山救护队', 'Mine rescue team', 'fire_station', [220, -72, 252, -42], 9, 18),
    ],
    devices,
    metStation: {
      id: 'MET-1',
      position: ll(metAt),
      height_m: 10,
      windSpeedDevice: 'MET-WS',
      windDirectionDevice: 'MET-WD',
      airTemperatureDevice: 'MET-AT',
    },
    roads: {
      type: 'FeatureCollection',
      features: [
        road('R-EXT', '县道X312', 'County road X312', 'external', 60, [
          [300, -900],
          [300, -350],
        ]),
        road('R-ACC', '进矿道路', 'Mine access road', 'access', 30, [
          [300, -350],
          [300, -100],
        ]),
        road('R-S', '工业广场南路', 'Industrial site south road', 'local', 20, [
          [300, -100],
          [-100, -100],
        ]),
        road('R-W', '工业广场西路', 'Industrial site west road', 'local', 20, [
          [-100, -100],
          [-100, 100],
        ]),
        road('R-N', '工业广场北路', 'Industrial site north road', 'local', 20, [
          [-100, 100],
          [300, 100],
        ]),
        road('R-E', '工业广场东路', 'Industrial site east road', 'local', 20, [
          [300, 100],
          [300, -100],
        ]),
      ],
    },
    gates: [{ id: 'G-1', name: { zh: '矿区大门', en: 'Main gate' }, position: ll([300, -350]) }],
    musterPoints: [
      {
        id: 'M-1',
        name: { zh: '灯房广场集合点', en: 'Lamp-room square muster point' },
        position: ll([125, -85]),
        capacity: 300,
      },
    ],
    fireStations: [
      {
        id: 'FS-MRT',
        name: { zh: '红石梁矿山救护队', en: 'Hongshiliang mine rescue team' },
        position: ll([236, -57]),
        tier: 'enterprise',
      },
      {
        id: 'FS-REG',
        name: { zh: '朔州区域矿山救护中队', en: 'Shuozhou regional mine rescue squadron' },
        position: ll([2600, -1800]),
        tier: 'park',
      },
      {
        id: 'FS-GOV',
        name: { zh: '县消防救援大队', en: 'County fire and rescue brigade' },
        position: ll([-1500, -4200]),
        tier: 'government',
      },
    ],
    sensitiveTargets: [
      {
        id: 'ST-VIL',
        name: { zh: '后沟村', en: 'Hougou village' },
        kind: 'village',
        position: ll([900, -900]),
        population: 420,
      },
      {
        id: 'ST-SCH',
        name: { zh: '后沟小学', en: 'Hougou primary school' },
        kind: 'school',
        position: ll([1050, -950]),
        population: 160,
      },
    ],
    zones: ZONES,
    uwbAnchors: anchors(),
    mine: {
      seams: [{ name: '4#', thickness_m: 3.5, depth_m: 385 }],
      roadways: ROADWAYS.map((r) => ({
        id: r.id,
        name: { zh: r.zh, en: r.en },
        kind: r.kind,
        centreLine: r.line.map(ll3),
        width_m: r.w,
        height_m: r.h,
        shape: r.shape,
        ...(r.vent ? { ventilation: { direction: r.vent[0], airSpeed_mps: r.vent[1], role: r.vent[2] } } : {}),
        geologyRisk: r.geology,
        sealed: r.sealed ?? false,
      })),
      workingFaces: [
        {
          id: 'WF-4101',
          name: { zh: '4101综采工作面', en: '4101 longwall face' },
          kind: 'longwall',
          roadwayId: 'RW-4101-FACE',
          gateRoadwayIds: ['RW-4101-HG', 'RW-4101-RG'],
          zoneId: 'Z-WF-4101',
          seam: '4#',
          miningHeight_m: 3.5,
          advance_m_per_day: 6,
        },
        {
          id: 'WF-4102',
          name: { zh: '4102运输顺槽掘进工作面', en: '4102 haulage gate heading' },
          kind: 'heading',
          roadwayId: 'RW-4102-HD',
          gateRoadwayIds: [],
          zoneId: 'Z-HD-4102',
          seam: '4#',
          miningHeight_m: 3.6,
          advance_m_per_day: 12,
        },
      ],
      refugeChambers: [
        {
          id: 'RC-1',
          name: { zh: '永久避难硐室', en: 'Permanent refuge chamber' },
          position: ll3(s3(250, 22)),
          capacity: 100,
          kind: 'permanent',
          roadwayId: 'RW-RC1-ACC',
          zoneId: 'Z-RC1',
        },
        {
          id: 'RC-2',
          name: { zh: '4101临时避难硐室', en: '4101 temporary refuge chamber' },
          position: ll3(s3(724, 500)),
          capacity: 40,
          kind: 'temporary',
          roadwayId: 'RW-RC2-ACC',
          zoneId: 'Z-RC2',
        },
      ],
    },
    personnel: personnel(rng.fork('names')),
  }
  return scene
}

function building(
  id: string,
  zh: string,
  en: string,
  use: NonNullable<SceneInput['buildings']>[number]['use'],
  r: [number, number, number, number],
  height_m: number,
  occupancy: number,
) {
  return { id, enterpriseId: ENT, name: { zh, en }, use, footprint: rectRing(...r), height_m, occupancy }
}

function road(
  id: string,
  zh: string,
  en: string,
  cls: 'arterial' | 'local' | 'access' | 'external',
  speed_kmh: number,
  pts: P2[],
) {
  return {
    type: 'Feature' as const,
    properties: { id, name: { zh, en }, class: cls, speed_kmh, oneway: false },
    geometry: { type: 'LineString' as const, coordinates: pts.map(ll) },
  }
}

/**
 * Anchors along every roadway that is not sealed, ≤ ANCHOR_SPACING_M apart along the centre line
 * (3D arc length, so shafts get them too), alternating walls, 0.4 m below the roof. An anchor
 * within 5 m of one already placed (junctions) is not doubled.
 */
function anchors(): { id: string; position: [number, number]; height_m: number }[] {
  const placed: P3[] = []
  for (const r of ROADWAYS) {
    if (r.sealed) continue
    const lens = r.line
      .slice(1)
      .map((b, i) => Math.hypot(b[0] - r.line[i][0], b[1] - r.line[i][1], b[2] - r.line[i][2]))
    const total = lens.reduce((a, b) => a + b, 0)
    const n = Math.ceil(total / ANCHOR_SPACING_M - 1e-9)
    let side = 1
    for (let k = 0; k <= n; k++) {
      let s = (k * total) / n
      let i = 0
      while (i < lens.length - 1 && s > lens[i]) s -= lens[i++]
      const a = r.line[i]
      const b = r.line[i + 1]
      const t = lens[i] > 0 ? Math.min(1, s / lens[i]) : 0
      const c: P3 = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])]
      const dh = Math.hypot(b[0] - a[0], b[1] - a[1])
      // Wall offset: perpendicular in plan; for a shaft (vertical) east/west of the axis.
      const [ox, oy] = dh > 1e-6 ? [-(b[1] - a[1]) / dh, (b[0] - a[0]) / dh] : [1, 0]
      const off = r.w / 2 - 0.3
      const up = r.kind === 'shaft' ? 0 : r.h - 0.4
      const p: P3 = [c[0] + ox * off * side, c[1] + oy * off * side, c[2] + up]
      side = -side
      if (placed.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) < 5)) continue
      placed.push(p)
    }
  }
  return placed.map((p, i) => ({
    id: `UWB-A${String(i + 1).padStart(3, '0')}`,
    position: ll([p[0], p[1]]),
    height_m: Math.round(p[2] * 100) / 100,
  }))
}

/** The day shift underground: ~40 people by crew, each with a tag and a work zone. */
function personnel(rng: ReturnType<typeof createRng>): Person[] {
  const crews: [PersonRole, number, string, string][] = [
    ['shift_leader', 1, '矿领导带班', 'Z-WF-4101'],
    ['shift_leader', 1, '矿领导带班', 'Z-MAINS'],
    ['team_leader', 1, '综采一队', 'Z-WF-4101'],
    ['shearer_operator', 2, '综采一队', 'Z-WF-4101'],
    ['support_worker', 4, '综采一队', 'Z-WF-4101'],
    ['conveyor_operator', 2, '综采一队', 'Z-HG-4101'],
    ['electrician', 1, '综采一队', 'Z-WF-4101'],
    ['mechanic', 2, '综采一队', 'Z-HG-4101'],
    ['team_leader', 1, '综掘一队', 'Z-HD-4102'],
    ['roadheader_operator', 2, '综掘一队', 'Z-HD-4102'],
    ['bolter', 3, '综掘一队', 'Z-HD-4102'],
    ['electrician', 1, '综掘一队', 'Z-HD-4102'],
    ['mechanic', 1, '综掘一队', 'Z-HD-4102'],
    ['gas_inspector', 1, '通风队', 'Z-UC-4101'],
    ['gas_inspector', 1, '通风队', 'Z-HD-4102'],
    ['ventilation_worker', 1, '通风队', 'Z-RG-4101'],
    ['ventilation_worker', 1, '通风队', 'Z-MAINS'],
    ['safety_inspector', 1, '安监处', 'Z-WF-4101'],
    ['safety_inspector', 1, '安监处', 'Z-MAINS'],
    ['transport_driver', 3, '运输队', 'Z-MAINS'],
    ['conveyor_operator', 2, '运输队', 'Z-MAINS'],
    ['hooker', 2, '运输队', 'Z-PB'],
    ['pump_operator', 1, '机电队', 'Z-PB'],
    ['electrician', 2, '机电队', 'Z-MAINS'],
    ['surveyor', 1, '地测科', 'Z-HD-4102'],
    ['engineer', 1, '技术科', 'Z-RG-4101'],
  ]
  const total = crews.reduce((s, c) => s + c[1], 0)
  const names = demoNames(rng, total)
  const out: Person[] = []
  for (const [role, k, team, workZoneId] of crews) {
    for (let i = 0; i < k; i++) {
      const n = String(out.length + 1).padStart(3, '0')
      out.push({
        id: `miner-${n}`,
        name: names[out.length],
        role,
        tagId: `UWB-T${n}`,
        enterpriseId: ENT,
        team,
        workZoneId,
      })
    }
  }
  return out
}

export async function renderDemoMine(): Promise<string> {
  const options = (await prettier.resolveConfig(DEMO_MINE_FILE)) ?? {}
  return prettier.format(JSON.stringify(buildDemoMine()), { ...options, parser: 'json' })
}

async function main(): Promise<void> {
  const text = await renderDemoMine()
  if (process.argv.includes('--check')) {
    const current = await readFile(DEMO_MINE_FILE, 'utf8').catch(() => '')
    if (current !== text) {
      console.error(`${DEMO_MINE_FILE} is out of date; run npx tsx server/src/tools/generateDemoMine.ts`)
      process.exit(1)
    }
    console.log(`${DEMO_MINE_FILE} is up to date`)
    return
  }
  await mkdir(dirname(DEMO_MINE_FILE), { recursive: true })
  await writeFile(DEMO_MINE_FILE, text)
  console.log(`wrote ${DEMO_MINE_FILE} (${text.length} bytes)`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
