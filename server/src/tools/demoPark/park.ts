/**
 * Park-level layout of the fictional Qinglan Bay Chemical Park (青澜湾化工园区), in local metres
 * from the origin at the park centre: the boundary, the arterial grid, the links to the county
 * town and the expressway, the park's own facilities, and the sensitive targets around it.
 *
 * The park is a 2.0 km × 1.5 km rectangle on the south bank of the Yangtze (which runs about a
 * kilometre north), cut into eight blocks of 450 m × 650 m by the road grid below.
 */
import type { Pt, Rect } from './local'
import { rect } from './local'
import type { RoadDef } from './roads'

/** Park centre, on the south bank of the Yangtze in Jiangsu; the park itself is fictional. */
export const ORIGIN = { lng: 120.162, lat: 31.958, alt_m: 5 }

/** North-east corner cut off where the river bank bends in. */
export const BOUNDARY: Pt[] = [
  [-1000, -750],
  [1000, -750],
  [1000, 600],
  [900, 750],
  [-1000, 750],
]

const XS = [-900, -450, 0, 450, 900]

export const GATES: { id: string; zh: string; en: string; at: Pt }[] = [
  { id: 'GATE-W', zh: '西大门', en: 'West gate (to Qinglan town)', at: [-1000, 0] },
  { id: 'GATE-S', zh: '南大门（危化品车辆检查站）', en: 'South gate (hazmat vehicle checkpoint)', at: [0, -750] },
  { id: 'GATE-E', zh: '东大门', en: 'East gate', at: [1000, 0] },
  { id: 'GATE-N', zh: '北门（码头）', en: 'North gate (wharf)', at: [450, 750] },
]

const ns = (e: number, ...n: number[]): Pt[] => n.map((y) => [e, y] as Pt)
const ew = (n: number, ...e: number[]): Pt[] => e.map((x) => [x, n] as Pt)

/** Roads of the park grid and outside; plant roads are added from the plant specs. */
export const PARK_ROADS: RoadDef[] = [
  { id: 'R-BJ', zh: '滨江大道', en: 'Binjiang Avenue', cls: 'arterial', speed: 40, pts: ew(0, -1000, ...XS, 1000) },
  { id: 'R-HG', zh: '化工大道', en: 'Huagong Avenue', cls: 'arterial', speed: 40, pts: ns(0, -750, -650, 0, 650) },
  { id: 'R-J1', zh: '经一路', en: 'Jing 1st Road', cls: 'local', speed: 30, pts: ns(-450, -650, 0, 650) },
  { id: 'R-J3', zh: '码头路', en: 'Wharf Road', cls: 'local', speed: 30, pts: ns(450, -650, 0, 650, 750) },
  { id: 'R-WR', zh: '西环路', en: 'West Ring Road', cls: 'local', speed: 30, pts: ns(-900, -650, 0, 650) },
  { id: 'R-ER', zh: '东环路', en: 'East Ring Road', cls: 'local', speed: 30, pts: ns(900, -650, 0, 650) },
  { id: 'R-YJ', zh: '沿江路', en: 'Yanjiang Road', cls: 'local', speed: 30, pts: ew(650, ...XS) },
  { id: 'R-NH', zh: '南环路', en: 'South Ring Road', cls: 'local', speed: 30, pts: ew(-650, ...XS) },
  { id: 'R-FS', zh: '消防站出车道', en: 'Fire station apron', cls: 'access', speed: 20, pts: ns(-115, 0, 45) },
  // Outside the fence.
  {
    id: 'X-QL',
    zh: '青澜大道（往青澜县城）',
    en: 'Qinglan Avenue (to Qinglan county town)',
    cls: 'external',
    speed: 60,
    pts: [
      [-1000, 0],
      [-1500, -50],
      [-2100, -170],
      [-2900, -380],
      [-3500, -480],
      [-4200, -560],
    ],
  },
  { id: 'X-SCH', zh: '学府路', en: 'Xuefu Road', cls: 'external', speed: 30, pts: ns(-2100, -170, -635) },
  { id: 'X-HOS', zh: '康宁路', en: 'Kangning Road', cls: 'external', speed: 30, pts: ns(-2900, -380, -625) },
  {
    id: 'X-CFS',
    zh: '县消防大队出车道',
    en: 'County fire brigade apron',
    cls: 'external',
    speed: 20,
    pts: ns(-3500, -480, -330),
  },
  {
    id: 'X-EXP',
    zh: '疏港公路（往沿江高速青澜互通）',
    en: 'Port link road (to the Yanjiang Expressway, Qinglan interchange)',
    cls: 'external',
    speed: 80,
    pts: [
      [0, -750],
      [0, -1300],
      [150, -2200],
      [400, -3000],
    ],
  },
  {
    id: 'X-VIL',
    zh: '沙洲村路',
    en: 'Shazhou Village Road',
    cls: 'external',
    speed: 30,
    pts: [
      [0, -1300],
      [-200, -1590],
    ],
  },
  {
    id: 'X-BJ',
    zh: '滨江公路（往港区）',
    en: 'Binjiang Highway (to the port area)',
    cls: 'external',
    speed: 60,
    pts: [
      [1000, 0],
      [1700, -100],
      [2300, -500],
      [3000, -700],
    ],
  },
  {
    id: 'X-RES',
    zh: '新村路',
    en: 'Xincun Road',
    cls: 'external',
    speed: 30,
    pts: [
      [2300, -500],
      [2450, -860],
    ],
  },
  { id: 'X-WF', zh: '码头引道', en: 'Wharf approach', cls: 'external', speed: 20, pts: ns(450, 750, 1000) },
]

