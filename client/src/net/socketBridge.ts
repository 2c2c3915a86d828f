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
import { AUTH_FAILURE, currentToken, requireLogin } from '../auth/session'
import { livePeople, onPeopleFrame, setPeopleRoster } from '../people/peopleBuffer'
import { applyPlumeUpdate, clearPlume, type PlumeBuffer } from '../plume/plumeBuffer'
import type { ResponseFeed } from '../response/responseFeed'
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
  /** Folds the join's response state and every `log:event` (incidents, steps, tiers). */
  response?: ResponseFeed
  /** The plume picture, overwritten in place by `plume:update`. */
  plume?: PlumeBuffer
  /** Ring of the selected device's samples; filled only while `trend.device` ≥ 0. */
  trend?: TrendRing
  /** Server URL; same origin when omitted. */
  url?: string
  protocolVersion?: number
  joinTimeoutMs?: number
}

export interface SocketBridge {
  socket: TwinSocket
  /** Leave the scene's live room (a replay takes the screen over). */
  leave: () => Promise<void>
  /** Join again: the ack's snapshot restores the live picture. */
  rejoin: () => void
  close: () => void
}

/** A live plume not refreshed for this long is gone (the server stops sending when the cloud is). */
const PLUME_STALE_MS = 12_000

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
    auth: { protocolVersion: opts.protocolVersion ?? PROTOCOL_VERSION, token: currentToken() ?? undefined },
    // Binary frames over polling are base64-inflated; a command hall LAN has websockets.
    transports: ['websocket', 'polling'],
  })
  let wasLive = false
  let badFrames = 0
  setConnection('connecting')
  // While a replay owns the screen, live traffic still in flight is ignored.
  const isLive = () => store.getState().mode === 'live'
  const plume = opts.plume
  const showPlume = () => {
    if (plume) store.getState().setPlumeActive(plume.active)
  }

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
    const st = store.getState()
    st.setPlans(joined.plans)
    if (joined.drill) st.markDrill()
    if (plume) {
      if (joined.plume) applyPlumeUpdate(plume, joined.plume)
      else clearPlume(plume)
      showPlume()
    }
    const leaks = (joined.plume?.leaks ?? [])
      .filter((l) => l.stoppedAt === null)
      .map((l) => ({
        leakId: l.leakId,
        sourceId: joined.response.leaks[l.leakId]?.sourceId ?? null,
        substance: l.substance,
      }))
    opts.response?.restore(joined.response, leaks)
    if (joined.lastFrame) onFrame(joined.lastFrame)
    setPeopleRoster(livePeople, joined.modules?.people)
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
    if (telemetry.drill && !store.getState().drillSeen) store.getState().markDrill()
  }

  const staleCheck = setInterval(() => {
    if (plume?.active && isLive() && performance.now() - plume.receivedAt > PLUME_STALE_MS) {
      clearPlume(plume)
      showPlume()
    }
  }, 2000)

  socket.on('connect', () => {
    // With connection-state recovery the server kept our rooms; re-joining is harmless anyway
    // and also refreshes deviceIds after a server restart.
    join()
  })
  socket.on('telemetry:frame', (buf) => {
    if (isLive()) onFrame(buf)
  })
  socket.on('log:event', (event) => {
    if (!isLive()) return
    opts.alarms?.push(event)
    opts.response?.push(event)
  })
  socket.on('plume:update', (u) => {
    if (!plume || !isLive()) return
    applyPlumeUpdate(plume, u)
    if (u.drill) store.getState().markDrill()
    showPlume()
  })
  socket.on('people:frame', (buf) => {
    if (isLive()) onPeopleFrame(buf)
  })
  socket.on('connect_error', (err) => {
    if (AUTH_FAILURE.test(err.message)) requireLogin(err.message)
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
    leave: () =>
      new Promise<void>((resolve) => {
        socket.timeout(5000).emit('scene:leave', { sceneId }, () => resolve())
      }),
    rejoin: join,
    close: () => {
      clearInterval(staleCheck)
      socket.removeAllListeners()
      socket.disconnect()
      setConnection('idle')
    },
  }
}
