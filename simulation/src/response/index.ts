/**
 * Public surface of the three-tier response (see docs/response.md).
 *
 * Fold (server, client, replay, drills):  reduceResponse(state, event) → state;  applyTwinEffects(twin, event)
 * Decide (the one host that runs rules):  decide(state, event, plans, scene) → bodies to append
 * Timers (host):                          pendingTimers(state) → { id, dueAt }[];  timerFired(state, id, now)
 * Commands (operators):                   acknowledgeStep, completeStep, setTier, changeLevel, openIncidentCommand,
 *                                         recordAction, closeIncident → { ok, bodies } | { ok: false, code, error }
 * Figures:                                figuresOf(incident), figuresFromLog(events)
 * Release:                                effectiveRelease(leak, twin, t), leakAt(scene, sourceId, rate)
 */
export * from './planSchema'
export * from './bodies'
export * from './state'
export { reduceResponse, foldResponse, activeTiers, type ResponseEvent } from './reducer'
export {
  decide,
  matchTrigger,
  nextIncidentId,
  incidentTitle,
  planStep,
  resolveRecipients,
  resolveTargets,
  plumeRequirement,
  levelRequirement,
  requiredTier,
  INCIDENT_TYPE_NAMES,
  type TierRequirement,
} from './machine'
export * from './commands'
export * from './twinEffects'
export * from './figures'
export { responseIndex, type ResponseSceneIndex, type Equipment, type EquipmentKind } from './sceneIndex'
export {
  createResponseLoop,
  type ResponseLoop,
  type ResponseLoopOptions,
  type LoggedEvent as ResponseLoggedEvent,
} from './loop'
