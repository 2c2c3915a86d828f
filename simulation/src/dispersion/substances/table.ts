/**
 * Hazardous substances common in Chinese chemical parks, with the properties the source and
 * dispersion models need and the levels of concern responders use.
 *
 * Every number carries its source in the `src` map of its entry (keys match field names). The
 * abbreviations are expanded in SOURCES below. Toxic levels are kept in ppm exactly as the
 * tables publish them; conversion to mg/m³ happens at 25 °C, 1 atm (see properties.ts).
 *
 * Audit note: the values were transcribed from the named tables; before a value is used for a
 * regulatory submission, check it against the current edition (AEGLs in particular are revised).
 */

export const SOURCES = {
  AEGL: 'US EPA Acute Exposure Guideline Levels, table of final/interim values (epa.gov/aegl), ppm',
  ERPG: 'AIHA Emergency Response Planning Guidelines Handbook (2020), ppm',
  IDLH: 'NIOSH Immediately Dangerous to Life or Health values (NIOSH 1994 documentation), ppm',
  NPG: 'NIOSH Pocket Guide to Chemical Hazards (DHHS 2005-149), LEL/UEL vol %',
  CRC: 'CRC Handbook of Chemistry and Physics (97th ed.): molar mass, normal boiling point, enthalpy of vaporisation at Tb',
  PERRY:
    "Perry's Chemical Engineers' Handbook (8th ed.), Tables 2-32 (liquid density) and 2-153/2-156 (heat capacities)",
  LANGE: "Lange's Handbook of Chemistry (15th ed.) Table 5.8, Antoine constants, log10 P[mmHg] = A - B/(t[°C] + C)",
  CC: 'Clausius–Clapeyron through the normal boiling point with the CRC enthalpy of vaporisation (no Antoine set transcribed)',
  GAMMA: 'Ratio of ideal-gas heat capacities cp/cv at 25 °C from Perry Table 2-156 / NIST WebBook',
} as const

export type SourceKey = keyof typeof SOURCES

/** Three durations (10, 30, 60 min) of one AEGL tier in ppm; null = not recommended / not set. */
export type AeglTier = readonly [number | null, number | null, number | null] | null

export interface SubstanceRecord {
  id: string
  name: string
  nameZh: string
  cas: string
  aliases: readonly string[]
  /** kg/kmol (= g/mol) */
  molarMass: number
  /** normal boiling point, K */
  boilingPointK: number
  /** enthalpy of vaporisation at Tb, J/mol */
  heatOfVaporisation: number
  /** liquid density near Tb or 20 °C (whichever is the liquid state in storage), kg/m³ */
  liquidDensity: number
  /** liquid heat capacity, J/(kg K) */
  liquidCp: number
  /** ideal-gas cp/cv */
  gamma: number
  /** Antoine constants in Lange's form (mmHg, °C), or null to use Clausius–Clapeyron */
  antoine: { A: number; B: number; C: number } | null
  aegl1: AeglTier
  aegl2: AeglTier
  aegl3: AeglTier
  /** ERPG-1/2/3, ppm (null = not set for that tier) */
  erpg: readonly [number | null, number | null, number | null] | null
  idlhPpm: number | null
  /** flammability limits, vol % in air */
  lelPct: number | null
  uelPct: number | null
  /** Which source each group of numbers comes from. */
  src: {
    thermo: SourceKey
    density: SourceKey
    vapourPressure: SourceKey
    gamma: SourceKey
    aegl: SourceKey
    erpg: SourceKey
    idlh: SourceKey
    flammability: SourceKey
  }
}

const STD_SRC = {
  thermo: 'CRC',
  density: 'PERRY',
  vapourPressure: 'LANGE',
  gamma: 'GAMMA',
  aegl: 'AEGL',
  erpg: 'ERPG',
  idlh: 'IDLH',
  flammability: 'NPG',
} as const satisfies SubstanceRecord['src']
const CC_SRC = { ...STD_SRC, vapourPressure: 'CC' } as const satisfies SubstanceRecord['src']

