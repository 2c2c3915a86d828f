/**
 * The alarm engine: pure rules over readings, and the lifecycle fold over logged events.
 * See docs/alarms.md for the rules, defaults, state model, colours and the credit rule.
 */
export * from './types'
export * from './severity'
export * from './config'
export { createAlarmEngine, alarmProvenance, deviceOf, type AlarmEngine, type CommandResult } from './engine'
export { CONDITIONS } from './detector'
