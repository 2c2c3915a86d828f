/** What end-to-end tests read from `window.__safetwin.people()` (filled by PeopleInstances). */
export interface PeopleHookView {
  count: number
  framesReceived: number
  lastSeq: number
  drawnVersion: number
  located: number
  inHazard: number
  down: number
  exposed: number
  /** Instances per colour name as last drawn. */
  colors: Record<string, number>
}
