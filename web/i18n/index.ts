import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../core/locale.js'
import sv from './sv.json' with { type: 'json' }

const STORAGE_KEY = 'torget.locale'

type Texts = Record<string, unknown>

// A feature may keep its texts in its own file, web/i18n/<locale>/<feature>.json, under one top-level key.
// Swedish, the default, is in the first bundle; English loads when someone chooses it, which keeps
// the first page's JavaScript within its budget as the texts grow.
const swedishFeatures = import.meta.glob<{ default: Texts }>('./sv/*.json', { eager: true })
const englishFeatures = import.meta.glob<{ default: Texts }>('./en/*.json')

function merged(base: Texts, features: { default: Texts }[]): Texts {
  return Object.assign({ ...base }, ...features.map((module) => module.default))
}

/** Every language but the default one, which is bundled. */
const loaders: Partial<Record<Locale, () => Promise<Texts>>> = {
  en: async () => {
    const [base, ...features] = await Promise.all([
      import('./en.json', { with: { type: 'json' } }),
      ...Object.values(englishFeatures).map((load) => load()),
    ])
    return merged(base.default, features)
  },
}

/** Makes sure a language's texts are in i18next before it is shown. */
async function loadTexts(locale: Locale): Promise<void> {
  const load = loaders[locale]
  if (!load || i18next.hasResourceBundle(locale, 'translation')) return
  i18next.addResourceBundle(locale, 'translation', await load())
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

/** Starts i18next in the language kept on this device, its texts loaded first. */
export async function initI18n(): Promise<typeof i18next> {
  const lng = storedLocale()
  await i18next.use(initReactI18next).init({
    resources: { sv: { translation: merged(sv, Object.values(swedishFeatures)) } },
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  })
  await loadTexts(lng).then(
    () => i18next.changeLanguage(lng),
    // Offline or a stale deployment: Swedish is there; the switch can be tried again.
    () => undefined,
  )
  document.documentElement.lang = currentLocale()
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
  if (i18next.language !== locale)
    void loadTexts(locale).then(
      () => i18next.changeLanguage(locale),
      () => undefined,
    )
}
