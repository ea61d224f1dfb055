import crypto from 'node:crypto'
import type { TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import type { AppContext } from './context.js'

/** The 304 a read route declares beside its 200. */
export const notModified = {
  304: { description: 'Not modified: the If-None-Match tag still holds' },
}

/**
 * A JSON answer with an ETag, or 304 when the browser's copy is still current. The tag is
 * a digest of the answer itself: no rule about what the answer depends on can be forgotten,
 * and the digest costs a small part of writing the body out (tens of microseconds for the
 * month view's 70 KB). `no-cache` makes the browser ask every time, so a change is never
 * missed; what a 304 saves is sending and parsing the body again.
 */
export function jsonWithETag<T>(c: AppContext, body: T) {
  // Encoded once: the digest and the socket then take the same bytes.
  const bytes = Buffer.from(JSON.stringify(body))
  const tag = `W/"${crypto.hash('sha1', bytes, 'base64url')}"`
  c.header('ETag', tag)
  c.header('Cache-Control', 'private, no-cache')
  if (matches(c.req.header('if-none-match'), tag))
    return c.body(null, 304) as unknown as TypedResponse<Record<string, never>, 304, 'json'>
  c.header('Content-Type', 'application/json')
  return c.body(bytes, 200) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>
}

/** If-None-Match compares weakly (RFC 9110, 13.1.2): `W/` aside, the tags must be equal. */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const opaque = tag.slice(2)
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque)
}
