/** Where a path segment is itself the secret: the next segment after each of these prefixes. */
const SECRET_SEGMENT_AFTER = [
  '/api/v1/public/calendar-feeds/',
  '/api/v1/public/policies/',
  '/api/v1/invitations/',
  '/inbjudan/',
  '/policy/',
]

/** Query parameters that carry a secret: reset links, OAuth callbacks, bearer tokens. */
const SECRET_PARAMS = new Set([
  'token',
  'code',
  'state',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'secret',
])

const REDACTED = '[redacted]'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Torget's tokens are 43 base64url characters; a long opaque segment that is not an id is
// treated as a secret too, so a route added later without a line above still logs none.
const OPAQUE = /^[\w-]{32,}$/

/**
 * A request's path and query as the log may keep them: every secret path
 * segment and secret query value replaced. Whoever reads the logs must not be
 * able to open a member's calendar feed, an invitation or a reset link.
 */
export function redactUrl(url: string): string {
  const parsed = new URL(url, 'http://torget.invalid')
  const segments = parsed.pathname.split('/')
  const redactedPath = segments
    .map((segment, i) => {
      const before = `${segments.slice(0, i).join('/')}/`
      if (i > 0 && SECRET_SEGMENT_AFTER.includes(before)) return REDACTED
      return OPAQUE.test(segment) && !UUID.test(segment) ? REDACTED : segment
    })
    .join('/')
  if (!parsed.search) return redactedPath
  const query = [...parsed.searchParams]
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${SECRET_PARAMS.has(key.toLowerCase()) ? REDACTED : encodeURIComponent(value)}`,
    )
    .join('&')
  return `${redactedPath}?${query}`
}
