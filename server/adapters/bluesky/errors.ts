import { XRPCError } from '@atproto/api'
import { ChannelError } from '../channels/channel-adapter.js'
import { guardedFetchError, guardRefusal } from '../channels/guard-refusal.js'

// XRPC status 1: no HTTP response at all (refused, reset, DNS, aborted).
const NO_RESPONSE = 1
const INVALID_RESPONSE = 2

const ACCOUNT_GONE = new Set([
  'AccountTakedown',
  'AccountDeactivated',
  'RepoTakendown',
  'RepoDeactivated',
  'RepoSuspended',
])

/** Sorts whatever an XRPC call threw into what Torget should do next. */
export function toChannelError(error: unknown, action: string): ChannelError {
  if (error instanceof ChannelError) return error
  const refused = guardRefusal(error, action)
  if (refused) return refused
  const options = { cause: error }
  if (!(error instanceof XRPCError)) {
    const detail = error instanceof Error ? error.message : String(error)
    return new ChannelError('transient', 'bad_response', `${action}: ${detail}`, undefined, options)
  }
  const detail = `${action}: ${error.message}`
  if (error.error && ACCOUNT_GONE.has(error.error)) {
    return new ChannelError(
      'permanent',
      'account_gone',
      `${action}: the Bluesky account is deactivated, suspended or taken down (${error.error})`,
      undefined,
      options,
    )
  }
  const status: number = error.status
  if (status === NO_RESPONSE) {
    if (guardedFetchError(error)?.code === 'too_large') {
      return new ChannelError('transient', 'bad_response', detail, undefined, options)
    }
    return isTimeout(error)
      ? new ChannelError('transient', 'timeout', `${action}: no answer in time`, undefined, options)
      : new ChannelError('transient', 'network_unreachable', detail, undefined, options)
  }
  if (status === INVALID_RESPONSE) {
    return new ChannelError('transient', 'bad_response', detail, undefined, options)
  }
  if (status === 429) {
    return new ChannelError('transient', 'rate_limited', detail, retryAfterMs(error), options)
  }
  if (status >= 500) {
    return new ChannelError('transient', 'server_error', detail, undefined, options)
  }
  const tokenRefused =
    status === 400 && ['ExpiredToken', 'InvalidToken'].includes(error.error ?? '')
  if (status === 401 || status === 403 || tokenRefused) {
    return new ChannelError(
      'permanent',
      'auth_revoked',
      `${action}: Bluesky no longer accepts the app password; it may have been revoked. Connect the account again with a new app password.`,
      undefined,
      options,
    )
  }
  if (status === 413 || status === 415) {
    return new ChannelError('permanent', 'media_rejected', detail, undefined, options)
  }
  if (status === 400) {
    // The PDS reports lexicon violations as InvalidRequest with a path, e.g.
    // "grapheme too big (maximum 300, got 301) at $.record.text".
    const code = /\$\.record\.text\b/.test(error.message)
      ? 'text_too_long'
      : /\$\.record\.embed\b|blob/i.test(error.message)
        ? 'media_rejected'
        : 'invalid_post'
    return new ChannelError('permanent', code, detail, undefined, options)
  }
  return new ChannelError('permanent', 'bad_response', detail, undefined, options)
}

/** A stored session the PDS no longer takes: signing in again may help. */
export function isSessionRejected(error: unknown): boolean {
  if (!(error instanceof XRPCError)) return false
  if (error.error && ACCOUNT_GONE.has(error.error)) return false
  return (
    error.status === 401 ||
    (error.status === 400 && ['ExpiredToken', 'InvalidToken'].includes(error.error ?? ''))
  )
}

export function isRecordNotFound(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    (error.error === 'RecordNotFound' || /could not locate record/i.test(error.message))
  )
}

/**
 * True when the request may have reached the server and may yet take effect
 * (or already has): no answer, an answer we cannot read, or a server error.
 */
export function mayHaveLanded(error: unknown): boolean {
  if (!(error instanceof XRPCError)) return true
  if (error.status === NO_RESPONSE) return !neverSent(error)
  return error.status === INVALID_RESPONSE || error.status >= 500
}

/** No answer, yet the request may have been sent: the PDS may still be working on it. */
export function mayStillLand(error: unknown): boolean {
  return error instanceof XRPCError && error.status === NO_RESPONSE && !neverSent(error)
}

const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

function neverSent(error: XRPCError): boolean {
  if (guardRefusal(error)) return true
  return causes(error).some((c) => NOT_CONNECTED.has(String((c as { code?: unknown }).code)))
}

export function isTimeout(error: XRPCError): boolean {
  return causes(error).some((c) => c.name === 'TimeoutError' || c.name === 'AbortError')
}

function causes(error: Error): Error[] {
  const found: Error[] = []
  const visit = (e: unknown) => {
    if (!(e instanceof Error) || found.includes(e)) return
    found.push(e)
    visit(e.cause)
    if (e instanceof AggregateError) e.errors.forEach(visit)
  }
  visit(error.cause)
  return found
}

/** Bluesky sends `ratelimit-reset` in epoch seconds. */
export function retryAfterMs(error: XRPCError, now = Date.now()): number {
  const reset = Number(error.headers?.['ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0 ? Math.max(1_000, reset * 1000 - now) : 60_000
}

/** At connect a person is waiting: say plainly what is wrong with what they typed. */
export function connectError(error: unknown, service: string): ChannelError {
  const failure = toChannelError(error, `Signing in to ${service}`)
  const options = { cause: failure }
  switch (failure.code) {
    case 'auth_revoked':
    case 'invalid_post':
      return new ChannelError(
        'permanent',
        'auth_failed',
        'Bluesky did not accept this handle and app password. Check both; an app password is made in Bluesky under Settings → Privacy and security → App passwords.',
        undefined,
        options,
      )
    case 'network_unreachable':
    case 'timeout':
      return new ChannelError(
        'permanent',
        failure.code,
        `Could not reach the Bluesky server at ${service}. Check the address.`,
        undefined,
        options,
      )
    case 'bad_response':
      return new ChannelError(
        'permanent',
        'bad_response',
        `${service} does not answer like a Bluesky server. Check the address.`,
        undefined,
        options,
      )
    default:
      return failure
  }
}
