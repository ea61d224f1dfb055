export { diffOccurrences, type IcsChange, type IcsChangedField, type IcsDiff } from './diff.js'
export { ICS_ERROR_CODES, IcsError, type IcsErrorCode } from './errors.js'
export { ICS_IMPORT_DEFAULTS, importIcs, type IcsImportOptions } from './import-ics.js'
export { importIcsIsolated } from './isolated-import.js'
export {
  icsImportSchema,
  icsOccurrenceSchema,
  occurrenceKey,
  type IcsCoverage,
  type IcsImport,
  type IcsOccurrence,
  type IcsWarning,
} from './occurrence.js'
