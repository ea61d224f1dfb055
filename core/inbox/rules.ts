export * from './rule-schema.js'
