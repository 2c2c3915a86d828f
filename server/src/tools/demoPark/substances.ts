/**
 * What the generator needs to know about each substance stored or processed in the demo park:
 * names, liquid density (to turn a tank's volume into a capacity in kg), vapour density relative
 * to air (heavy gases are detected near the ground, light ones up high), and how it is detected.
 *
 * Toxic set-points follow the GB/T 50493-2019 habit: level 1 at about the occupational exposure
 * limit (GBZ 2.1 MAC or PC-STEL, converted to ppm at 25 °C) and level 2 at about twice that,
 * rounded to values a plant would actually configure. Combustible detectors alarm at 25 / 50 %LEL.
 */
export type DetectorKind = 'combustible' | 'toxic'

export interface SubstanceInfo {
  zh: string
  en: string
  /** kg/m³ of the stored phase (liquid, or the compressed gas for H2); absent if never stored. */
  storedDensity?: number
  /** Vapour density relative to air. */
  vapourRel: number
  /** Detector channels installed where this substance can leak, in order of importance. */
  detect: readonly DetectorKind[]
  toxic?: { high: number; highHigh: number; max: number }
}

// One substance per line reads as a table; keep Prettier from exploding it.
// prettier-ignore
export const SUBSTANCES: Record<string, SubstanceInfo> = {
  Cl2:   { zh: '氯气', en: 'chlorine', storedDensity: 1410, vapourRel: 2.45, detect: ['toxic'], toxic: { high: 0.5, highHigh: 1, max: 10 } },
  H2:    { zh: '氢气', en: 'hydrogen', storedDensity: 3.6, vapourRel: 0.07, detect: ['combustible'] },
  HCl:   { zh: '氯化氢', en: 'hydrogen chloride', storedDensity: 1190, vapourRel: 1.27, detect: ['toxic'], toxic: { high: 3, highHigh: 6, max: 30 } },
  NH3:   { zh: '氨', en: 'ammonia', storedDensity: 640, vapourRel: 0.59, detect: ['toxic'], toxic: { high: 25, highHigh: 50, max: 100 } },
  CO:    { zh: '一氧化碳', en: 'carbon monoxide', vapourRel: 0.97, detect: ['toxic'], toxic: { high: 24, highHigh: 48, max: 500 } },
  CH4:   { zh: '甲烷', en: 'methane', storedDensity: 450, vapourRel: 0.55, detect: ['combustible'] },
  C6H6:  { zh: '苯', en: 'benzene', storedDensity: 876, vapourRel: 2.7, detect: ['combustible', 'toxic'], toxic: { high: 3, highHigh: 6, max: 50 } },
  C7H8:  { zh: '甲苯', en: 'toluene', storedDensity: 867, vapourRel: 3.1, detect: ['combustible'] },
  CH3OH: { zh: '甲醇', en: 'methanol', storedDensity: 792, vapourRel: 1.1, detect: ['combustible'] },
  C2H4O: { zh: '环氧乙烷', en: 'ethylene oxide', storedDensity: 882, vapourRel: 1.5, detect: ['toxic', 'combustible'], toxic: { high: 1, highHigh: 2, max: 20 } },
  C3H8:  { zh: '丙烷', en: 'propane', storedDensity: 500, vapourRel: 1.55, detect: ['combustible'] },
  COCl2: { zh: '光气', en: 'phosgene', storedDensity: 1380, vapourRel: 3.4, detect: ['toxic'], toxic: { high: 0.1, highHigh: 0.2, max: 1 } },
  HCN:   { zh: '氰化氢', en: 'hydrogen cyanide', storedDensity: 690, vapourRel: 0.94, detect: ['toxic'], toxic: { high: 1, highHigh: 2, max: 30 } },
  C3H3N: { zh: '丙烯腈', en: 'acrylonitrile', storedDensity: 806, vapourRel: 1.83, detect: ['toxic', 'combustible'], toxic: { high: 1, highHigh: 2, max: 20 } },
  H2S:   { zh: '硫化氢', en: 'hydrogen sulphide', vapourRel: 1.19, detect: ['toxic'], toxic: { high: 10, highHigh: 20, max: 100 } },
}

export function substance(id: string): SubstanceInfo {
  const s = SUBSTANCES[id]
  if (!s) throw new Error(`demo park: no substance data for "${id}"`)
  return s
}

/**
 * Detector mounting height (m). GB/T 50493: gases heavier than air 0.3–0.6 m above ground,
 * lighter ones above the release source; gases close to air's density at breathing height.
 */
export function detectorHeight(id: string): number {
  const rel = substance(id).vapourRel
  if (rel >= 1.05) return 0.5
  if (rel <= 0.2) return 4.5
  if (rel <= 0.75) return 2.5
  return 1.6
}
