/**
 * What a search text in the archive asks for: its words, each matched as the
 * start of a word, all of them required. The same words go to both databases
 * (server/repos/archive-repo.ts); nothing of the user's text reaches a query
 * language except these words, so quotes, operators, brackets and stray
 * asterisks are only separators and can never make a query fail.
 */
const WORD = /[\p{L}\p{N}\p{M}]+/gu
export const MAX_SEARCH_WORDS = 8
const MAX_WORD_LENGTH = 64

/** The words of a search text, lower-cased and composed (NFC), at most MAX_SEARCH_WORDS. */
export function searchWords(text: string): string[] {
  const words = text.normalize('NFC').toLocaleLowerCase('sv').match(WORD) ?? []
  return [...new Set(words.map((w) => w.slice(0, MAX_WORD_LENGTH)))].slice(0, MAX_SEARCH_WORDS)
}

// Swedish inflectional endings, longest first: definite and plural forms and the genitive.
const ENDINGS = [
  'arnas',
  'ernas',
  'ornas',
  'andes',
  'arna',
  'erna',
  'orna',
  'ande',
  'ens',
  'ets',
  'ars',
  'ers',
  'ors',
  'na',
  'en',
  'et',
  'ar',
  'er',
  'or',
  'as',
  'es',
  'a',
  'e',
  's',
  'n',
  't',
]
const MIN_STEM = 4

/**
 * A Swedish word without its inflectional ending, so that its prefix finds
 * the other forms: "biblioteken" → "bibliotek", which finds biblioteket,
 * biblioteken, bibliotekens. A stem is never shorter than four letters, so
 * short words stay as typed ("barn" is not cut to "bar"). For SQLite, which
 * has no Swedish stemmer; PostgreSQL's Snowball stemmer does the same there.
 * Wider than exact: "kvällen" also finds "kvällar", which a reader of an
 * archive wants rather than misses.
 */
export function swedishStem(word: string): string {
  for (const ending of ENDINGS)
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM)
      return word.slice(0, -ending.length)
  return word
}
