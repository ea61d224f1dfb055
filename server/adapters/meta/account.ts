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
