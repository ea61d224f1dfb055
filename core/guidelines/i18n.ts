import type { Locale } from '../locale.js'

/** The message in the post's language; each rule keeps its own Swedish and English text. */
export function say(locale: Locale, sv: string, en: string): string {
  return locale === 'sv' ? sv : en
}

/** 0.8 → "80 %" (Swedish) or "80%" (English). */
export function percent(locale: Locale, share: number): string {
  const n = Math.round(share * 100)
  return locale === 'sv' ? `${n} %` : `${n}%`
}
