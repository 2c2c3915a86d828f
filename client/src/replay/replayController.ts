/**
 * Replay for regulators, on the screen's own socket. Opening a replay leaves the scene's live
 * room and routes `replay:*` into the same sinks the live bridge fills (telemetry buffer, alarm
 * feed, response feed, plume buffer), so the 3D twin, the alarm list, the plume and the incident
 * panel all show the replayed instant. Closing it joins the live room again; the join snapshot
 * restores the present. Read-only: the panels hide their command buttons while `mode` ≠ live.
 */
import type { ReplayOpened, ReplayState } from '@sim/protocol/events'
import type { Ack, ReplayControl } from '@sim/protocol/messages'
import { initialResponseState } from '@sim/response'
import { decodeFrame } from '@sim/protocol/telemetryFrame'
import type { AlarmFeed } from '../alarms/alarmFeed'
import type { SocketBridge } from '../net/socketBridge'
import { applyPlumeUpdate, clearPlume, type PlumeBuffer } from '../plume/plumeBuffer'
import type { ResponseFeed } from '../response/responseFeed'
import type { ReplayApi } from '../state/replaySlice'
import { applyFrame, type TelemetryBuffer } from '../state/telemetryBuffer'
import type { TwinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'
import { createReplayLog, fetchLogUntil } from './replayLog'

export interface ReplayControllerOptions {
  store: TwinStore
  bridge: SocketBridge
  sceneId: string
  telemetry: TelemetryBuffer
  alarms: AlarmFeed
  response: ResponseFeed
  plume: PlumeBuffer
}

const TIMEOUT_MS = 15_000

export function createReplayController(o: ReplayControllerOptions): ReplayApi & { position(): number } {
  const { store, bridge, telemetry, plume } = o
  const socket = bridge.socket
  const inReplay = () => store.getState().mode !== 'live'
  let position = NaN
  let sessionId: string | null = null
  const log = createReplayLog((state, leaks) => o.response.restore(state, leaks))
  // Coalesce response refolds: one per 100 ms however many events a 64× step brings.
  let foldTarget = 0
  let foldTimer: ReturnType<typeof setTimeout> | null = null
  const foldSoon = (seq: number) => {
    foldTarget = Math.max(foldTarget, seq)
    foldTimer ??= setTimeout(() => {
      foldTimer = null
      log.foldTo(foldTarget)
    }, 100)
  }

  const onState = (s: Omit<ReplayState, 'sessionId'> & { sessionId?: string }) => {
    if (!inReplay() || (sessionId && s.sessionId && s.sessionId !== sessionId)) return
    position = s.position
    store.getState().patchReplay({ playing: s.playing, speed: s.speed })
    if (s.alarms) {
      // A seek: everything is rebuilt at the new position; the plume (if any) follows at once.
      o.alarms.restore(s.alarms, { replay: true })
      clearPlume(plume)
      store.getState().setPlumeActive(false)
      if (s.seq !== undefined) {
        foldTarget = s.seq
        if (foldTimer) clearTimeout(foldTimer)
        foldTimer = null
        log.foldTo(s.seq)
      }
    }
  }

  socket.on('replay:frame', (buf) => {
    if (!inReplay()) return
    let f
    try {
      f = decodeFrame(buf)
    } catch {
      return // a corrupt frame is dropped, as on the live path
    }
    applyFrame(telemetry, f)
    position = f.t
    testHooks.framesReceived = telemetry.framesReceived
    testHooks.lastSeq = telemetry.lastSeq
  })
  socket.on('replay:event', (e) => {
    if (!inReplay()) return
    o.alarms.push(e)
    foldSoon(e.seq)
  })
  socket.on('replay:plume', (u) => {
    if (!inReplay()) return
    applyPlumeUpdate(plume, u)
    store.getState().setPlumeActive(plume.active)
  })
  socket.on('replay:state', onState)
  // A dropped connection ends the replay on the server; go back to live (the reconnect re-joins).
  socket.on('disconnect', () => {
    if (!inReplay()) return
    sessionId = null
    store.getState().setReplay(null)
    store.getState().setMode('live')
  })

  const control = (payload: ReplayControl) => {
    socket.timeout(TIMEOUT_MS).emit('replay:control', payload, (err: Error | null, r?: Ack<ReplayState>) => {
      if (err || !r?.ok) return store.getState().setReplayError(err?.message ?? (r && !r.ok ? r.error : 'no answer'))
      onState(r.data)
    })
  }
  const withSession = (run: (id: string) => void) => {
    if (sessionId) run(sessionId)
  }

  return {
    position: () => position,
    async open() {
      if (inReplay()) return
      const st = store.getState()
      st.setReplayError(null)
      st.setMode('opening')
      await bridge.leave()
      telemetry.lastSeq = -1
      telemetry.frameToScene = null // replay frames are in scene order
      clearPlume(plume)
      st.setPlumeActive(false)
      o.response.restore(initialResponseState(), [])
      const r = await new Promise<Ack<ReplayOpened>>((resolve) =>
        socket
          .timeout(TIMEOUT_MS)
          .emit('replay:open', { sceneId: o.sceneId }, (err, res) =>
            resolve(err ? { ok: false, error: err.message } : res),
          ),
      )
      if (!r.ok) {
        st.setReplayError(r.error)
        st.setMode('live')
        bridge.rejoin()
        return
      }
      const d = r.data
      sessionId = d.sessionId
      position = d.from
      st.setReplay({
        sessionId: d.sessionId,
        from: d.from,
        to: d.to,
        speeds: d.speeds,
        markers: d.markers,
        chain: d.chain,
        playing: false,
        speed: 1,
      })
      st.setMode('replay')
      o.alarms.restore(d.alarms, { replay: true })
      log.foldTo(d.seq)
      try {
        log.setEvents(await fetchLogUntil(o.sceneId, d.to))
      } catch (e) {
        st.setReplayError(e instanceof Error ? e.message : String(e))
      }
    },
    async close() {
      const id = sessionId
      sessionId = null
      const st = store.getState()
      if (id)
        await new Promise<void>((resolve) =>
          socket.timeout(5000).emit('replay:close', { sessionId: id }, () => resolve()),
        )
      st.setReplay(null)
      st.setMode('live')
      clearPlume(plume)
      st.setPlumeActive(false)
      bridge.rejoin()
    },
    play: () => withSession((id) => control({ sessionId: id, action: 'play' })),
    pause: () => withSession((id) => control({ sessionId: id, action: 'pause' })),
    seek: (t) => withSession((id) => control({ sessionId: id, action: 'seek', t: Math.round(t) })),
    speed: (speed) =>
      withSession((id) => control({ sessionId: id, action: 'speed', speed: speed as 1 | 2 | 4 | 8 | 16 | 32 | 64 })),
    nextEvent: () => withSession((id) => control({ sessionId: id, action: 'next_event' })),
  }
}
