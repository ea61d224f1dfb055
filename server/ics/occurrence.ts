import { z } from 'zod'

const instant = z.iso.datetime()
const date = z.iso.date()

/**
 * One occurrence of an imported event: a single event, or one instance of a
 * recurring one. `uid` + `recurrenceId` identify it across imports.
 */
export const icsOccurrenceSchema = z.object({
  uid: z.string().min(1),
  /**
   * The instance's original start, for every instance of a recurring event
   * (also those not overridden): an instant (UTC ISO) for timed events, a date
   * (YYYY-MM-DD) for all-day ones. Null for a single event.
   */
  recurrenceId: z.string().nullable(),
  /** The instance came from a RECURRENCE-ID override (moved, renamed or cancelled). */
  overridden: z.boolean(),
  summary: z.string(),
  /** Plain text: HTML some exporters put here is reduced to its text. */
  description: z.string(),
  location: z.string().nullable(),
  /** An http(s) URL, or null. */
  url: z.string().nullable(),
  /** UTC. For all-day events: midnight in the library's time zone. */
  start: instant,
  /** UTC, exclusive. For all-day events: midnight after the last day. */
  end: instant,
  allDay: z.boolean(),
  /** All-day events only: the first day and the day after the last (as written in the file). */
  startDate: date.nullable(),
  endDate: date.nullable(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  /** CLASS: private and confidential events are usually not for publishing. */
  classification: z.enum(['public', 'private', 'confidential']),
  sequence: z.number().int().min(0),
  lastModified: instant.nullable(),
})
export type IcsOccurrence = z.infer<typeof icsOccurrenceSchema>

export const icsWarningSchema = z.object({
  code: z.enum([
    'event_skipped',
    'recurrence_limited',
    'unknown_time_zone',
    'duplicate_uid',
    'missing_uid',
    'more_warnings',
  ]),
  uid: z.string().nullable(),
  detail: z.string(),
})
export type IcsWarning = z.infer<typeof icsWarningSchema>

/**
 * What an import can vouch for. Occurrences outside it (past the window, or
 * of an event whose expansion was cut short) are unknown, not removed.
 */
export const icsCoverageSchema = z.object({
  from: instant,
  /** The window's end, or earlier when the occurrence cap was reached. */
  until: instant,
  /** Events that could not be fully read or expanded (bad data, work limit). */
  incompleteUids: z.array(z.string()),
})
export type IcsCoverage = z.infer<typeof icsCoverageSchema>

export const icsImportSchema = z.object({
  /** X-WR-CALNAME, when the file names itself. */
  calendarName: z.string().nullable(),
  /** Sorted by start, then uid. */
  occurrences: z.array(icsOccurrenceSchema),
  coverage: icsCoverageSchema,
  warnings: z.array(icsWarningSchema),
})
export type IcsImport = z.infer<typeof icsImportSchema>

/** The key an occurrence is stored and compared under. */
export function occurrenceKey(o: Pick<IcsOccurrence, 'uid' | 'recurrenceId'>): string {
  return `${o.uid}\u0000${o.recurrenceId ?? ''}`
}
