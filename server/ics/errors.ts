export const ICS_ERROR_CODES = [
  'too_large',
  'malformed',
  'too_complex',
  'too_many_events',
  'too_many_time_zones',
] as const
export type IcsErrorCode = (typeof ICS_ERROR_CODES)[number]

/**
 * The whole file was refused: `too_large`, `too_many_events` and
 * `too_many_time_zones` before parsing, `malformed` when it is not an
 * iCalendar file ical.js can read, `too_complex` when its components nest too
 * deep or are too many, or reading it took longer than the time budget or
 * more memory than it is given. One bad event does not fail a file; it
 * becomes a warning of the import instead.
 */
export class IcsError extends Error {
  constructor(
    readonly code: IcsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'IcsError'
  }
}
