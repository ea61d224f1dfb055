import type { Locale } from '../locale.js'
import type { StrategyDocument } from '../schemas/strategy.js'
import { DEFAULT_RESPONSE_TARGET, describeTarget } from './response-time.js'

/*
 * The notice lag (1998:112) 3 § asks of whoever runs a board: who runs it
 * and how far what others write is shown to everyone. Torget adds what 5 §
 * and the library's own rules mean for a commenter (what is removed) and
 * where the rules are. One short text for a profile's bio, one longer for
 * the library's website.
 */

export const BIO_MAX = 300

export interface BoardNotice {
  /** At most 300 characters, for the account's description. */
  bio: string
  /** Paragraphs for the library's website, separated by blank lines. */
  website: string
}

export interface BoardNoticeOptions {
  /** Where the rules can be read: the policy's public link or the library's own page. */
  rulesUrl?: string | null
}

export function boardNotice(
  doc: StrategyDocument,
  libraryName: string,
  locale: Locale,
  options: BoardNoticeOptions = {},
): BoardNotice {
  const name = libraryName.trim().replace(/\s+/g, ' ')
  const url = options.rulesUrl?.trim() || null
  const target = describeTarget(doc.responses.target ?? DEFAULT_RESPONSE_TARGET, locale)
  return { bio: bio(name, url, locale), website: website(name, url, target, locale) }
}

function bio(name: string, url: string | null, locale: Locale): string {
  const sv = locale === 'sv'
  const runs = sv ? `Kontot drivs av ${name}.` : `This account is run by ${name}.`
  const shown = sv
    ? 'Det du skriver här syns för alla.'
    : 'What you write here is seen by everyone.'
  const removed = sv
    ? 'Vi tar bort det som bryter mot lagen eller våra regler.'
    : 'We remove what breaks the law or our rules.'
  const where = url ? `${sv ? 'Regler' : 'Rules'}: ${url}` : null
  // Most to least needed; a long name or link drops the sentence that matters least.
  const candidates = [
    [runs, shown, removed, where],
    [runs, removed, where],
    [runs, removed],
    [removed, where],
    [removed],
  ]
  for (const parts of candidates) {
    const text = parts.filter((p): p is string => p !== null).join(' ')
    if (text.length <= BIO_MAX) return text
  }
  return removed
}

function website(name: string, url: string | null, target: string, locale: Locale): string {
  const sv = locale === 'sv'
  const paragraphs = sv
    ? [
        `${name} driver det här kontot. Vi läser det som skrivs här och svarar ${target}.`,
        'Det du skriver här syns för alla som besöker kontot. Biblioteket är en myndighet: kommentarer sparas som allmänna handlingar, även de som tas bort.',
        'Vi tar bort inlägg som uppenbart är brottsliga, till exempel olaga hot, hets mot folkgrupp, olaga integritetsintrång, uppvigling, olaga våldsskildring, barnpornografi, uppmaning till terrorism och intrång i upphovsrätt. Det kräver lagen om ansvar för elektroniska anslagstavlor.',
        'Vi tar också bort det som bryter mot våra regler: reklam och spam, inlägg som inte hör hit och personuppgifter, som personnummer, om dig själv eller någon annan. Vi säger till när vi har tagit bort något.',
        'Skriv inte om ditt lånekonto eller andra personliga saker här. Kontakta oss hellre på telefon, med e-post eller vid disken.',
        url
          ? `Läs våra regler: ${url}`
          : 'Läs våra regler i bibliotekets policy för sociala medier, som du kan be att få från biblioteket.',
      ]
    : [
        `${name} runs this account. We read what is written here and answer ${target}.`,
        'What you write here is seen by everyone who visits the account. The library is a public authority: comments are kept as public records, also those that are removed.',
        'We remove posts that are obviously criminal, such as unlawful threats, agitation against a population group, unlawful breach of privacy, incitement, unlawful depiction of violence, child sexual abuse material, incitement to terrorism and copyright infringement. Swedish law on electronic bulletin boards requires it.',
        'We also remove what breaks our rules: advertising and spam, posts that do not belong here and personal data, such as personal identity numbers, about yourself or anyone else. We say so when we have removed something.',
        'Please do not write about your library account or other personal matters here. Contact us by phone, by e-mail or at the desk instead.',
        url
          ? `Read our rules: ${url}`
          : "Read our rules in the library's social media policy, which you can ask the library for.",
      ]
  return paragraphs.join('\n\n')
}
