/**
 * People buffer → InstancedMesh arrays, as plain typed-array writes (no three.js objects, nothing
 * allocated): a marker is an upright shape scaled uniformly, so its matrix is a diagonal scale
 * plus a translation. Colour by status, most urgent first: down (red, blinking), exposed (AEGL-1
 * lilac, AEGL-2 violet, AEGL-3 red-pink), in a hazardous zone (amber), lost (grey), normal
 * (white-cyan).
 */
import { PersonStatus } from '@sim/protocol/peopleFrame'
import type { PeopleBuffer } from './peopleBuffer'

export const PERSON_COLORS = {
  normal: '#c8f6ff',
  hazard: '#ffb000',
  down: '#ff2d2d',
  downDim: '#5c0a0a',
  aegl1: '#c9a2ff',
  aegl2: '#b04dff',
  aegl3: '#ff2d8a',
  lost: '#7d8796',
} as const

export const PERSON_COLOR_NAMES = Object.keys(PERSON_COLORS) as (keyof typeof PERSON_COLORS)[]

export const PersonColor = {
  normal: 0,
  hazard: 1,
  down: 2,
  downDim: 3,
  aegl1: 4,
  aegl2: 5,
  aegl3: 6,
  lost: 7,
} as const

/** Which colour a status byte shows; `blinkOn` alternates a person down between bright and dim red. */
export function personColor(status: number, blinkOn: boolean): number {
  if (status & PersonStatus.down) return blinkOn ? PersonColor.down : PersonColor.downDim
  const k = status & PersonStatus.exposureMask
  if (k > 0) return PersonColor.aegl1 + k - 1
  if (status & PersonStatus.hazardousZone) return PersonColor.hazard
  if (status & PersonStatus.lost) return PersonColor.lost
  return PersonColor.normal
}

/** Alarmed people are drawn larger so they stand out from across the room. */
export function personScale(status: number): number {
  return status & (PersonStatus.down | PersonStatus.exposureMask) ? 1.4 : 1
}

export interface InstanceTargets {
  /** 16 floats per instance, column-major (three.js InstancedMesh.instanceMatrix.array). */
  matrices: Float32Array
  /** 3 floats per instance (instanceColor.array). */
  colors: Float32Array
}

/**
 * Write every person: position interpolated from the previous to the last frame (`alpha` 0…1),
 * in three.js axes (x = east, y = up, z = −north); the shape's base on the ground (`lift` = half
 * its unit height). Never-located people get a zero matrix (invisible). `palette` is 3 floats per
 * PersonColor. Returns how many instances were written.
 */
export function writePersonInstances(
  buf: PeopleBuffer,
  out: InstanceTargets,
  palette: Float32Array,
  alpha: number,
  blinkOn: boolean,
  size: number,
  lift: number,
): number {
  const n = Math.min(buf.n, out.colors.length / 3, out.matrices.length / 16)
  const { prev, cur, status } = buf
  const m = out.matrices
  const a = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha
  for (let i = 0; i < n; i++) {
    const j = 3 * i
    const o = 16 * i
    let x = cur[j]
    let y = cur[j + 1]
    let z = cur[j + 2]
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      for (let k = 0; k < 16; k++) m[o + k] = 0
    } else {
      if (a < 1 && Number.isFinite(prev[j]) && Number.isFinite(prev[j + 1])) {
        x = prev[j] + (x - prev[j]) * a
        y = prev[j + 1] + (y - prev[j + 1]) * a
        const pz = Number.isFinite(prev[j + 2]) ? prev[j + 2] : z
        z = pz + (z - pz) * a
      }
      const s = size * personScale(status[i])
      const up = (Number.isFinite(z) && z > 0 ? z : 0) + lift * s
      m[o] = s
      m[o + 1] = 0
      m[o + 2] = 0
      m[o + 3] = 0
      m[o + 4] = 0
      m[o + 5] = s
      m[o + 6] = 0
      m[o + 7] = 0
      m[o + 8] = 0
      m[o + 9] = 0
      m[o + 10] = s
      m[o + 11] = 0
      m[o + 12] = x
      m[o + 13] = up
      m[o + 14] = -y
      m[o + 15] = 1
    }
    const c = 3 * personColor(status[i], blinkOn)
    out.colors[j] = palette[c]
    out.colors[j + 1] = palette[c + 1]
    out.colors[j + 2] = palette[c + 2]
  }
  return n
}
