import { intlLocale } from '../../i18n/format.js'

/** "mars 2026" / "March 2026" for a month given as YYYY-MM. */
export function monthName(month: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T12:00:00Z`))
}
