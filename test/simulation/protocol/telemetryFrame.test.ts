import { describe, it, expect } from 'vitest'
import { decodeFrame, encodeFrame, frameByteLength, DeviceStatus } from '@sim/protocol/telemetryFrame'

describe('binary telemetry frame', () => {
  it('round-trips header, values (incl. NaN) and status', () => {
    const values = new Float32Array([0, 1.5, NaN, -3.25, 1e6])
    const status = new Uint8Array([0, 0, DeviceStatus.noData, DeviceStatus.fault, 0])
    const buf = encodeFrame({ seq: 4_000_000_001, t: 1_795_000_000_123, flags: 1, values, status })
    expect(buf.byteLength).toBe(frameByteLength(5))
    const f = decodeFrame(buf)
    expect(f.seq).toBe(4_000_000_001)
    expect(f.t).toBe(1_795_000_000_123)
    expect(f.flags).toBe(1)
    expect(Array.from(f.status)).toEqual(Array.from(status))
    expect(f.values[1]).toBe(1.5)
    expect(Number.isNaN(f.values[2])).toBe(true)
    expect(f.values[3]).toBe(-3.25)
  })

  it('decodes from a Node Buffer view at an unaligned offset', () => {
    const buf = encodeFrame({ seq: 1, t: 2, flags: 0, values: new Float32Array([7]), status: new Uint8Array([0]) })
    const big = new Uint8Array(buf.byteLength + 3)
    big.set(new Uint8Array(buf), 3)
    expect(decodeFrame(big.subarray(3)).values[0]).toBe(7)
  })

  it('decodes a Node Buffer at an unaligned offset (Buffer#slice is a view, not a copy)', () => {
    const buf = encodeFrame({
      seq: 3,
      t: 4,
      flags: 0,
      values: new Float32Array([1.25, 2]),
      status: new Uint8Array([0, 1]),
    })
    const big = Buffer.alloc(buf.byteLength + 1)
    Buffer.from(buf).copy(big, 1)
    const f = decodeFrame(big.subarray(1))
    expect(f.seq).toBe(3)
    expect(Array.from(f.values)).toEqual([1.25, 2])
  })

  it('rejects truncated or foreign buffers with a reason', () => {
    expect(() => decodeFrame(new ArrayBuffer(4))).toThrow(/too short/)
    const buf = encodeFrame({ seq: 1, t: 2, flags: 0, values: new Float32Array(10), status: new Uint8Array(10) })
    expect(() => decodeFrame(buf.slice(0, 40))).toThrow(/cannot hold/)
    const bad = new Uint8Array(buf.slice(0))
    bad[0] = 0
    expect(() => decodeFrame(bad)).toThrow(/magic/)
  })
})
