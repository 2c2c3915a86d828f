import { describe, expect, test } from 'vitest'
import { decodeFrame, DeviceStatus, encodeFrame } from '@sim/protocol/telemetryFrame'
import { applyFrame, buildFrameOrder, createTelemetryBuffer } from '../../../client/src/state/telemetryBuffer'

const frame = (seq: number, values: number[], t = 1_700_000_000_000 + seq * 100) =>
  decodeFrame(
    encodeFrame({
      seq,
      t,
      flags: 0,
      values: Float32Array.from(values),
      status: Uint8Array.from(values.map((v) => (Number.isNaN(v) ? DeviceStatus.noData : DeviceStatus.ok))),
    }),
  )

describe('applyFrame', () => {
  test('copies values in place, counts non-NaN readings and bumps the version', () => {
    const buf = createTelemetryBuffer(3)
    const values = buf.values
    expect(applyFrame(buf, frame(0, [1, NaN, 3]))).toBe(true)
    expect(buf.values).toBe(values) // same array: readers keep their reference
    expect([...buf.values]).toEqual([1, NaN, 3])
    expect(buf.readingsTotal).toBe(2)
    expect(buf.version).toBe(1)
    expect(buf.lastSeq).toBe(0)
    expect(buf.lastT).toBe(1_700_000_000_000)
    applyFrame(buf, frame(1, [2, 2, 2]))
    expect(buf.readingsTotal).toBe(5)
    expect(buf.framesReceived).toBe(2)
  })

  test('drops a frame older than the one shown, but takes a restart (seq far backwards)', () => {
    const buf = createTelemetryBuffer(1)
    applyFrame(buf, frame(5000, [1]))
    expect(applyFrame(buf, frame(4999, [9]))).toBe(false)
    expect(buf.values[0]).toBe(1)
    expect(buf.framesReceived).toBe(2)
    expect(applyFrame(buf, frame(0, [7]))).toBe(true)
    expect(buf.values[0]).toBe(7)
  })

  test('remaps when the server orders devices differently from the scene', () => {
    const order = buildFrameOrder(['b', 'x', 'a'], ['a', 'b'])
    expect(order && [...order]).toEqual([1, -1, 0])
    expect(buildFrameOrder(['a', 'b'], ['a', 'b'])).toBeNull()
    const buf = createTelemetryBuffer(2)
    buf.frameToScene = order
    applyFrame(buf, frame(0, [20, 99, 10]))
    expect([...buf.values]).toEqual([10, 20])
  })
})
