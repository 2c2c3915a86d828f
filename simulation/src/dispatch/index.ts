/**
 * Resource dispatch and evacuation (docs/dispatch.md): the registry and its status machine,
 * the road graph, hazard-aware routing, optimal assignment, movement as a pure step, evacuation
 * to safe muster points with accountability, and the dispatch fold. Pure: no Node, DOM, clock or
 * Math.random.
 */
export * from './resources'
export * from './roadGraph'
export * from './hazard'
export * from './route'
export * from './assign'
export * from './movement'
export * from './evacuation'
export * from './state'
