import { identityKind, type IdentityKind } from './personnummer.js'
import type { TextRange } from './types.js'

export type PersonalDataKind = IdentityKind | 'phone' | 'email'

export interface PersonalDataMatch extends TextRange {
  kind: PersonalDataKind
  /** Digits only (phone, identity) or the lower-cased address (email). */
  normalized: string
}

// 6 or 8 digits, an optional separator, 4 digits; not inside a longer number,
// a code ("AB198501011234") or a hyphenated series like an ISBN.
const IDENTITY =
  /(?<![\p{L}\p{N}_#+]|\p{N}[-–./])(\d{8}|\d{6})([-–+ \u00a0]?)(\d{4})(?![\p{L}\p{N}_]|[-–./:]\p{N})/gu

// +46 / 0046, an optional (0), then 7–9 digits with single spaces or hyphens between.
const PHONE_INTERNATIONAL =
  /(?<![\p{L}\p{N}_+])(?:\+46|0046)[ \u00a0-]?(?:\(0\)[ \u00a0]?)?[1-9](?:[ \u00a0-]?\d){6,8}(?![\p{N}]|[.,:]\p{N})/gu
// 0 + area code (1–4 digits, optionally in parentheses), then the subscriber number.
const PHONE_NATIONAL =
  /(?<![\p{L}\p{N}_+.,]|\p{N}[-–]|\p{N} )\(?0[1-9]\d{0,3}\)?(?:[ \u00a0]?[-–/]?[ \u00a0]?)\d(?:[ \u00a0-]?\d){4,7}(?![\p{N}]|[.,:]\p{N}|[-–]\p{N})/gu

// A number right after these words is a book, an order or a case, not a person.
const NOT_PERSONAL_BEFORE =
  /(?:isbn(?:-1[03])?|issn|order(?:nummer|nr)?|beställning(?:snummer|snr)?|ärende(?:nummer|nr)?|ref(?:erens)?(?:nummer|nr)?|kund(?:nummer|nr)|faktura(?:nummer|nr)?|ocr(?:-nummer)?|artikel(?:nummer|nr)?|best\.?\s?nr|bankgiro|plusgiro|bg|pg)\s*(?:nr\.?|nummer)?\s*[:#.]?\s*$/iu

// A number after these words is a phone number even when its digits would pass as an identity number.
const PHONE_BEFORE = /\b(?:ring|ringa|ringer|tel|telefon|mobil|sms|nås|swish)/iu

function notPersonalContext(text: string, start: number): boolean {
  return NOT_PERSONAL_BEFORE.test(text.slice(Math.max(0, start - 32), start))
}

export function findIdentityNumbers(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  for (const m of text.matchAll(IDENTITY)) {
    const [whole, date = '', separator = '', serial = ''] = m
    let century: number | undefined
    if (date.length === 8) {
      century = Number(date.slice(0, 2))
      if (century < 18 || century > 20 || separator === '+') continue
    }
    const kind = identityKind(date, serial, century)
    if (!kind || notPersonalContext(text, m.index)) continue
    const phoneLike = century === undefined && date.startsWith('0') && separator === ''
    if (phoneLike && PHONE_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue
    found.push({ start: m.index, end: m.index + whole.length, kind, normalized: date + serial })
  }
  return found
}

export function findPhoneNumbers(text: string, taken: TextRange[]): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  const add = (m: RegExpMatchArray, international: boolean) => {
    const start = m.index!
    const end = start + m[0].length
    const digits = m[0].replace(/\D/g, '')
    const national = international ? '0' + digits.replace(/^(?:46|0046)0?/, '') : digits
    if (national.length < 8 || national.length > 10) return
    if (overlaps(taken, start, end) || overlaps(found, start, end)) return
    if (notPersonalContext(text, start)) return
    found.push({ start, end, kind: 'phone', normalized: national })
  }
  for (const m of text.matchAll(PHONE_INTERNATIONAL)) add(m, true)
  for (const m of text.matchAll(PHONE_NATIONAL)) add(m, false)
  return found.sort((a, b) => a.start - b.start)
}

/** The same number however it is written: +46 8-123 456 78 → 0812345678. */
export function normalizePhone(value: string): string {
  const digits = value.replace(/\D/g, '')
  if (value.trim().startsWith('+46')) return '0' + digits.slice(2).replace(/^0/, '')
  if (digits.startsWith('0046')) return '0' + digits.slice(4).replace(/^0/, '')
  return digits
}

function overlaps(ranges: TextRange[], start: number, end: number): boolean {
  return ranges.some((r) => r.start < end && start < r.end)
}
