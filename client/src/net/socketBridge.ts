/**
 * Socket → store, outside React. Each binary frame is decoded (zero-copy views) and copied into
 * the scene's TelemetryBuffer in place; nothing here calls a React setter or a zustand `set` per
 * frame. The only store writes are connection-state changes, a handful per session, and the
 * alarm view, which the AlarmFeed writes once per batch of logged events.
 *
 * Frames are applied as they arrive (10 Hz) rather than queued for the next animation frame: the
 * copy is O(devices) with no allocation and the 3D layer already redraws only when `version`
 * moved, so a frame that lands between two renders simply overwrites the previous one — the same
 * coalescing a rAF queue would give, without the queue.
 */
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, SceneJoined, ServerToClientEvents } from '@sim/protocol/events'
import { decodeFrame } from '@sim/protocol/telemetryFrame'
import { PROTOCOL_VERSION } from '@sim/protocol/version'
import type { AlarmFeed } from '../alarms/alarmFeed'
import { applyFrame, buildFrameOrder, type TelemetryBuffer } from '../state/telemetryBuffer'
import { pushTrend, type TrendRing } from '../state/trendRing'
import type { TwinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'

export type TwinSocket = Socket<ServerToClientEvents, ClientToServerEvents>

export interface SocketBridgeOptions {
  store: TwinStore
  sceneId: string
  /** Device ids in scene order (the order of TelemetryBuffer arrays). */
  sceneDeviceIds: readonly string[]
  telemetry: TelemetryBuffer
  /** Folds the join snapshot and every `log:event` (alarms, device health, credit). */
  alarms?: AlarmFeed
  /** Ring of the selected device's samples; filled only while `trend.device` ≥ 0. */
  trend?: TrendRing
  /** Server URL; same origin when omitted. */
  url?: string
  protocolVersion?: number
  joinTimeoutMs?: number
}

export interface SocketBridge {
  socket: TwinSocket
  close: () => void
}

const PROTOCOL_MISMATCH = /protocol version mismatch/i

/**
 * Browsers receive an ArrayBuffer. Node (tests, a headless wall controller) receives a Buffer that
 * may sit at an odd offset in a shared pool; decodeFrame's own fallback copies it with
 * `Buffer#slice`, which in Node is a view, not a copy — so copy here with `new Uint8Array`.
 */
function alignedFrame(buf: ArrayBuffer | Uint8Array): ArrayBuffer | Uint8Array {
  return buf instanceof Uint8Array && buf.byteOffset % 4 !== 0 ? new Uint8Array(buf) : buf
}

export function connectSocketBridge(opts: SocketBridgeOptions): SocketBridge {
  const { store, sceneId, telemetry, trend } = opts
  const setConnection = store.getState().setConnection
  const socket: TwinSocket = io(opts.url ?? '', {
    auth: { protocolVersion: opts.protocolVersion ?? PROTOCOL_VERSION },
    // Binary frames over polling are base64-inflated; a command hall LAN has websockets.
    transports: ['websocket', 'polling'],
  })
  let wasLive = false
  let badFrames = 0
  setConnection('connecting')

  const join = () => {
    socket.timeout(opts.joinTimeoutMs ?? 10_000).emit('scene:join', { sceneId }, (err, res) => {
      if (err) return setConnection('error', `scene:join: ${err.message}`)
      if (!res.ok) return setConnection('error', res.error)
      onJoined(res.data)
    })
  }

  const onJoined = (joined: SceneJoined) => {
    telemetry.frameToScene = buildFrameOrder(joined.deviceIds, opts.sceneDeviceIds)
    // After a server restart seq starts again; forget the old one so the first frame is taken.
    telemetry.lastSeq = -1
    opts.alarms?.restore(joined.alarms)
    if (joined.lastFrame) onFrame(joined.lastFrame)
    wasLive = true
    setConnection('live')
  }

  const onFrame = (buf: ArrayBuffer | Uint8Array) => {
    try {
      if (applyFrame(telemetry, decodeFrame(alignedFrame(buf))) && trend && trend.device >= 0)
        pushTrend(trend, telemetry.lastT, telemetry.values[trend.device])
    } catch (e) {
      // A corrupt frame is dropped, not fatal; say so once so the console is not flooded.
      if (badFrames++ === 0) console.warn('SafeTwin: dropped a bad telemetry frame:', e)
      return
    }
    testHooks.framesReceived = telemetry.framesReceived
    testHooks.lastSeq = telemetry.lastSeq
  }

  socket.on('connect', () => {
    // With connection-state recovery the server kept our rooms; re-joining is harmless anyway
    // and also refreshes deviceIds after a server restart.
    join()
  })
  socket.on('telemetry:frame', onFrame)
  socket.on('log:event', (event) => opts.alarms?.push(event))
  socket.on('connect_error', (err) => {
    if (PROTOCOL_MISMATCH.test(err.message)) {
      // Retrying cannot help: this tab runs an old or new client. Stop and tell the operator.
      socket.disconnect()
      setConnection('refused', err.message)
    } else if (socket.active) setConnection(wasLive ? 'reconnecting' : 'connecting', err.message)
    else setConnection('error', err.message)
  })
  socket.on('disconnect', (reason) => {
    if (store.getState().connection === 'refused') return
    if (socket.active) setConnection('reconnecting', reason)
    else if (reason !== 'io client disconnect') setConnection('error', reason)
  })

  return {
    socket,
    close: () => {
      socket.removeAllListeners()
      socket.disconnect()
      setConnection('idle')
    },
  }
}
