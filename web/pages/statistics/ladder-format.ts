import type { LadderLevel } from '../../../core/ladder/levels.js'
import { PYRAMID_LABELS, type PyramidStep } from '../../../core/ladder/levels.js'
import { intlLocale } from '../../i18n/format.js'

/** A step's name as the workshop gives it, in the reader's language; null is no step. */
export function stepLabel(
  step: PyramidStep | LadderLevel | null,
  language: string,
  none: string,
): string {
  return step === null ? none : PYRAMID_LABELS[step][language === 'en' ? 'en' : 'sv']
}

/** "mars 2027" / "March 2027" for a month (YYYY-MM). */
export function monthName(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number)
  return new Intl.DateTimeFormat(intlLocale(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year!, m! - 1, 1)))
}
