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
