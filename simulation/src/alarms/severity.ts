/**
 * The four warning colours of Chinese emergency practice (红橙黄蓝, levels I–IV). Colours are
 * the ones the twin uses for sensors so a red alarm line and a red detector match on the wall.
 */
import type { CreditGrade, Severity } from './types'

export const SEVERITIES: readonly Severity[] = ['red', 'orange', 'yellow', 'blue']

export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  red: '#ff2d2d',
  orange: '#ff7a00',
  yellow: '#ffd400',
  blue: '#2f8cff',
}

export const SEVERITY_LABELS: Readonly<Record<Severity, { zh: string; en: string; level: string }>> = {
  red: { zh: '红色', en: 'Red', level: 'Ⅰ' },
  orange: { zh: '橙色', en: 'Orange', level: 'Ⅱ' },
  yellow: { zh: '黄色', en: 'Yellow', level: 'Ⅲ' },
  blue: { zh: '蓝色', en: 'Blue', level: 'Ⅳ' },
}

/** Higher is more severe; used to pick a group's colour and to sort. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { red: 4, orange: 3, yellow: 2, blue: 1 }

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b
}

export const CREDIT_GRADES: readonly CreditGrade[] = ['A', 'B', 'C', 'D']

export const CREDIT_LABELS: Readonly<Record<CreditGrade, { zh: string; en: string }>> = {
  A: { zh: 'A级（诚信）', en: 'A (trustworthy)' },
  B: { zh: 'B级（基本诚信）', en: 'B (mostly trustworthy)' },
  C: { zh: 'C级（失信）', en: 'C (untrustworthy)' },
  D: { zh: 'D级（严重失信）', en: 'D (seriously untrustworthy)' },
}

/** The grade one step lower, D stays D. */
export function lowerGrade(g: CreditGrade): CreditGrade {
  return CREDIT_GRADES[Math.min(CREDIT_GRADES.length - 1, CREDIT_GRADES.indexOf(g) + 1)]
}
