/**
 * People on site: zones and counts, gathering, man-down, exposure → triage, the mine's
 * red/yellow/blue risk map, demo personnel. Pure: no Node, DOM, clock or Math.random.
 * See docs/people.md.
 */
export type { PersonPosition, ZoneKind, I18n } from './types'
export {
  ZoneEngine,
  zonesFromScene,
  threatZoneDefs,
  containsPoint,
  type ZoneDef,
  type ZoneEntry,
  type ZoneEvent,
  type ZoneEngineOptions,
  type ZoneEntered,
  type ZoneLeft,
  type ZoneOverstay,
  type ZoneIntrusion,
} from './zones'
export {
  GatheringDetector,
  type Gathering,
  type GatheringEvent,
  type GatheringOptions,
  type GatheringStarted,
  type GatheringCleared,
} from './gathering'
export {
  ManDownDetector,
  type ManDownEvent,
  type ManDownOptions,
  type PersonDown,
  type PersonDownCleared,
} from './manDown'
export {
  ExposureTracker,
  categorize,
  triage,
  gridSampler,
  type ConcentrationAt,
  type ExposureCategoryRaised,
  type ExposureOptions,
  type LevelsOfConcern,
  type PersonExposure,
  type TriageCategory,
  type TriageEntry,
} from './exposure'
export {
  createRiskModel,
  evaluateRiskMap,
  riskZoneDefs,
  DEFAULT_RISK_WEIGHTS,
  type RiskLevel,
  type RiskMapData,
  type RiskModel,
  type RiskModelOptions,
  type RiskSegment,
  type RiskSegmentState,
  type RiskWeights,
} from './riskMap'
export { mineRoadwaysLocal, mineNetwork, pointAlong, polylineLength, type RoadwayLocal } from './mineGeometry'
export { parkPersonnel, demoNames, type ParkPersonnelOptions } from './demoPersonnel'
export {
  PeopleMonitor,
  personnelByTag,
  type PeopleEvent,
  type PeopleMonitorOptions,
  type PeopleSnapshot,
} from './monitor'
export { RoadwayTagTracker, type RoadwayTrackerOptions } from './mineTracking'
