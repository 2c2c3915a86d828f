export * from './table'
export * from './properties'
