/**
 * The feature modules a headless drill runs with (response machine, dispatch, people). Each
 * attaches to the scene host and contributes to the report; kept in one list so the CLI, the
 * live drill mode and the tests run the same set.
 */
import type { SceneHost } from '../scene/sceneHost'
import type { ReportContributor } from './drillReport'

export function defaultDrillModules(): ((host: SceneHost) => ReportContributor | void)[] {
  return []
}