export interface ParkBuilding {
  id: string
  use: 'office' | 'control_room' | 'lab' | 'canteen' | 'fire_station' | 'gatehouse'
  zh: string
  en: string
  rect: Rect
  h: number
  occ: number
}

export const PARK_BUILDINGS: ParkBuilding[] = [
  {
    id: 'PK-OFF',
    use: 'office',
    zh: '园区管委会办公楼',
    en: 'Park administration committee',
    rect: rect(-410, 60, -330, 100),
    h: 24,
    occ: 120,
  },
  {
    id: 'PK-ECC',
    use: 'control_room',
    zh: '园区应急指挥中心',
    en: 'Park emergency command centre',
    rect: rect(-310, 60, -250, 95),
    h: 18,
    occ: 40,
  },
  {
    id: 'PK-LAB',
    use: 'lab',
    zh: '园区安全环保监测站',
    en: 'Park safety and environment monitoring lab',
    rect: rect(-410, 140, -350, 170),
    h: 15,
    occ: 25,
  },
  { id: 'PK-CAN', use: 'canteen', zh: '园区食堂', en: 'Park canteen', rect: rect(-330, 140, -290, 165), h: 8, occ: 15 },
  {
    id: 'PK-FSB',
    use: 'fire_station',
    zh: '园区消防站',
    en: 'Park fire station',
    rect: rect(-150, 50, -80, 90),
    h: 12,
    occ: 45,
  },
  {
    id: 'PK-GH-W',
    use: 'gatehouse',
    zh: '西大门门卫',
    en: 'West gatehouse',
    rect: rect(-990, 8, -975, 18),
    h: 4,
    occ: 3,
  },
  {
    id: 'PK-GH-S',
    use: 'gatehouse',
    zh: '南大门检查站',
    en: 'South gate checkpoint',
    rect: rect(10, -735, 26, -725),
    h: 5,
    occ: 6,
  },
  {
    id: 'PK-GH-E',
    use: 'gatehouse',
    zh: '东大门门卫',
    en: 'East gatehouse',
    rect: rect(975, 8, 990, 18),
    h: 4,
    occ: 3,
  },
  {
    id: 'PK-GH-N',
    use: 'gatehouse',
    zh: '北门门卫',
    en: 'North gatehouse',
    rect: rect(458, 730, 470, 740),
    h: 4,
    occ: 2,
  },
]

export const PARK_MUSTERS = [
  {
    id: 'PK-MP1',
    zh: '管委会广场应急集合点',
    en: 'Administration square muster point',
    at: [-200, 150] as Pt,
    capacity: 800,
  },
  { id: 'PK-MP2', zh: '预留地应急集合场', en: 'Reserved-land assembly ground', at: [225, -325] as Pt, capacity: 1500 },
]

export const FIRE_STATIONS = [
  {
    id: 'PK-FS',
    zh: '青澜湾园区消防站',
    en: 'Qinglan Bay park fire station',
    at: [-115, 45] as Pt,
    tier: 'park' as const,
  },
  {
    id: 'GOV-FS',
    zh: '青澜县消防救援大队',
    en: 'Qinglan County fire and rescue brigade',
    at: [-3500, -330] as Pt,
    tier: 'government' as const,
  },
]

export const MET_STATION_AT: Pt = [-200, 560]

/** The park's public pipe corridor along the north side of Binjiang Avenue. */
export const PUBLIC_RACK: Pt[] = [
  [-880, 12],
  [880, 12],
]

export const SENSITIVE_TARGETS = [
  {
    id: 'ST-SCHOOL',
    kind: 'school' as const,
    zh: '青澜镇中心小学',
    en: 'Qinglan Town Central Primary School',
    at: [-2100, -700] as Pt,
    footprint: rect(-2190, -760, -2010, -640),
    population: 1150,
  },
  {
    id: 'ST-VILLAGE',
    kind: 'village' as const,
    zh: '沙洲村',
    en: 'Shazhou Village',
    at: [-300, -1750] as Pt,
    footprint: [
      [-560, -1600],
      [-60, -1580],
      [-20, -1900],
      [-520, -1930],
    ] as Pt[],
    population: 1380,
  },
  {
    id: 'ST-HOSPITAL',
    kind: 'hospital' as const,
    zh: '青澜县第二人民医院',
    en: 'Qinglan County No. 2 People’s Hospital',
    at: [-2900, -700] as Pt,
    footprint: rect(-2980, -770, -2820, -630),
    population: 620,
  },
  {
    id: 'ST-RESIDENTIAL',
    kind: 'residential' as const,
    zh: '滨江新村小区',
    en: 'Binjiang New Village estate',
    at: [2500, -1000] as Pt,
    footprint: rect(2350, -1125, 2650, -875),
    population: 4200,
  },
  {
    id: 'ST-INTAKE',
    kind: 'water_intake' as const,
    zh: '滨江水厂长江取水口',
    en: 'Binjiang waterworks Yangtze intake',
    at: [2700, 1120] as Pt,
    footprint: rect(2660, 1090, 2740, 1150),
    /** Staff on site; the intake supplies the town's drinking water. */
    population: 6,
  },
]
