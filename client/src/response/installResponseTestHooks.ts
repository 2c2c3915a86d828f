import type { TwinStore } from '../state/twinStore'
import { testHooks } from '../testHooks'
import { plumeProbe } from '../twin3d/plumeProbe'

/** Fill the plume, incident and replay fields of `window.__safetwin` from the store (read on demand). */
export function installResponseTestHooks(store: TwinStore): void {
  testHooks.plume = () => {
    const { plume, plumeActive } = store.getState()
    if (!plume) return null
    return {
      active: plumeActive,
      version: plume.version,
      ...plumeProbe,
      zoneVertices: [...plumeProbe.zoneVertices],
      zones: plume.zones.map((z) => ({ label: z.label, maxDistance_m: z.maxDistance_m })),
    }
  }
  testHooks.incidents = () => {
    const r = store.getState().response
    if (!r) return []
    return r.incidentOrder.map((id) => {
      const i = r.incidents[id]
      return {
        id: i.id,
        tier: i.tier,
        level: i.level,
        status: i.status,
        steps: i.stepOrder.map((s) => ({
          id: s,
          tier: i.steps[s].tier,
          kind: i.steps[s].kind,
          status: i.steps[s].status,
          overdue: i.steps[s].overdue,
        })),
        milestones: { ...i.milestones },
      }
    })
  }
  testHooks.replay = () => {
    const { mode, replay } = store.getState()
    return {
      mode,
      sessionId: replay?.sessionId ?? null,
      position: testHooks.replayPosition(),
      from: replay?.from ?? NaN,
      to: replay?.to ?? NaN,
      playing: replay?.playing ?? false,
      speed: replay?.speed ?? 1,
      chainOk: replay ? replay.chain.ok : null,
      markers: replay?.markers.length ?? 0,
    }
  }
}
