import type { Locale } from '../locale.js'

/*
 * Saved replies ("sparade svar") with placeholders the inbox fills in when a
 * member picks one: "Hej {namn}! Läs mer på {länk}". Swedish names first,
 * English aliases for libraries that write in English.
 */

export const PLACEHOLDER_KEYS = ['name', 'link', 'library', 'channel', 'member'] as const
export type PlaceholderKey = (typeof PLACEHOLDER_KEYS)[number]

export interface PlaceholderInfo {
  key: PlaceholderKey
  /** What to type, Swedish first: {namn}. */
  names: Readonly<Record<Locale, string>>
  description: Readonly<Record<Locale, string>>
}

export const PLACEHOLDERS: readonly PlaceholderInfo[] = [
  {
    key: 'name',
    names: { sv: 'namn', en: 'name' },
    description: {
      sv: 'Namnet på den som skrev till er, som det står på kontot',
      en: 'The name of the person who wrote to you, as their account shows it',
    },
  },
  {
    key: 'link',
    names: { sv: 'länk', en: 'link' },
    description: {
      sv: 'Länken till inlägget ni svarar på',
      en: 'The link to the post you are answering',
    },
  },
  {
    key: 'library',
    names: { sv: 'bibliotek', en: 'library' },
    description: { sv: 'Bibliotekets namn', en: "The library's name" },
  },
  {
    key: 'channel',
    names: { sv: 'kanal', en: 'channel' },
    description: {
      sv: 'Kanalen svaret skickas i, t.ex. Bluesky',
      en: 'The channel the answer goes out on, e.g. Bluesky',
    },
  },
  {
    key: 'member',
    names: { sv: 'handläggare', en: 'member' },
    description: {
      sv: 'Ditt förnamn, som den som svarar',
      en: 'Your first name, as the one answering',
    },
  },
]

const BY_NAME = new Map<string, PlaceholderKey>(
  PLACEHOLDERS.flatMap((p) => [
    [p.names.sv, p.key],
    [p.names.en, p.key],
  ]),
)

// A word in braces, no spaces: "{namn}", "{kund_nr}". "{ }" and "{ hej }" are text.
const PLACEHOLDER = /\{([\p{L}\p{N}_-]{1,40})\}/gu

export interface PlaceholderMatch {
  start: number
  end: number
  /** As written, without braces. */
  name: string
  /** The value it stands for; undefined when Torget does not know the name. */
  key: PlaceholderKey | undefined
}

export function findPlaceholders(text: string): PlaceholderMatch[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    name: m[1]!,
    key: BY_NAME.get(m[1]!.normalize('NFC').toLowerCase()),
  }))
}

export type PlaceholderValues = Partial<Record<PlaceholderKey, string | null>>

export interface RenderedReply {
  text: string
  /** Placeholders Torget does not know, as written ("datum"); left in the text for the person to fix. */
  unknown: string[]
  /** Known placeholders without a value here ("namn"); left in the text for the person to fill in. */
  missing: string[]
}

/**
 * Fills in a saved reply. Nothing is dropped silently: a placeholder that
 * cannot be filled stays as written and is reported, so the composer can
 * point at it before anything is sent. Values go in as they are, never read
 * again for placeholders.
 */
export function renderSavedReply(body: string, values: PlaceholderValues): RenderedReply {
  const unknown: string[] = []
  const missing: string[] = []
  let text = ''
  let from = 0
  for (const match of findPlaceholders(body)) {
    const value = match.key ? values[match.key]?.trim() : undefined
    if (!match.key) addOnce(unknown, match.name)
    else if (!value) addOnce(missing, match.name)
    text += body.slice(from, match.start) + (value || body.slice(match.start, match.end))
    from = match.end
  }
  return { text: text + body.slice(from), unknown, missing }
}

function addOnce(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name)
}
