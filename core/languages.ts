import { z } from 'zod'
import type { Locale } from './locale.js'

export interface PostLanguage {
  /** BCP 47 primary language subtag, ISO 639-1: what Bluesky (`langs`) and Mastodon (`language`) both take. */
  code: string
  /** The language's name in itself, as its readers know it. */
  name: string
  sv: string
  en: string
  /** Written right to left. */
  rtl?: true
}

/**
 * The languages a post can be written in: Swedish and English, the languages
 * Swedish public libraries reach newcomers in, and the national minority
 * languages that have a code the networks know.
 */
export const POST_LANGUAGES = [
  { code: 'sv', name: 'svenska', sv: 'svenska', en: 'Swedish' },
  { code: 'en', name: 'English', sv: 'engelska', en: 'English' },
  { code: 'ar', name: 'العربية', sv: 'arabiska', en: 'Arabic', rtl: true },
  { code: 'so', name: 'Soomaali', sv: 'somaliska', en: 'Somali' },
  { code: 'fa', name: 'فارسی', sv: 'persiska', en: 'Persian', rtl: true },
  { code: 'uk', name: 'українська', sv: 'ukrainska', en: 'Ukrainian' },
  { code: 'fi', name: 'suomi', sv: 'finska', en: 'Finnish' },
  { code: 'es', name: 'español', sv: 'spanska', en: 'Spanish' },
  { code: 'de', name: 'Deutsch', sv: 'tyska', en: 'German' },
  { code: 'pl', name: 'polski', sv: 'polska', en: 'Polish' },
  { code: 'ti', name: 'ትግርኛ', sv: 'tigrinska', en: 'Tigrinya' },
  { code: 'am', name: 'አማርኛ', sv: 'amhariska', en: 'Amharic' },
  { code: 'ps', name: 'پښتو', sv: 'pashto', en: 'Pashto', rtl: true },
  { code: 'ku', name: 'Kurdî', sv: 'kurdiska', en: 'Kurdish' },
  { code: 'tr', name: 'Türkçe', sv: 'turkiska', en: 'Turkish' },
  { code: 'bs', name: 'bosanski', sv: 'bosniska', en: 'Bosnian' },
  { code: 'sq', name: 'shqip', sv: 'albanska', en: 'Albanian' },
  { code: 'ru', name: 'русский', sv: 'ryska', en: 'Russian' },
  { code: 'fr', name: 'français', sv: 'franska', en: 'French' },
  { code: 'zh', name: '中文', sv: 'kinesiska', en: 'Chinese' },
  { code: 'th', name: 'ไทย', sv: 'thailändska', en: 'Thai' },
  { code: 'se', name: 'davvisámegiella', sv: 'nordsamiska', en: 'Northern Sami' },
  { code: 'yi', name: 'ייִדיש', sv: 'jiddisch', en: 'Yiddish', rtl: true },
] as const satisfies readonly PostLanguage[]

export type PostLanguageCode = (typeof POST_LANGUAGES)[number]['code']
const CODES = POST_LANGUAGES.map((l) => l.code) as [PostLanguageCode, ...PostLanguageCode[]]

/** A post's language: one of POST_LANGUAGES, as its BCP 47 tag. */
export const postLanguageSchema = z.enum(CODES).meta({
  description: `The language the post is written in, as a BCP 47 language tag: ${CODES.join(', ')}`,
})

export function postLanguage(code: string): PostLanguage | undefined {
  return POST_LANGUAGES.find((l) => l.code === code)
}

/** "العربية (arabiska)": the language's own name, and its name in the reader's language when that differs. */
export function languageLabel(language: PostLanguage, locale: Locale): string {
  const translated = language[locale]
  return translated === language.name ? language.name : `${language.name} (${translated})`
}

/** A language tag as a person reads it; an unknown tag as it is. */
export function languageName(code: string, locale: Locale): string {
  const language = postLanguage(code)
  return language ? languageLabel(language, locale) : code
}

/** The direction to write a language's text in; `auto` lets the browser judge from the text. */
export function textDirection(code: string): 'rtl' | 'auto' {
  return postLanguage(code)?.rtl ? 'rtl' : 'auto'
}
