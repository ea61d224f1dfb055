import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../core/locale.js'
import en from './en.json' with { type: 'json' }
import sv from './sv.json' with { type: 'json' }

const STORAGE_KEY = 'torget.locale'

// A feature may keep its texts in its own file, web/i18n/<locale>/<feature>.json, under one top-level key.
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('./*/*.json', {
  eager: true,
})

function texts(locale: Locale, base: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...base }
  for (const [file, module] of Object.entries(featureFiles))
    if (file.startsWith(`./${locale}/`)) Object.assign(merged, module.default)
  return merged
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    return isLocale(value) ? value : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export function initI18n(): typeof i18next {
  const lng = storedLocale()
  document.documentElement.lang = lng
  void i18next.use(initReactI18next).init({
    resources: { sv: { translation: texts('sv', sv) }, en: { translation: texts('en', en) } },
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  return i18next
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE
}

let chosenThisVisit = false

/** True once the person picked a language themselves since the page loaded. */
export function languageChosenThisVisit(): boolean {
  return chosenThisVisit
}

/** A language picked by the person (not taken from their account). */
export function chooseLocale(locale: Locale): void {
  chosenThisVisit = true
  applyLocale(locale)
}

/** Shows the UI in a language and remembers it on this device. */
export function applyLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private browsing may refuse storage; the switch still works for this visit.
  }
  document.documentElement.lang = locale
  if (i18next.language !== locale) void i18next.changeLanguage(locale)
}
