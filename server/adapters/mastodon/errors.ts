import { ChannelError, type ChannelErrorCode } from '../channels/channel-adapter.js'
import { guardedFetchError, guardRefusal } from '../channels/guard-refusal.js'
import { errorSchema } from './api.js'

/**
 * What a request does, which decides what a lost answer means:
 * - read: nothing changed; try again;
 * - write: a change that is harmless to repeat (an upload, a delete);
 * - create-status: a post may exist even though no answer came back.
 */
export type Effect = 'read' | 'write' | 'create-status'

export interface RequestContext {
  effect: Effect
  /** "POST /api/v1/statuses", for messages. */
  what: string
  /** Code for a 404: what the request names is gone. */
  notFound?: ChannelErrorCode
  /** Code for a 413 or 422: Mastodon refused what was sent. */
  rejected?: ChannelErrorCode
  /** Code for a 403 that is not about the account or the token: this request is not allowed. */
  forbidden?: ChannelErrorCode
  /** Set for the OAuth endpoints, where a 401 means the app's client id or secret is wrong, not a token. */
  oauth?: boolean
}

const REVOKED = 'Mastodon refused the token: reconnect the channel'

// Failures that happen before a request leaves this machine: safe to retry, even a post.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/** Mastodon's error text (the Error entity), or undefined when the body is something else. */
export function mastodonErrorText(body: unknown): string | undefined {
  const parsed = errorSchema.safeParse(body)
  if (!parsed.success) return undefined
  const { error, error_description } = parsed.data
  return error_description ? `${error}: ${error_description}` : error
}

/** Turns a non-2xx answer into a ChannelError. */
export function errorFromResponse(
  status: number,
  body: unknown,
  headers: Headers,
  ctx: RequestContext,
  now = Date.now(),
): ChannelError {
  const said = mastodonErrorText(body)
  const detail = `${ctx.what} answered ${status}${said ? `: ${said}` : ''}`
  if (status >= 300 && status < 400) {
    return new ChannelError(
      'permanent',
      'bad_response',
      `${detail}, a redirect: connect the channel with the address Mastodon redirects to`,
    )
  }
  if (status === 401 && ctx.oauth) return new ChannelError('permanent', 'auth_failed', detail)
  if (status === 401) return new ChannelError('permanent', 'auth_revoked', REVOKED)
  if (status === 403) {
    // https://docs.joinmastodon.org/entities/Error/#403: the account itself cannot sign in.
    if (said && /disabled|pending approval|confirmed e-?mail/i.test(said)) {
      return new ChannelError('permanent', 'auth_failed', `Mastodon says: ${said}`)
    }
    if (said && /scope/i.test(said)) {
      return new ChannelError(
        'permanent',
        'auth_revoked',
        `The token lacks a permission Torget needs (${said}): reconnect the channel`,
      )
    }
    return new ChannelError('permanent', ctx.forbidden ?? 'auth_failed', detail)
  }
  if (status === 404) return new ChannelError('permanent', ctx.notFound ?? 'not_found', detail)
  if (status === 410) return new ChannelError('permanent', 'account_gone', detail)
  if (status === 429) {
    return new ChannelError(
      'transient',
      'rate_limited',
      `Mastodon's rate limit is reached; ${detail}`,
      retryAfterMs(headers, now),
    )
  }
  // A proxy's 502 or 504 on a post means the request reached Mastodon and then the
  // answer was lost: Mastodon may have finished creating the status.
  if ((status === 502 || status === 504) && ctx.effect === 'create-status') {
    return new ChannelError('unknown', 'server_error', `${detail}; the post may or may not exist`)
  }
  if (status >= 500) {
    // A 503 in maintenance may say when to come back (Retry-After).
    return new ChannelError('transient', 'server_error', detail, retryAfterMs(headers, now))
  }
  if (status === 422 && said && /requires an authenticated user/i.test(said)) {
    return new ChannelError(
      'permanent',
      'auth_failed',
      'This token belongs to an app, not to an account: create the token while signed in as the account',
    )
  }
  if (status === 422 && said && isTextTooLong(said)) {
    return new ChannelError('permanent', 'text_too_long', detail)
  }
  if (status === 413 || status === 422) {
    return new ChannelError('permanent', ctx.rejected ?? 'invalid_post', detail)
  }
  if (status === 400 && said && /^(invalid_\w+|unauthorized_client|unsupported_\w+)/.test(said)) {
    return new ChannelError('permanent', 'auth_failed', detail)
  }
  return new ChannelError('permanent', ctx.rejected ?? 'invalid_post', detail)
}

