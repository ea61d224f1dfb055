export * from './common.js'
export * from './auth.js'
export * from './library.js'
export * from './member.js'
