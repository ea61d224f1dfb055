import { GuardedFetchError } from '../../net/exchange.js'
import { ChannelError } from './channel-adapter.js'

/** The GuardedFetchError in `error` or its causes, however deep a client library wrapped it. */
export function guardedFetchError(error: unknown): GuardedFetchError | undefined {
  const seen = new Set<unknown>()
  for (let e = error; e instanceof Error && !seen.has(e); e = e.cause) {
    if (e instanceof GuardedFetchError) return e
    seen.add(e)
  }
  return undefined
}

/**
 * What the guarded client refused to send (a blocked address, a redirect it
 * would not follow), as a permanent ChannelError; undefined for anything else.
 * Nothing reached the server, so nothing can have been posted.
 */
export function guardRefusal(error: unknown, action?: string): ChannelError | undefined {
  const refused = guardedFetchError(error)
  if (!refused) return undefined
  const prefix = action ? `${action}: ` : ''
  if (refused.code === 'blocked_address') {
    return new ChannelError(
      'permanent',
      'blocked_address',
      `${prefix}${refused.details.url} was not requested: ${refused.message}. ` +
        'Allow its range with TORGET_FETCH_ALLOW_PRIVATE if Torget is meant to reach it.',
      undefined,
      { cause: error },
    )
  }
  if (refused.code === 'invalid_url' || refused.code === 'too_many_redirects') {
    return new ChannelError('permanent', 'bad_response', `${prefix}${refused.message}`, undefined, {
      cause: error,
    })
  }
  return undefined
}
