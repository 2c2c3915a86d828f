/** Binary layout of a stored reading batch: u32 idx[n] · f64 t[n] · f32 value[n] · u8 quality[n] (17 B per reading). */
import type { ReadingBatchRecord } from './eventStore'

export function encodeReadingBatch(b: Pick<ReadingBatchRecord, 'idx' | 't' | 'values' | 'quality'>): Buffer {
  const n = b.idx.length
  const buf = Buffer.alloc(17 * n)
  // t first: f64 needs 8-byte alignment, u32 4, f32 4 — t, idx, values, quality keeps every block aligned.
  Buffer.from(b.t.buffer, b.t.byteOffset, 8 * n).copy(buf, 0)
  Buffer.from(b.idx.buffer, b.idx.byteOffset, 4 * n).copy(buf, 8 * n)
  Buffer.from(b.values.buffer, b.values.byteOffset, 4 * n).copy(buf, 12 * n)
  Buffer.from(b.quality.buffer, b.quality.byteOffset, n).copy(buf, 16 * n)
  return buf
}

export function decodeReadingBatch(data: Uint8Array): Pick<ReadingBatchRecord, 'idx' | 't' | 'values' | 'quality'> {
  const n = data.byteLength / 17
  if (!Number.isInteger(n)) throw new Error(`reading batch: ${data.byteLength} bytes is not a whole number of readings`)
  const copy = new Uint8Array(data) // own, aligned buffer
  return {
    t: new Float64Array(copy.buffer, 0, n),
    idx: new Uint32Array(copy.buffer, 8 * n, n),
    values: new Float32Array(copy.buffer, 12 * n, n),
    quality: new Uint8Array(copy.buffer, 16 * n, n),
  }
}
