/**
 * The three-tier response as the screens see it: the folded ResponseState (rebuilt per batch of
 * logged events, a few times a minute), the scene's plans, the viewer's session (who acts) and
 * the command channel. All discrete; countdowns are painted from refs, never from here.
 */
import type { Ack } from '@sim/protocol/messages'
import type { PlanSet, ResponseState } from '@sim/response'
import type { StateCreator } from 'zustand/vanilla'
import type { TwinState } from './twinStore'

/**
 * Who is looking at this screen. Until the security module issues real logins the server treats
 * every socket as its demo park commander; replacing this object is all a login has to do.
 */
export interface ViewerSession {
  id: string
  name: string
  /** The role this person plays in the response plans (e.g. "park.commander"), or null. */
  planRole: string | null
}

export const DEMO_SESSION: ViewerSession = { id: 'demo-operator', name: 'Demo operator', planRole: 'park.commander' }

export type IncidentAck = Ack<{ seqs: number[] }>

export interface IncidentCommands {
  acknowledge(incidentId: string, stepId: string): Promise<IncidentAck>
  complete(incidentId: string, stepId: string): Promise<IncidentAck>
}

export interface LeakCommands {
  start(sourceId: string, rateKgS: number): Promise<Ack<{ leakId: string; seq: number }>>
  stop(leakId: string): Promise<Ack<{ seq: number }>>
}

export interface ResponseSlice {
  response: ResponseState | null
  plans: PlanSet | null
  session: ViewerSession
  incidentCommands: IncidentCommands | null
  leakCommands: LeakCommands | null
  incidentError: string | null
  /** Leaks started and not stopped (from the log): the instructor can stop them. */
  activeLeaks: { leakId: string; sourceId: string | null; substance: string }[]
  /** Drill frames or events were seen on this screen. */
  drillSeen: boolean
  setResponse: (response: ResponseState) => void
  setPlans: (plans: PlanSet | null) => void
  setSession: (session: ViewerSession) => void
  setIncidentCommands: (c: IncidentCommands | null, l: LeakCommands | null) => void
  setIncidentError: (message: string | null) => void
  setActiveLeaks: (leaks: ResponseSlice['activeLeaks']) => void
  markDrill: () => void
}

export const createResponseSlice: StateCreator<TwinState, [], [], ResponseSlice> = (set, get) => ({
  response: null,
  plans: null,
  session: DEMO_SESSION,
  incidentCommands: null,
  leakCommands: null,
  incidentError: null,
  activeLeaks: [],
  drillSeen: false,
  setResponse: (response) => set({ response }),
  setPlans: (plans) => {
    if (plans !== get().plans) set({ plans })
  },
  setSession: (session) => set({ session }),
  setIncidentCommands: (incidentCommands, leakCommands) => set({ incidentCommands, leakCommands }),
  setIncidentError: (incidentError) => set({ incidentError }),
  setActiveLeaks: (activeLeaks) => set({ activeLeaks }),
  markDrill: () => {
    if (!get().drillSeen) set({ drillSeen: true })
  },
})
