import { ChannelError } from '../channels/channel-adapter.js'
import type { MetaSettings } from './settings.js'

/** Refuses to connect when Meta could not fetch images from Torget. */
export function assertReachable(settings: MetaSettings) {
  if (settings.unreachableBecause)
    throw new ChannelError('permanent', 'not_publicly_reachable', settings.unreachableBecause)
}

/** The access expiry the connect flow found (debug_token), passed on to the channel row. */
export function expiryOf(input: Record<string, string>): { accessExpiresAt?: string } {
  const at = input.accessExpiresAt
  return at && !Number.isNaN(Date.parse(at)) ? { accessExpiresAt: new Date(at).toISOString() } : {}
}

/**
 * A channel connected without every permission comments take (the person unticked one on
 * Meta's page) publishes, but its card says comments cannot be read or answered.
 */
export function commentsWarning(
  input: Record<string, string>,
  needed: readonly string[],
): { warning?: string } {
  if (input.grantedScopes === undefined) return {}
  const granted = new Set(input.grantedScopes.split(','))
  return needed.every((s) => granted.has(s)) ? {} : { warning: 'comments_permission_missing' }
}
