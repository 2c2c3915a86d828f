/**
 * People in the live twin, outside React (issue 5 item 7, issue 9; docs/people.md "Hosting").
 * The `scene:join` ack's `modules.people` gives the person order (slot i of every frame); each
 * binary `people:frame` (5 Hz) is copied into typed arrays here — the previous positions are kept
 * so the 3D layer can glide between frames — and the counts the KPI shows are taken in the same
 * pass. Nothing per frame touches React or a zustand `set`: the only store write is the roster
 * size, once per join (it sizes the InstancedMesh).
 */
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { decodePeopleFrame, PEOPLE_FLAG_DRILL, PersonStatus, type PeopleFrame } from '@sim/protocol/peopleFrame'

export interface PersonInfo {
  id: string
  name: { zh: string; en: string }
  role: string
  enterpriseId: string | null
  workZoneId: string | null
}

export interface PeopleCounts {
  /** People with a position (tracked at least once). */
  located: number
  /** In a hazardous, restricted, working-face, threat or red risk zone. */
  inHazard: number
  down: number
  /** Exposure level AEGL-1 or higher. */
  exposed: number
  lost: number
}

export interface PeopleBuffer {
  roster: PersonInfo[]
  /** People per frame (the roster's length once joined). */
  n: number
  /** Positions at the frame before the last one and at the last one (x, y, z = east, north, up; NaN = never located). */
  prev: Float32Array
  cur: Float32Array
  status: Uint8Array
  lastSeq: number
  /** Simulated time of the last frame (ms). */
  lastT: number
  /** `performance.now()` when the last frame arrived, and the frame interval, for interpolation. */
  receivedAt: number
  intervalMs: number
  /** Incremented per applied frame. */
  version: number
  framesReceived: number
  drill: boolean
  counts: PeopleCounts
}

export function createPeopleBuffer(n = 0): PeopleBuffer {
  return {
    roster: [],
    n,
    prev: new Float32Array(3 * n).fill(NaN),
    cur: new Float32Array(3 * n).fill(NaN),
    status: new Uint8Array(n),
    lastSeq: -1,
    lastT: 0,
    receivedAt: 0,
    intervalMs: 200,
    version: 0,
    framesReceived: 0,
    drill: false,
    counts: { located: 0, inHazard: 0, down: 0, exposed: 0, lost: 0 },
  }
}

function resize(buf: PeopleBuffer, n: number): void {
  if (buf.n === n) return
  buf.n = n
  buf.prev = new Float32Array(3 * n).fill(NaN)
  buf.cur = new Float32Array(3 * n).fill(NaN)
  buf.status = new Uint8Array(n)
  buf.counts = { located: 0, inHazard: 0, down: 0, exposed: 0, lost: 0 }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/**
 * Take the people roster from a join snapshot (`modules.people`, or anything else: a scene without
 * people gives an empty roster). Resets the sequence so the first frame after a restart is taken.
 */
export function setPeopleRoster(buf: PeopleBuffer, snapshot: unknown): void {
  const s = (snapshot ?? {}) as { people?: unknown; frameHz?: unknown }
  const list = Array.isArray(s.people) ? (s.people as Record<string, unknown>[]) : []
  buf.roster = list.map((p) => {
    const name = (p.name ?? {}) as { zh?: unknown; en?: unknown }
    const id = str(p.id) ?? '?'
    return {
      id,
      name: { zh: str(name.zh) ?? id, en: str(name.en) ?? str(name.zh) ?? id },
      role: str(p.role) ?? '',
      enterpriseId: str(p.enterpriseId),
      workZoneId: str(p.workZoneId),
    }
  })
  if (typeof s.frameHz === 'number' && s.frameHz > 0) buf.intervalMs = 1000 / s.frameHz
  resize(buf, buf.roster.length)
  buf.lastSeq = -1
  buf.prev.fill(NaN)
  buf.cur.fill(NaN)
  buf.status.fill(0)
  peopleMeta.setState({ count: buf.n })
}

/**
 * Copy one decoded frame in (no allocation unless the head-count changed). Returns false for a
 * frame older than the last one taken (volatile frames can overtake each other on reconnect).
 */
export function applyPeopleFrame(buf: PeopleBuffer, f: PeopleFrame, now: number): boolean {
  if (buf.lastSeq >= 0 && f.seq <= buf.lastSeq) return false
  const n = f.status.length
  if (n !== buf.n) {
    resize(buf, n)
    peopleMeta.setState({ count: n })
  }
  // The positions on screen glide from the previous frame to this one over one frame interval.
  buf.prev.set(buf.cur)
  buf.cur.set(f.xyz)
  buf.status.set(f.status)
  const c = buf.counts
  c.located = c.inHazard = c.down = c.exposed = c.lost = 0
  for (let i = 0; i < n; i++) {
    const s = f.status[i]
    if (Number.isFinite(f.xyz[3 * i])) c.located++
    if (s & PersonStatus.hazardousZone) c.inHazard++
    if (s & PersonStatus.down) c.down++
    if (s & PersonStatus.exposureMask) c.exposed++
    if (s & PersonStatus.lost) c.lost++
  }
  buf.lastSeq = f.seq
  buf.lastT = f.t
  buf.drill = (f.flags & PEOPLE_FLAG_DRILL) !== 0
  buf.receivedAt = now
  buf.version++
  buf.framesReceived++
  return true
}

/** The one live buffer the socket bridge fills and the 3D layer and KPI read. */
export const livePeople = createPeopleBuffer()

let badFrames = 0

/** The socket's `people:frame` handler: decode (zero-copy views) and copy into `livePeople`. */
export function onPeopleFrame(raw: ArrayBuffer | Uint8Array, buf: PeopleBuffer = livePeople): boolean {
  try {
    return applyPeopleFrame(buf, decodePeopleFrame(raw), performance.now())
  } catch (e) {
    // A corrupt frame is dropped, not fatal; say so once so the console is not flooded.
    if (badFrames++ === 0) console.warn('SafeTwin: dropped a bad people frame:', e)
    return false
  }
}

/** Discrete fact for React: how many people the scene tracks (sizes the InstancedMesh). */
export const peopleMeta = createStore<{ count: number }>(() => ({ count: 0 }))

export function usePeopleCount(): number {
  return useStore(peopleMeta, (s) => s.count)
}
