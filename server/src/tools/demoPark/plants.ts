/**
 * The tenants of the demo park, authored by hand in plant coordinates: u is metres east of the
 * west road of the plant's block, v metres away from Binjiang Avenue (the east–west arterial).
 * North-side plants grow northwards and south-side plants southwards, so the same habits hold in
 * every plant: offices by the arterial, process units in the middle, tank farms at the far end
 * (GB 50160 puts storage away from the people).
 */
import { rect, type Pt, type Rect } from './local'

type Band = readonly [lowLow: number, low: number, high: number, highHigh: number]
type Storage = 'atmospheric' | 'pressurized' | 'refrigerated'
type UnitKind = 'reactor' | 'column' | 'furnace' | 'compressor' | 'exchanger' | 'separator' | 'other'
type Use = 'control_room' | 'office' | 'workshop' | 'warehouse' | 'lab' | 'substation' | 'fire_station' | 'gatehouse'

export interface Named {
  zh: string
  en: string
}

export interface BuildingSpec extends Named {
  key: string
  use: Use
  /** South-west corner (u, v), width along u, depth along v, height, day-shift occupancy. */
  at: Pt
  w: number
  d: number
  h: number
  occ: number
}

export interface TankSpec {
  tag: string
  substance: string
  storage: Storage
  sphere?: boolean
  at: Pt
  d: number
  h: number
  t: number
  p: number
  /** Overrides the substance's stored density (kg/m³). */
  density?: number
  label?: Named
  pBand?: Band
  tBand?: Band
}

export interface UnitSpec extends Named {
  tag: string
  kind: UnitKind
  at: Pt
  w: number
  d: number
  h: number
  substances: string[]
  p: number
  t: number
  pBand?: Band
  tBand?: Band
}

export interface AreaSpec extends Named {
  key: string
  units: UnitSpec[]
  /** A restricted zone around the area (phosgene): extra margin in metres and the stay limit. */
  restricted?: Named & { margin: number; maxStay_s: number }
}

export interface FarmSpec extends Named {
  key: string
  tanks: TankSpec[]
}

export interface PlantSpec extends Named {
  id: string
  code: string
  sector: string
  /** Easting of the block's west road and which side of the arterial the block lies on. */
  e0: number
  side: 1 | -1
  fence: { u0: number; u1: number; v0: number; v1: number }
  /** Plant roads, each a polyline in (u, v); the first starts on the arterial (v = 0). */
  roads: Pt[][]
  buildings: BuildingSpec[]
  areas: AreaSpec[]
  farms: FarmSpec[]
  /** Pipe racks in (u, v); each ends on the park's public rack at v = 12 (its y is +12 either side). */
  racks: Pt[][]
  musters: (Named & { at: Pt })[]
  fireStation?: Named & { at: Pt }
}

/** Stored at ambient temperature: the band has to allow a Jiangsu summer and winter. */
const AMBIENT: Band = [-15, -5, 40, 50]
/** Liquefied gases stored at ambient temperature: vapour pressure at 40 °C is still "high" only. */
const CL2_P: Band = [150, 250, 1000, 1200]
const NH3_P: Band = [150, 250, 1450, 1700]
const LPG_P: Band = [100, 200, 1350, 1550]
/** Nitrogen-blanketed atmospheric tanks: breather valves at about −0.3 / +2 kPa(g). */
const BLANKET_P: Band = [-0.3, 0.1, 1.5, 2]

