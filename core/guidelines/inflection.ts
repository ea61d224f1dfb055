/**
 * The forms of a Swedish word a list entry should also catch: "idiot" →
 * idioten, idioter, idioterna, idiots; "pojke" → pojkar, pojkarna; "dum" →
 * dumma, dumt; "fågel" → fåglar. Only endings, never compounds: a list
 * entry "gratis" does not catch "gratisbiljett", so a library adds
 * compounds it wants caught as entries of their own.
 */
const AFTER_CONSONANT = [
  's',
  'en',
  'ens',
  'et',
  'ets',
  'er',
  'ers',
  'erna',
  'ernas',
  'ar',
  'ars',
  'arna',
  'arnas',
  'or',
  'ors',
  'orna',
  'ornas',
  'a',
  'as',
  'e',
  'es',
  't',
  'are',
  'ast',
  'aste',
]
const AFTER_VOWEL = ['s', 'n', 'ns', 't', 'ts', 'r', 'rs', 'rna', 'rnas', 'na', 'nas']
const VOWELS = 'aeiouyåäö'

export function inflectedForms(word: string): string[] {
  const forms = new Set([word])
  const last = word[word.length - 1] ?? ''
  if (word.length < 2 || !/\p{L}/u.test(last)) return [...forms]
  if (VOWELS.includes(last)) {
    for (const s of AFTER_VOWEL) forms.add(word + s)
    // pojke → pojkar, flicka → flickor: the final vowel gives way to the ending.
    if (word.length > 3) for (const s of AFTER_CONSONANT) forms.add(word.slice(0, -1) + s)
  } else {
    for (const s of AFTER_CONSONANT) forms.add(word + s)
    const beforeLast = word[word.length - 2] ?? ''
    // dum → dumma, dumt: a short word doubles its last consonant.
    if (word.length <= 4 && VOWELS.includes(beforeLast)) {
      forms.add(word + last)
      for (const s of AFTER_CONSONANT) if (s !== 't') forms.add(word + last + s)
    }
    // fågel → fåglar, vacker → vackra: the e before l, n or r drops.
    if (word.length > 4 && /e[lnr]$/.test(word)) {
      const stem = word.slice(0, -2) + last
      for (const s of AFTER_CONSONANT) if (s !== '' && s[0] !== 'e') forms.add(stem + s)
    }
  }
  return [...forms]
}
