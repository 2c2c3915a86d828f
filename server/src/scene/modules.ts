/**
 * The feature modules every scene host runs. Add a factory here; return null for scenes the
 * feature does not apply to (e.g. no resources file).
 */
import type { HostModuleFactory } from './hostModule'
import { dispatchModule } from './dispatchModule'
import { peopleModule } from './peopleModule'

export const HOST_MODULES: HostModuleFactory[] = [dispatchModule, peopleModule]
