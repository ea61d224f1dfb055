import { isLocalDate, isLocalTime } from './zoned.js'

/**
 * A date as a person types it, in the library's format: "20261203" and
 * "2026-12-3" become 2026-12-03. Anything else is returned as typed, for the
 * field to say what is wrong.
 */
export function typedDate(text: string): string {
  const trimmed = text.trim()
  const digits = /^(\d{4})(\d{2})(\d{2})$/.exec(trimmed)
  const parts = digits ?? /^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})$/.exec(trimmed)
  if (!parts) return trimmed
  const date = `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`
  return isLocalDate(date) ? date : trimmed
}

/**
 * A time of day on the 24-hour clock as a person types it: "10.00", "1000",
 * "9" and "9:5" become 10:00, 10:00, 09:00 and 09:05.
 */
export function typedTime(text: string): string {
  const trimmed = text.trim()
  const parts = /^(\d{1,2})(?:[:.](\d{1,2}))?$/.exec(trimmed) ?? /^(\d{2})(\d{2})$/.exec(trimmed)
  if (!parts) return trimmed
  const time = `${parts[1]!.padStart(2, '0')}:${(parts[2] ?? '0').padStart(2, '0')}`
  return isLocalTime(time) ? time : trimmed
}
