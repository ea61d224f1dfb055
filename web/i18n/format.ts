import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLE_LABELS, type Role } from '../../core/roles.js'
import type { Locale } from '../../core/locale.js'

const INTL_LOCALE: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' }

export function intlLocale(locale: string): string {
  return locale === 'en' ? INTL_LOCALE.en : INTL_LOCALE.sv
}

export function roleLabel(role: Role, locale: string): string {
  return ROLE_LABELS[role][locale === 'en' ? 'en' : 'sv']
}

/** Dates and numbers the way a Swedish or British reader expects, in the library's time zone. */
export function useFormat(timeZone = 'Europe/Stockholm') {
  const { i18n } = useTranslation()
  const locale = intlLocale(i18n.language)
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
    const dateTime = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone,
    })
    const fullDateTime = new Intl.DateTimeFormat(locale, {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
    })
    const shortDateTime = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    })
    const number = new Intl.NumberFormat(locale)
    return {
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** With the weekday, for a time someone is about to choose: "söndag 29 mars 2026 10:00". */
      fullDateTime: (iso: string) => fullDateTime.format(new Date(iso)),
      /** Compact, for lists: "29 mars 10:00". */
      shortDateTime: (iso: string) => shortDateTime.format(new Date(iso)),
      number: (value: number) => number.format(value),
      role: (role: Role) => roleLabel(role, i18n.language),
    }
  }, [locale, timeZone, i18n.language])
}