// A data table: one substance per block reads better than prettier's one-field-per-line layout.
// prettier-ignore
export const SUBSTANCES: readonly SubstanceRecord[] = [
  {
    id: 'chlorine', name: 'Chlorine', nameZh: '氯气', cas: '7782-50-5', aliases: ['cl2', '氯', '液氯'],
    molarMass: 70.906, boilingPointK: 239.11, heatOfVaporisation: 20410, liquidDensity: 1563, liquidCp: 926, gamma: 1.33,
    antoine: { A: 6.9379, B: 861.34, C: 246.33 },
    aegl1: [0.5, 0.5, 0.5], aegl2: [2.8, 2.8, 2.0], aegl3: [50, 28, 20], erpg: [1, 3, 20], idlhPpm: 10,
    lelPct: null, uelPct: null, src: STD_SRC,
  },
  {
    id: 'ammonia', name: 'Ammonia', nameZh: '氨', cas: '7664-41-7', aliases: ['nh3', '液氨', '氨气'],
    molarMass: 17.031, boilingPointK: 239.82, heatOfVaporisation: 23330, liquidDensity: 682, liquidCp: 4440, gamma: 1.31,
    antoine: { A: 7.3605, B: 926.132, C: 240.17 },
    aegl1: [30, 30, 30], aegl2: [220, 220, 160], aegl3: [2700, 1600, 1100], erpg: [25, 150, 1500], idlhPpm: 300,
    lelPct: 15, uelPct: 28, src: STD_SRC,
  },
  {
    id: 'hydrogen-sulfide', name: 'Hydrogen sulfide', nameZh: '硫化氢', cas: '7783-06-4', aliases: ['h2s', 'hydrogen sulphide'],
    molarMass: 34.081, boilingPointK: 212.85, heatOfVaporisation: 18670, liquidDensity: 950, liquidCp: 1980, gamma: 1.32,
    antoine: null,
    aegl1: [0.75, 0.6, 0.51], aegl2: [41, 32, 27], aegl3: [76, 59, 50], erpg: [0.1, 30, 100], idlhPpm: 100,
    lelPct: 4.0, uelPct: 44, src: CC_SRC,
  },
  {
    id: 'hydrogen-chloride', name: 'Hydrogen chloride', nameZh: '氯化氢', cas: '7647-01-0', aliases: ['hcl'],
    molarMass: 36.461, boilingPointK: 188.1, heatOfVaporisation: 16150, liquidDensity: 1191, liquidCp: 1600, gamma: 1.41,
    antoine: { A: 7.17, B: 745.8, C: 258.88 },
    aegl1: [1.8, 1.8, 1.8], aegl2: [100, 43, 22], aegl3: [620, 210, 100], erpg: [3, 20, 150], idlhPpm: 50,
    lelPct: null, uelPct: null, src: STD_SRC,
  },
  {
    id: 'sulfur-dioxide', name: 'Sulfur dioxide', nameZh: '二氧化硫', cas: '7446-09-5', aliases: ['so2', 'sulphur dioxide'],
    molarMass: 64.066, boilingPointK: 263.13, heatOfVaporisation: 24940, liquidDensity: 1460, liquidCp: 1360, gamma: 1.29,
    antoine: { A: 7.28228, B: 999.9, C: 237.19 },
    aegl1: [0.2, 0.2, 0.2], aegl2: [0.75, 0.75, 0.75], aegl3: [42, 32, 27], erpg: [0.3, 3, 15], idlhPpm: 100,
    lelPct: null, uelPct: null, src: STD_SRC,
  },
  {
    id: 'carbon-monoxide', name: 'Carbon monoxide', nameZh: '一氧化碳', cas: '630-08-0', aliases: ['co'],
    molarMass: 28.01, boilingPointK: 81.6, heatOfVaporisation: 6040, liquidDensity: 789, liquidCp: 2150, gamma: 1.4,
    antoine: { A: 6.24021, B: 230.27, C: 260.01 },
    aegl1: null, aegl2: [420, 150, 83], aegl3: [1700, 600, 330], erpg: [200, 350, 500], idlhPpm: 1200,
    lelPct: 12.5, uelPct: 74, src: STD_SRC,
  },
  {
    id: 'methane', name: 'Methane', nameZh: '甲烷', cas: '74-82-8', aliases: ['ch4', 'natural gas', 'lng', '天然气'],
    molarMass: 16.043, boilingPointK: 111.66, heatOfVaporisation: 8190, liquidDensity: 422.6, liquidCp: 3480, gamma: 1.31,
    antoine: { A: 6.61184, B: 389.93, C: 266.0 },
    aegl1: null, aegl2: null, aegl3: null, erpg: null, idlhPpm: null,
    lelPct: 5.0, uelPct: 15, src: STD_SRC,
  },
  {
    id: 'propane', name: 'Propane', nameZh: '丙烷', cas: '74-98-6', aliases: ['c3h8', 'lpg', '液化石油气'],
    molarMass: 44.097, boilingPointK: 231.04, heatOfVaporisation: 19040, liquidDensity: 581, liquidCp: 2240, gamma: 1.13,
    antoine: { A: 6.80398, B: 803.81, C: 246.99 },
    aegl1: [10000, 6900, 5500], aegl2: [17000, 17000, 17000], aegl3: [33000, 33000, 33000], erpg: null, idlhPpm: 2100,
    lelPct: 2.1, uelPct: 9.5, src: STD_SRC,
  },
  {
    id: 'hydrogen', name: 'Hydrogen', nameZh: '氢气', cas: '1333-74-0', aliases: ['h2'],
    molarMass: 2.016, boilingPointK: 20.28, heatOfVaporisation: 904, liquidDensity: 70.8, liquidCp: 9660, gamma: 1.41,
    antoine: null,
    aegl1: null, aegl2: null, aegl3: null, erpg: null, idlhPpm: null,
    lelPct: 4.0, uelPct: 75, src: CC_SRC,
  },
  {
    id: 'benzene', name: 'Benzene', nameZh: '苯', cas: '71-43-2', aliases: ['c6h6'],
    molarMass: 78.112, boilingPointK: 353.24, heatOfVaporisation: 30720, liquidDensity: 876.5, liquidCp: 1740, gamma: 1.1,
    antoine: { A: 6.90565, B: 1211.033, C: 220.79 },
    aegl1: [130, 73, 52], aegl2: [2000, 1100, 800], aegl3: [9700, 5600, 4000], erpg: [50, 150, 1000], idlhPpm: 500,
    lelPct: 1.2, uelPct: 7.8, src: STD_SRC,
  },
  {
    id: 'toluene', name: 'Toluene', nameZh: '甲苯', cas: '108-88-3', aliases: ['c7h8', 'methylbenzene'],
    molarMass: 92.138, boilingPointK: 383.75, heatOfVaporisation: 33180, liquidDensity: 866.9, liquidCp: 1710, gamma: 1.09,
    antoine: { A: 6.95464, B: 1344.8, C: 219.482 },
    aegl1: [67, 67, 67], aegl2: [1400, 760, 560], aegl3: [10000, 5200, 3700], erpg: [50, 300, 1000], idlhPpm: 500,
    lelPct: 1.1, uelPct: 7.1, src: STD_SRC,
  },
  {
    id: 'methanol', name: 'Methanol', nameZh: '甲醇', cas: '67-56-1', aliases: ['ch3oh', 'methyl alcohol'],
    molarMass: 32.042, boilingPointK: 337.8, heatOfVaporisation: 35210, liquidDensity: 791.4, liquidCp: 2530, gamma: 1.2,
    antoine: { A: 8.08097, B: 1582.271, C: 239.726 },
    aegl1: [670, 670, 530], aegl2: [11000, 4000, 2100], aegl3: [40000, 14000, 7200], erpg: [200, 1000, 5000],
    idlhPpm: 6000, lelPct: 6.0, uelPct: 36, src: STD_SRC,
  },
  {
    id: 'phosgene', name: 'Phosgene', nameZh: '光气', cas: '75-44-5', aliases: ['cocl2', 'carbonyl chloride'],
    molarMass: 98.916, boilingPointK: 281.5, heatOfVaporisation: 24400, liquidDensity: 1432, liquidCp: 1020, gamma: 1.17,
    antoine: null,
    aegl1: null, aegl2: [0.6, 0.6, 0.3], aegl3: [3.6, 1.5, 0.75], erpg: [null, 0.5, 1.5], idlhPpm: 2,
    lelPct: null, uelPct: null, src: CC_SRC,
  },
  {
    id: 'hydrogen-cyanide', name: 'Hydrogen cyanide', nameZh: '氰化氢', cas: '74-90-8', aliases: ['hcn', 'prussic acid'],
    molarMass: 27.025, boilingPointK: 298.8, heatOfVaporisation: 25220, liquidDensity: 687.6, liquidCp: 2610, gamma: 1.31,
    antoine: { A: 7.5282, B: 1329.5, C: 260.4 },
    aegl1: [2.5, 2.5, 2.0], aegl2: [17, 10, 7.1], aegl3: [27, 21, 15], erpg: [null, 10, 25], idlhPpm: 50,
    lelPct: 5.6, uelPct: 40, src: STD_SRC,
  },
  {
    id: 'ethylene-oxide', name: 'Ethylene oxide', nameZh: '环氧乙烷', cas: '75-21-8', aliases: ['eo', 'c2h4o', 'oxirane'],
    molarMass: 44.053, boilingPointK: 283.6, heatOfVaporisation: 25520, liquidDensity: 882, liquidCp: 1950, gamma: 1.21,
    antoine: { A: 7.12843, B: 1054.54, C: 237.76 },
    aegl1: null, aegl2: [80, 80, 45], aegl3: [360, 360, 200], erpg: [null, 50, 500], idlhPpm: 800,
    lelPct: 3.0, uelPct: 100, src: STD_SRC,
  },
  {
    id: 'acrylonitrile', name: 'Acrylonitrile', nameZh: '丙烯腈', cas: '107-13-1', aliases: ['c3h3n', 'vinyl cyanide', 'acn'],
    molarMass: 53.063, boilingPointK: 350.5, heatOfVaporisation: 32600, liquidDensity: 806, liquidCp: 2090, gamma: 1.14,
    antoine: null,
    aegl1: [4.6, 4.6, 4.6], aegl2: [290, 110, 57], aegl3: [480, 180, 100], erpg: [10, 35, 75], idlhPpm: 85,
    lelPct: 3.0, uelPct: 17, src: CC_SRC,
  },
]