/**
 * StatusLengthValidator's message ("Validation failed: Text character limit of 500
 * exceeded"). Mastodon translates it into the account's language, so the adapter
 * also counts the text against live limits when a 422 does not say this.
 */
export function isTextTooLong(message: string): boolean {
  return /character limit of \d+ exceeded/i.test(message)
}

/** A 2xx whose body is not what the docs describe. */
export function badResponse(ctx: RequestContext, detail: string, cause?: unknown): ChannelError {
  // A created status we cannot read may still exist; anything else will not heal by retrying.
  const kind = ctx.effect === 'create-status' ? 'unknown' : 'permanent'
  return new ChannelError(
    kind,
    'bad_response',
    `${ctx.what} answered with something that is not Mastodon's documented response (${detail})`,
    undefined,
    { cause },
  )
}

/** Turns a fetch that threw (no usable answer) into a ChannelError. */
export function errorFromFailure(error: unknown, ctx: RequestContext): ChannelError {
  if (error instanceof ChannelError) return error
  const refused = guardRefusal(error, ctx.what)
  if (refused) return refused
  // The answer came, but larger than any documented entity: unreadable, like a malformed one.
  if (guardedFetchError(error)?.code === 'too_large') return badResponse(ctx, 'too large', error)
  const lostAnswer = ctx.effect === 'create-status' ? 'unknown' : 'transient'
  if (isTimeout(error)) {
    return new ChannelError(
      lostAnswer,
      'timeout',
      `${ctx.what} got no answer in time${lostAnswer === 'unknown' ? '; the post may or may not exist' : ''}`,
      undefined,
      { cause: error },
    )
  }
  const code = systemCode(error)
  if (code && NOT_SENT.has(code)) {
    return new ChannelError(
      'transient',
      'network_unreachable',
      `Could not reach the Mastodon server (${describeCode(code)})`,
      undefined,
      { cause: error },
    )
  }
  return new ChannelError(
    lostAnswer,
    'network_unreachable',
    `The connection broke during ${ctx.what}${code ? ` (${code})` : ''}${lostAnswer === 'unknown' ? '; the post may or may not exist' : ''}`,
    undefined,
    { cause: error },
  )
}

export function describeCode(code: string): string {
  if (code === 'ECONNREFUSED') return 'the server refused the connection'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'no such host name'
  if (code.includes('CERT')) return `its TLS certificate is not valid: ${code}`
  return code
}

function isTimeout(error: unknown): boolean {
  for (const e of causes(error)) {
    if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return true
  }
  return false
}

/** The first system error code (ECONNREFUSED, UND_ERR_SOCKET…) in the cause chain. */
export function systemCode(error: unknown): string | undefined {
  for (const e of causes(error)) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

// fetch wraps the socket error in `cause`; happy-eyeballs connects wrap several in an AggregateError.
function* causes(error: unknown, depth = 0): Generator<object> {
  if (typeof error !== 'object' || error === null || depth > 5) return
  yield error
  if (error instanceof AggregateError) for (const e of error.errors) yield* causes(e, depth + 1)
  yield* causes((error as { cause?: unknown }).cause, depth + 1)
}

/** Milliseconds until Mastodon's rate-limit window resets (X-RateLimit-Reset is an ISO time). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const reset = headers.get('x-ratelimit-reset')
  const retryAfter = headers.get('retry-after')
  let at: number | undefined
  if (reset) at = Date.parse(reset)
  if ((at === undefined || Number.isNaN(at)) && retryAfter) {
    at = /^\d+$/.test(retryAfter.trim()) ? now + Number(retryAfter) * 1000 : Date.parse(retryAfter)
  }
  if (at === undefined || Number.isNaN(at)) return undefined
  return Math.max(1000, at - now)
}
