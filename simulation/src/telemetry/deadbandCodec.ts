/**
 * Compact telemetry storage. Every `fullEveryMs` the recorder stores a full frame (the wire
 * frame: every device); in between it stores delta frames holding only the devices whose value
 * moved by more than its deadband since the value last stored, or whose status changed.
 *
 * Error bound (stated, and tested): for a device with status ok, the value rebuilt at any stored
 * instant differs from the true reading by at most its deadband; statuses are exact. The deadband
 * is `deadbandFrac` of the instrument span (default 0.5 %, below any alarm margin we use).
 *
 * Delta layout (little-endian):
 *   0 u8 magic 0x44 ('D') · 1 u8 version · 2 u16 flags · 4 u32 seq · 8 f64 t · 16 u32 device count n
 *   20 u32 k (changed devices) · 24 varint index gaps[k] · f32 values[k] (4-aligned) · u8 status[k]
 */
import { decodeFrame, encodeFrame } from '../protocol/telemetryFrame'
import { alignedView, writeFrameHeader } from '../protocol/binaryFrame'

export const DELTA_MAGIC = 0x44
const DELTA_VERSION = 1

export interface DeadbandState {
  /** Last stored value and status per device. */
  stored: Float32Array
  storedStatus: Uint8Array
  band: Float32Array
  lastFullT: number
  fullEveryMs: number
  /** Scratch for changed indices, reused every frame. */
  changed: Uint32Array
}

export function createDeadbandState(
  spans: ArrayLike<number>,
  opts: { deadbandFrac?: number; fullEveryMs?: number } = {},
): DeadbandState {
  const n = spans.length
  const frac = opts.deadbandFrac ?? 0.005
  const band = new Float32Array(n)
  for (let i = 0; i < n; i++) band[i] = Math.abs(spans[i]) * frac
  return {
    stored: new Float32Array(n).fill(NaN),
    storedStatus: new Uint8Array(n).fill(255),
    band,
    lastFullT: -Infinity,
    fullEveryMs: opts.fullEveryMs ?? 10_000,
    changed: new Uint32Array(n),
  }
}

export interface EncodedRecord {
  full: boolean
  data: Uint8Array
}

/** Decide full or delta for this frame and encode it; updates the stored reference values. */
export function encodeForStorage(
  s: DeadbandState,
  seq: number,
  t: number,
  flags: number,
  values: Float32Array,
  status: Uint8Array,
): EncodedRecord {
  const n = values.length
  if (t - s.lastFullT >= s.fullEveryMs) {
    s.stored.set(values)
    s.storedStatus.set(status)
    s.lastFullT = t
    return { full: true, data: new Uint8Array(encodeFrame({ seq, t, flags, values, status })) }
  }
  let k = 0
  let varintBytes = 0
  let prev = -1
  for (let i = 0; i < n; i++) {
    const v = values[i]
    const sv = s.stored[i]
    const moved = status[i] !== s.storedStatus[i] || (v === v && !(Math.abs(v - sv) <= s.band[i]))
    if (!moved) continue
    s.changed[k++] = i
    varintBytes += varintLength(i - prev)
    prev = i
  }
  const valuesOffset = align4(24 + varintBytes)
  const buf = new ArrayBuffer(valuesOffset + 5 * k)
  const dv = new DataView(buf)
  writeFrameHeader(dv, DELTA_MAGIC, DELTA_VERSION, { flags, seq, t, count: n })
  dv.setUint32(20, k, true)
  const bytes = new Uint8Array(buf)
  const vals = new Float32Array(buf, valuesOffset, k)
  const sts = new Uint8Array(buf, valuesOffset + 4 * k, k)
  let off = 24
  prev = -1
  for (let j = 0; j < k; j++) {
    const i = s.changed[j]
    off = writeVarint(bytes, off, i - prev)
    prev = i
    vals[j] = values[i]
    sts[j] = status[i]
    s.stored[i] = values[i]
    s.storedStatus[i] = status[i]
  }
  return { full: false, data: bytes }
}

/** Apply a stored record (full or delta) onto the current arrays; returns its seq and t. */
export function applyStoredRecord(
  data: Uint8Array,
  values: Float32Array,
  status: Uint8Array,
): { seq: number; t: number; flags: number } {
  if (data[0] !== DELTA_MAGIC) {
    const f = decodeFrame(data)
    values.set(f.values)
    status.set(f.status)
    return { seq: f.seq, t: f.t, flags: f.flags }
  }
  const v = alignedView(data)
  const aligned = new Uint8Array(v.buf, v.base, v.len)
  const dv = new DataView(v.buf, v.base, v.len)
  const n = dv.getUint32(16, true)
  if (n !== values.length) throw new Error(`delta frame is for ${n} devices, the scene has ${values.length}`)
  const k = dv.getUint32(20, true)
  let off = 24
  const idx: number[] = new Array(k)
  let prev = -1
  for (let j = 0; j < k; j++) {
    let x = 0
    let shift = 0
    for (;;) {
      const b = aligned[off++]
      x |= (b & 0x7f) << shift
      if (b < 0x80) break
      shift += 7
    }
    prev += x
    idx[j] = prev
  }
  const valuesOffset = align4(off)
  const vals = new Float32Array(aligned.buffer, aligned.byteOffset + valuesOffset, k)
  const sts = new Uint8Array(aligned.buffer, aligned.byteOffset + valuesOffset + 4 * k, k)
  for (let j = 0; j < k; j++) {
    values[idx[j]] = vals[j]
    status[idx[j]] = sts[j]
  }
  return { seq: dv.getUint32(4, true), t: dv.getFloat64(8, true), flags: dv.getUint16(2, true) }
}

function align4(x: number): number {
  return (x + 3) & ~3
}

function varintLength(x: number): number {
  let len = 1
  while (x >= 0x80) {
    x >>>= 7
    len++
  }
  return len
}

function writeVarint(bytes: Uint8Array, off: number, x: number): number {
  while (x >= 0x80) {
    bytes[off++] = (x & 0x7f) | 0x80
    x >>>= 7
  }
  bytes[off++] = x
  return off
}
