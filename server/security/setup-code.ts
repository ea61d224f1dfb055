import crypto from 'node:crypto'

// No 0/O or 1/I/L: the code is read off a terminal and typed by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A one-time code for first-time setup: 12 characters in groups of four, about 59 bits. */
export function newSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)])
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

/** Compares as typed: case, spaces and dashes do not matter; the time taken says nothing. */
export function sameSetupCode(typed: string, expected: string): boolean {
  const digest = (s: string) =>
    crypto.createHash('sha256').update(s.toUpperCase().replace(/[\s-]/g, '')).digest()
  return crypto.timingSafeEqual(digest(typed), digest(expected))
}
