/**
 * The spine: every discrete thing that happens in a scene is one event in one append-only log.
 * Live server, drill runner and replay player fold the same events with the same reducers, so a
 * replay shows the incident exactly as it was known at the time.
 *
 * Provenance (the customer's rule: collection time, device, operator on every record) is in the
 * envelope: `t` (simulated time it happened), `wall` (when it was recorded), `source` (device id,
 * rule id, user id, 'simulator', 'system'), `operator` (the person who acted, or null).
 *
 * Feature modules own their body types (alarms/, response/, dispatch/ …); `TwinEvent` in
 * events/index.ts is their union. Bodies are plain JSON: they are hashed (SM3 chain), stored and
 * sent to clients as they are.
 */
export interface EventMeta {
  /** Position in the scene's log, assigned by the store: 1, 2, 3 … without gaps. */
  seq: number
  /** Simulated time the event happened, ms since epoch. */
  t: number
  /** Wall-clock time it was recorded, ms since epoch (equals t in real-time operation). */
  wall: number
  sceneId: string
  source: string
  operator: string | null
  /** True for every event of a drill: drills never mix with live records. */
  drill: boolean
}

/** An event body before the store gives it a place in the log. */
export interface EventBodyBase {
  type: string
}

export type Envelope<B extends EventBodyBase> = EventMeta & B

/** What a producer hands to the log: body plus provenance; seq and wall are added on append. */
export type NewEvent<B extends EventBodyBase> = Omit<EventMeta, 'seq' | 'wall'> & B