const office = (occ: number, at: Pt, w: number, d: number, h = 20): BuildingSpec => ({
  key: 'OFF',
  use: 'office',
  zh: '综合办公楼',
  en: 'Office building',
  at,
  w,
  d,
  h,
  occ,
})
const ccr = (occ: number, at: Pt, w: number, d: number): BuildingSpec => ({
  key: 'CCR',
  use: 'control_room',
  zh: '中央控制室',
  en: 'Central control room',
  at,
  w,
  d,
  h: 8,
  occ,
})
const lab = (occ: number, at: Pt, w: number, d: number): BuildingSpec => ({
  key: 'LAB',
  use: 'lab',
  zh: '质检化验室',
  en: 'Quality control lab',
  at,
  w,
  d,
  h: 10,
  occ,
})
const substation = (at: Pt): BuildingSpec => ({
  key: 'SS',
  use: 'substation',
  zh: '变电所',
  en: 'Substation',
  at,
  w: 30,
  d: 20,
  h: 8,
  occ: 1,
})
const gatehouse = (u: number): BuildingSpec => ({
  key: 'GH',
  use: 'gatehouse',
  zh: '门卫室',
  en: 'Gatehouse',
  at: [u + 8, 28],
  w: 10,
  d: 8,
  h: 4,
  occ: 2,
})
const musters = (u: number, far: Pt): (Named & { at: Pt })[] => [
  { zh: '厂区主门集合点', en: 'Main gate muster point', at: [u - 35, 35] },
  { zh: '厂区后区集合点', en: 'Rear muster point', at: far },
]
const fence = { u0: 25, u1: 425, v0: 25, v1: 625 }

