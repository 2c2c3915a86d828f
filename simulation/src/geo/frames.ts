/**
 * Geographic frames. Files and maps speak WGS84 lon/lat; the 3D twin and the physics speak
 * local east/north/up metres from the scene origin. A site is a few km across, so a local
 * tangent plane with the WGS84 radii of curvature is accurate to millimetres-to-centimetres
 * there, and it is cheap enough to run per point per frame.
 */
export type LngLat = readonly [lng: number, lat: number]

/** Local east/north/up metres from a scene origin. */
export interface Enu {
  e: number
  n: number
  u: number
}

export interface GeoOrigin {
  lng: number
  lat: number
  alt_m: number
}

const A = 6378137 // WGS84 semi-major axis, m
const E2 = 0.00669437999014 // WGS84 first eccentricity squared
const DEG = Math.PI / 180

/** Prime-vertical radius of curvature N(φ), m. */
function primeVertical(latRad: number): number {
  const s = Math.sin(latRad)
  return A / Math.sqrt(1 - E2 * s * s)
}

/** Meridional radius of curvature M(φ), m. */
function meridional(latRad: number): number {
  const s = Math.sin(latRad)
  return (A * (1 - E2)) / Math.pow(1 - E2 * s * s, 1.5)
}

/**
 * lon/lat (+ altitude) → local east/north/up metres.
 * North uses the meridional radius at the mid latitude (arc length); east uses the parallel's
 * radius at the point's own latitude, so the two functions invert each other exactly.
 */
export function toLocal(origin: GeoOrigin, p: LngLat, alt_m = origin.alt_m): Enu {
  const lat0 = origin.lat * DEG
  const lat = p[1] * DEG
  const mid = (lat0 + lat) / 2
  const n = (lat - lat0) * meridional(mid)
  const e = (p[0] - origin.lng) * DEG * primeVertical(lat) * Math.cos(lat)
  return { e, n, u: alt_m - origin.alt_m }
}

/** local east/north metres → lon/lat. Inverse of `toLocal` (fixed-point on the mid latitude). */
export function toLngLat(origin: GeoOrigin, e: number, n: number): LngLat {
  const lat0 = origin.lat * DEG
  let lat = lat0 + n / meridional(lat0)
  for (let i = 0; i < 3; i++) lat = lat0 + n / meridional((lat0 + lat) / 2)
  const lng = origin.lng + e / (primeVertical(lat) * Math.cos(lat)) / DEG
  return [lng, lat / DEG]
}

/** Local metres of a ring of lon/lat points, as a flat [e0,n0,e1,n1,…] array. */
export function ringToLocal(origin: GeoOrigin, ring: readonly LngLat[]): Float64Array {
  const out = new Float64Array(ring.length * 2)
  for (let i = 0; i < ring.length; i++) {
    const p = toLocal(origin, ring[i])
    out[2 * i] = p.e
    out[2 * i + 1] = p.n
  }
  return out
}

/** Great-circle-free planar distance in metres between two lon/lat points near an origin. */
export function localDistance(origin: GeoOrigin, a: LngLat, b: LngLat): number {
  const pa = toLocal(origin, a)
  const pb = toLocal(origin, b)
  return Math.hypot(pa.e - pb.e, pa.n - pb.n)
}
