import type { TFunction } from 'i18next'

/**
 * Working minutes in words ("1 timme 20 minuter"), not "1:20": a screen reader reads words
 * well, and a table of clock times looks like times of day.
 */
export function durationInWords(t: TFunction, minutes: number | null): string {
  if (minutes === null) return t('inboxSettings.duration.none')
  const rounded = Math.max(0, Math.round(minutes))
  if (rounded === 0) return t('inboxSettings.duration.underAMinute')
  const hours = Math.floor(rounded / 60)
  const rest = rounded % 60
  const parts: string[] = []
  if (hours > 0) parts.push(t('inboxSettings.duration.hours', { count: hours }))
  if (rest > 0) parts.push(t('inboxSettings.duration.minutes', { count: rest }))
  return parts.join(' ')
}