// Layout tables read best one unit or tank per line, so Prettier leaves them alone.
// prettier-ignore
export const PLANTS: PlantSpec[] = [
  {
    id: 'qinglan-chloralkali',
    code: 'CA',
    zh: '青澜氯碱化工有限公司',
    en: 'Qinglan Chlor-Alkali Chemical Co., Ltd.',
    sector: 'chlor-alkali',
    e0: -900,
    side: 1,
    fence,
    roads: [
      [
        [200, 0],
        [200, 440],
      ],
    ],
    buildings: [
      gatehouse(200),
      office(60, [40, 50], 70, 30),
      ccr(10, [230, 50], 40, 30),
      lab(12, [290, 50], 40, 25),
      { key: 'WS', use: 'workshop', zh: '维修车间', en: 'Maintenance workshop', at: [340, 50], w: 60, d: 30, h: 12, occ: 25 },
      { key: 'WH', use: 'warehouse', zh: '成品仓库', en: 'Product warehouse', at: [40, 110], w: 60, d: 30, h: 10, occ: 6 },
      substation([120, 110]),
    ],
    areas: [
      {
        key: 'P1',
        zh: '电解及氯气处理装置区',
        en: 'Electrolysis and chlorine processing area',
        units: [
          { tag: 'U01', kind: 'other', zh: '离子膜电解厂房', en: 'Membrane electrolysis hall', at: [40, 200], w: 90, d: 30, h: 15, substances: ['Cl2', 'H2'], p: 20, t: 88 },
          { tag: 'U02', kind: 'compressor', zh: '氯气干燥压缩', en: 'Chlorine drying and compression', at: [138, 200], w: 34, d: 20, h: 12, substances: ['Cl2'], p: 350, t: 45 },
          { tag: 'U03', kind: 'exchanger', zh: '氯气液化', en: 'Chlorine liquefaction', at: [40, 238], w: 28, d: 18, h: 14, substances: ['Cl2'], p: 300, t: 5 },
          { tag: 'U04', kind: 'furnace', zh: '氯化氢合成炉', en: 'HCl synthesis furnace', at: [138, 228], w: 20, d: 18, h: 22, substances: ['HCl', 'Cl2', 'H2'], p: 30, t: 180 },
          { tag: 'U05', kind: 'compressor', zh: '氢气处理', en: 'Hydrogen treatment', at: [76, 238], w: 30, d: 16, h: 10, substances: ['H2'], p: 80, t: 40 },
        ],
      },
    ],
    farms: [
      {
        key: 'TF1',
        zh: '液氯储罐区',
        en: 'Liquid chlorine tank farm',
        tanks: (
          [
            ['T-101', [240, 420]],
            ['T-102', [256, 420]],
            ['T-103', [240, 436]],
            ['T-104', [256, 436]],
          ] as const
        ).map(([tag, at]) => ({ tag, substance: 'Cl2', storage: 'pressurized', at, d: 3, h: 12, t: 20, p: 600, pBand: CL2_P, tBand: AMBIENT })),
      },
    ],
    racks: [
      [
        [248, 410],
        [248, 275],
        [185, 275],
        [185, 12],
      ],
    ],
    musters: musters(200, [380, 560]),
  },
  {
    id: 'lanjiang-fertiliser',
    code: 'AM',
    zh: '澜江合成氨化肥有限公司',
    en: 'Lanjiang Ammonia and Fertiliser Co., Ltd.',
    sector: 'ammonia and fertiliser',
    e0: -900,
    side: -1,
    fence,
    roads: [
      [
        [200, 0],
        [200, 450],
      ],
    ],
    buildings: [
      gatehouse(200),
      office(70, [40, 45], 80, 30),
      ccr(14, [250, 45], 45, 30),
      lab(12, [310, 45], 40, 25),
      { key: 'WS', use: 'workshop', zh: '维修车间', en: 'Maintenance workshop', at: [40, 100], w: 70, d: 30, h: 12, occ: 30 },
      { key: 'WH', use: 'warehouse', zh: '尿素包装仓库', en: 'Urea bagging warehouse', at: [250, 100], w: 120, d: 40, h: 14, occ: 20 },
      substation([130, 100]),
    ],
    areas: [
      {
        key: 'P1',
        zh: '合成氨装置区',
        en: 'Ammonia synthesis area',
        units: [
          { tag: 'U11', kind: 'furnace', zh: '一段转化炉', en: 'Primary reformer', at: [40, 190], w: 60, d: 24, h: 28, substances: ['CH4', 'H2', 'CO'], p: 3300, t: 800 },
          { tag: 'U12', kind: 'reactor', zh: '一氧化碳变换炉', en: 'CO shift converter', at: [108, 190], w: 24, d: 20, h: 25, substances: ['CO', 'H2'], p: 3100, t: 420 },
          { tag: 'U13', kind: 'compressor', zh: '合成气压缩机', en: 'Syngas compressor', at: [40, 222], w: 40, d: 20, h: 14, substances: ['H2', 'CH4'], p: 14000, t: 120 },
          { tag: 'U14', kind: 'reactor', zh: '氨合成塔', en: 'Ammonia converter loop', at: [88, 222], w: 30, d: 24, h: 30, substances: ['NH3', 'H2'], p: 14500, t: 450 },
          { tag: 'U15', kind: 'compressor', zh: '氨冷冻站', en: 'Ammonia refrigeration', at: [126, 222], w: 30, d: 18, h: 12, substances: ['NH3'], p: 1200, t: 35 },
        ],
      },
      {
        key: 'P2',
        zh: '尿素装置区',
        en: 'Urea plant',
        units: [
          { tag: 'U16', kind: 'reactor', zh: '尿素合成塔', en: 'Urea synthesis', at: [240, 190], w: 36, d: 24, h: 40, substances: ['NH3'], p: 15000, t: 185 },
        ],
      },
    ],
    farms: [
      {
        key: 'TF1',
        zh: '液氨罐区',
        en: 'Ammonia tank farm',
        tanks: [
          { tag: 'T-301', substance: 'NH3', storage: 'refrigerated', at: [100, 420], d: 26, h: 20, t: -33, p: 6, density: 682, label: { zh: '低温液氨储罐', en: 'Refrigerated ammonia tank' }, pBand: [1, 2, 12, 15] },
          { tag: 'T-302', substance: 'NH3', storage: 'pressurized', sphere: true, at: [150, 408], d: 12.3, h: 12.3, t: 20, p: 750, density: 610, label: { zh: '液氨球罐', en: 'Ammonia sphere' }, pBand: NH3_P, tBand: AMBIENT },
          { tag: 'T-303', substance: 'NH3', storage: 'pressurized', sphere: true, at: [150, 430], d: 12.3, h: 12.3, t: 20, p: 750, density: 610, label: { zh: '液氨球罐', en: 'Ammonia sphere' }, pBand: NH3_P, tBand: AMBIENT },
        ],
      },
    ],
    racks: [
      [
        [120, 400],
        [120, 262],
        [185, 262],
        [185, 12],
      ],
    ],
    musters: musters(200, [380, 560]),
  },
  {
    id: 'huichuan-petrochem',
    code: 'PC',
    zh: '汇川石化溶剂有限公司',
    en: 'Huichuan Petrochemical Solvents Co., Ltd.',
    sector: 'petrochemical solvents',
    e0: 450,
    side: 1,
    fence,
    roads: [
      [
        [200, 0],
        [200, 110],
        [200, 400],
      ],
      [
        [200, 110],
        [185, 110],
      ],
    ],
    buildings: [
      gatehouse(200),
      office(80, [40, 45], 90, 30, 24),
      ccr(16, [250, 45], 50, 30),
      lab(18, [320, 45], 50, 25),
      { key: 'WS', use: 'workshop', zh: '维修车间', en: 'Maintenance workshop', at: [40, 95], w: 80, d: 30, h: 12, occ: 35 },
      { key: 'FS', use: 'fire_station', zh: '企业专职消防队', en: 'Plant fire brigade', at: [140, 95], w: 40, d: 30, h: 10, occ: 20 },
      { key: 'WH', use: 'warehouse', zh: '桶装品仓库', en: 'Drum warehouse', at: [250, 95], w: 70, d: 30, h: 10, occ: 8 },
      substation([340, 95]),
    ],
    areas: [
      {
        key: 'P1',
        zh: '芳烃及甲醇装置区',
        en: 'Aromatics and methanol area',
        units: [
          { tag: 'U51', kind: 'column', zh: '芳烃抽提塔', en: 'Aromatics extraction', at: [40, 180], w: 30, d: 20, h: 45, substances: ['C6H6', 'C7H8'], p: 150, t: 120 },
          { tag: 'U52', kind: 'column', zh: '苯-甲苯分馏塔', en: 'Benzene–toluene fractionation', at: [78, 180], w: 30, d: 20, h: 50, substances: ['C6H6', 'C7H8'], p: 60, t: 110 },
          { tag: 'U53', kind: 'column', zh: '甲醇精馏塔', en: 'Methanol distillation', at: [116, 180], w: 28, d: 18, h: 48, substances: ['CH3OH'], p: 80, t: 75 },
          { tag: 'U55', kind: 'furnace', zh: '导热油加热炉', en: 'Fired heater', at: [40, 208], w: 20, d: 14, h: 30, substances: ['CH4'], p: 300, t: 380 },
        ],
      },
      {
        key: 'P2',
        zh: '环氧乙烷装置区',
        en: 'Ethylene oxide area',
        units: [
          { tag: 'U54', kind: 'reactor', zh: '环氧乙烷反应器', en: 'Ethylene oxide reactor', at: [250, 180], w: 30, d: 22, h: 25, substances: ['C2H4O'], p: 2000, t: 250 },
        ],
      },
    ],
    farms: [
      {
        key: 'TF1',
        zh: '芳烃甲醇罐区',
        en: 'Aromatics and methanol tank farm',
        tanks: (
          [
            ['T-501', 'C6H6', [55, 330], 18, 16],
            ['T-502', 'C6H6', [80, 330], 18, 16],
            ['T-503', 'C6H6', [105, 330], 18, 16],
            ['T-504', 'C7H8', [130, 330], 16, 14],
            ['T-505', 'C7H8', [153, 330], 16, 14],
            ['T-506', 'CH3OH', [58, 362], 20, 16],
            ['T-507', 'CH3OH', [84, 362], 20, 16],
            ['T-508', 'CH3OH', [110, 362], 20, 16],
          ] as const
        ).map(([tag, substance, at, d, h]) => ({ tag, substance, storage: 'atmospheric', at, d, h, t: 25, p: 0.5, pBand: BLANKET_P, tBand: AMBIENT })),
      },
      {
        key: 'TF2',
        zh: '环氧乙烷罐区',
        en: 'Ethylene oxide tank farm',
        tanks: (
          [
            ['T-509', [268, 330]],
            ['T-510', [284, 330]],
          ] as const
        ).map(([tag, at]) => ({ tag, substance: 'C2H4O', storage: 'pressurized', sphere: true, at, d: 8, h: 8, t: 5, p: 300 })),
      },
    ],
    racks: [
      [
        [130, 314],
        [130, 250],
        [185, 250],
        [185, 12],
      ],
      [
        [276, 320],
        [276, 215],
        [215, 215],
        [215, 12],
      ],
    ],
    musters: musters(200, [380, 560]),
    fireStation: { zh: '汇川石化专职消防队', en: 'Huichuan plant fire brigade', at: [185, 110] },
  },
  {
    id: 'gangtong-gas',
    code: 'GS',
    zh: '青澜港通燃气储运有限公司',
    en: 'Qinglan Gangtong Gas Storage Co., Ltd.',
    sector: 'LPG, LNG and hydrogen storage',
    e0: 450,
    side: -1,
    fence,
    roads: [
      [
        [150, 0],
        [150, 340],
      ],
    ],
    buildings: [
      gatehouse(150),
      office(35, [40, 45], 60, 25, 16),
      lab(6, [40, 80], 40, 20),
      ccr(8, [200, 45], 40, 25),
      { key: 'WS', use: 'workshop', zh: '维修车间', en: 'Maintenance workshop', at: [260, 45], w: 50, d: 25, h: 10, occ: 15 },
      { key: 'WH', use: 'warehouse', zh: '备品备件库', en: 'Spares store', at: [330, 45], w: 50, d: 25, h: 8, occ: 4 },
    ],
    areas: [
      {
        key: 'P1',
        zh: '装卸及压缩区',
        en: 'Loading and compression area',
        units: [
          { tag: 'U71', kind: 'other', zh: '液化气装卸泵房', en: 'LPG pump house and loading bays', at: [200, 160], w: 36, d: 18, h: 8, substances: ['C3H8'], p: 1600, t: 25 },
          { tag: 'U72', kind: 'compressor', zh: '氢气压缩机房', en: 'Hydrogen compressor house', at: [244, 160], w: 28, d: 16, h: 8, substances: ['H2'], p: 4500, t: 45 },
          { tag: 'U73', kind: 'exchanger', zh: 'LNG气化器', en: 'LNG vaporisers', at: [200, 186], w: 28, d: 18, h: 10, substances: ['CH4'], p: 1000, t: 5 },
          { tag: 'U74', kind: 'other', zh: '长管拖车充装区', en: 'Hydrogen tube-trailer filling bay', at: [244, 184], w: 28, d: 18, h: 7, substances: ['H2'], p: 20000, t: 30 },
        ],
      },
    ],
    farms: [
      {
        key: 'TF1',
        zh: '液化气球罐区',
        en: 'LPG sphere farm',
        tanks: (
          [
            ['T-701', [60, 300]],
            ['T-702', [80, 300]],
            ['T-703', [60, 320]],
            ['T-704', [80, 320]],
          ] as const
        ).map(([tag, at]) => ({
          tag,
          substance: 'C3H8',
          storage: 'pressurized',
          sphere: true,
          at,
          d: 12.3,
          h: 12.3,
          t: 20,
          p: 750,
          label: { zh: '液化石油气球罐', en: 'LPG sphere' },
          pBand: LPG_P,
          tBand: AMBIENT,
        })),
      },
      {
        key: 'TF2',
        zh: 'LNG储罐区',
        en: 'LNG tank',
        tanks: [
          { tag: 'T-705', substance: 'CH4', storage: 'refrigerated', at: [120, 310], d: 16, h: 14, t: -162, p: 15, label: { zh: 'LNG储罐', en: 'LNG tank' }, pBand: [5, 8, 22, 25], tBand: [-175, -170, -155, -145] },
        ],
      },
      {
        key: 'TF3',
        zh: '氢气储罐区',
        en: 'Hydrogen storage',
        tanks: (
          [
            ['T-706', [230, 300]],
            ['T-707', [238, 300]],
            ['T-708', [246, 300]],
          ] as const
        ).map(([tag, at]) => ({ tag, substance: 'H2', storage: 'pressurized', at, d: 3.2, h: 16, t: 20, p: 4500, label: { zh: '氢气储罐', en: 'Hydrogen vessel' }, tBand: AMBIENT })),
      },
    ],
    racks: [
      [
        [100, 290],
        [100, 230],
        [185, 230],
        [185, 12],
      ],
      [
        [238, 292],
        [238, 214],
      ],
    ],
    musters: musters(150, [380, 560]),
  },
  {
    id: 'ruifeng-pharma',
    code: 'PH',
    zh: '瑞丰医药中间体有限公司',
    en: 'Ruifeng Pharmaceutical Intermediates Co., Ltd.',
    sector: 'pharmaceutical intermediates',
    e0: -450,
    side: -1,
    fence,
    roads: [
      [
        [200, 0],
        [200, 380],
        [320, 380],
      ],
    ],
    buildings: [
      gatehouse(200),
      office(55, [40, 45], 70, 30, 18),
      ccr(12, [250, 45], 40, 30),
      lab(20, [300, 45], 40, 25),
      { key: 'WS', use: 'workshop', zh: '合成车间', en: 'Synthesis workshop', at: [40, 100], w: 80, d: 35, h: 16, occ: 40 },
      { key: 'WH', use: 'warehouse', zh: '原料仓库', en: 'Raw materials warehouse', at: [250, 100], w: 60, d: 30, h: 10, occ: 6 },
      substation([330, 100]),
    ],
    areas: [
      {
        key: 'P1',
        zh: '氢氰酸及丙烯腈装置区',
        en: 'HCN and acrylonitrile area',
        units: [
          { tag: 'U94', kind: 'reactor', zh: '氢氰酸合成反应器', en: 'HCN (Andrussow) reactor', at: [40, 200], w: 24, d: 18, h: 20, substances: ['HCN', 'NH3', 'CH4'], p: 100, t: 1050 },
          { tag: 'U95', kind: 'column', zh: '丙烯腈精制塔', en: 'Acrylonitrile purification', at: [72, 200], w: 24, d: 16, h: 35, substances: ['C3H3N', 'HCN'], p: 60, t: 85 },
        ],
      },
      {
        key: 'P2',
        zh: '光气装置区',
        en: 'Phosgene area',
        restricted: { zh: '光气装置限制区', en: 'Phosgene restricted area', margin: 25, maxStay_s: 900 },
        units: [
          { tag: 'U93', kind: 'furnace', zh: '一氧化碳发生炉', en: 'CO generator', at: [260, 300], w: 24, d: 16, h: 18, substances: ['CO'], p: 200, t: 500 },
          { tag: 'U91', kind: 'reactor', zh: '光气合成反应器', en: 'Phosgene synthesis', at: [292, 300], w: 24, d: 18, h: 20, substances: ['COCl2', 'CO', 'Cl2'], p: 150, t: 120 },
          { tag: 'U92', kind: 'reactor', zh: '光气化反应釜', en: 'Phosgenation reactors', at: [260, 324], w: 30, d: 20, h: 18, substances: ['COCl2', 'HCl'], p: 120, t: 80 },
        ],
      },
    ],
    farms: [
      {
        key: 'TF1',
        zh: '丙烯腈及氢氰酸罐区',
        en: 'Acrylonitrile and HCN tank farm',
        tanks: [
          { tag: 'T-901', substance: 'C3H3N', storage: 'atmospheric', at: [60, 420], d: 10, h: 10, t: 20, p: 0.5, pBand: BLANKET_P, tBand: AMBIENT },
          { tag: 'T-902', substance: 'C3H3N', storage: 'atmospheric', at: [78, 420], d: 10, h: 10, t: 20, p: 0.5, pBand: BLANKET_P, tBand: AMBIENT },
          { tag: 'T-903', substance: 'HCN', storage: 'refrigerated', at: [96, 420], d: 4, h: 6, t: 5, p: 2, pBand: [-0.3, 0.5, 5, 8], tBand: [0, 2, 10, 15] },
        ],
      },
      {
        key: 'TF2',
        zh: '液氯储罐',
        en: 'Liquid chlorine tank',
        tanks: [{ tag: 'T-904', substance: 'Cl2', storage: 'pressurized', at: [300, 400], d: 2.6, h: 8, t: 20, p: 600, pBand: CL2_P, tBand: AMBIENT }],
      },
    ],
    racks: [
      [
        [80, 410],
        [80, 300],
        [185, 300],
        [185, 12],
      ],
      [
        [300, 390],
        [300, 352],
        [230, 352],
        [230, 12],
      ],
    ],
    musters: musters(200, [380, 560]),
  },
  {
    id: 'park-wastewater',
    code: 'WW',
    zh: '青澜湾园区污水处理有限公司',
    en: 'Qinglan Bay Park Wastewater Treatment Co., Ltd.',
    sector: 'wastewater treatment',
    e0: 0,
    side: 1,
    fence: { u0: 25, u1: 425, v0: 25, v1: 330 },
    roads: [
      [
        [200, 0],
        [200, 220],
      ],
    ],
    buildings: [
      gatehouse(200),
      office(20, [40, 45], 50, 25, 12),
      ccr(6, [110, 45], 30, 20),
      lab(8, [150, 45], 30, 20),
      { key: 'WS', use: 'workshop', zh: '污泥脱水车间', en: 'Sludge dewatering house', at: [250, 45], w: 50, d: 25, h: 10, occ: 10 },
      { key: 'WH', use: 'warehouse', zh: '药剂库', en: 'Chemicals store', at: [320, 45], w: 40, d: 20, h: 8, occ: 2 },
    ],
    areas: [
      {
        key: 'P1',
        zh: '污水处理区',
        en: 'Treatment area',
        units: [
          { tag: 'U21', kind: 'other', zh: '加盖调节池', en: 'Covered equalisation basin', at: [40, 150], w: 50, d: 25, h: 5, substances: ['H2S', 'CH4'], p: -0.2, t: 25, pBand: [-0.8, -0.5, 0, 0.2] },
          { tag: 'U22', kind: 'reactor', zh: '厌氧反应器', en: 'Anaerobic reactor', at: [100, 150], w: 20, d: 20, h: 18, substances: ['H2S', 'CH4'], p: 3, t: 35 },
          { tag: 'U23', kind: 'other', zh: '生物除臭滤池', en: 'Odour biofilter', at: [40, 183], w: 40, d: 14, h: 6, substances: ['H2S'], p: -0.5, t: 28, pBand: [-1.5, -1, 0, 0.2] },
        ],
      },
    ],
    farms: [
      {
        key: 'TF1',
        zh: '沼气柜',
        en: 'Biogas holder',
        tanks: [
          { tag: 'T-201', substance: 'CH4', storage: 'atmospheric', at: [160, 170], d: 12, h: 10, t: 30, p: 3, density: 1.2, label: { zh: '沼气柜', en: 'Biogas holder' }, pBand: [0.5, 1, 4.5, 5], tBand: AMBIENT },
        ],
      },
    ],
    racks: [
      [
        [152, 160],
        [130, 160],
        [130, 212],
        [185, 212],
        [185, 12],
      ],
    ],
    musters: musters(200, [380, 300]),
  },
]

/** Plant coordinates (u, v) → park metres. */
export const uv = (pl: PlantSpec, p: Pt): Pt => [pl.e0 + p[0], pl.side * p[1]]

export function uvRect(pl: PlantSpec, at: Pt, w: number, d: number): Rect {
  const a = uv(pl, at)
  const b = uv(pl, [at[0] + w, at[1] + d])
  return rect(a[0], a[1], b[0], b[1])
}

export const fenceRect = (pl: PlantSpec) =>
  uvRect(pl, [pl.fence.u0, pl.fence.v0], pl.fence.u1 - pl.fence.u0, pl.fence.v1 - pl.fence.v0)
export const unitRect = (pl: PlantSpec, u: UnitSpec) => uvRect(pl, u.at, u.w, u.d)
export const buildingRect = (pl: PlantSpec, b: BuildingSpec) => uvRect(pl, b.at, b.w, b.d)
/** Bounding square of a tank's shell. */
export function tankRect(pl: PlantSpec, t: TankSpec): Rect {
  const c = uv(pl, t.at)
  return rect(c[0] - t.d / 2, c[1] - t.d / 2, c[0] + t.d / 2, c[1] + t.d / 2)
}
