import { guardedClient, type GuardedClientOptions } from '../net/guarded-client.js'

/**
 * The tests' own servers (the PDS, the recorded Mastodon, stand-ins) listen on
 * loopback, which Torget refuses by default. Tests allow it explicitly, as an
 * operator allows an intranet range.
 */
export const LOOPBACK_RANGES = ['127.0.0.0/8', '::1/128']

/** For a test config or a spawned Torget. */
export const ALLOW_LOOPBACK = { TORGET_FETCH_ALLOW_PRIVATE: LOOPBACK_RANGES.join(',') }

/** The guarded client an adapter under test is given. */
export function loopbackClient(options: Omit<GuardedClientOptions, 'allowPrivate'> = {}) {
  return guardedClient({ ...options, allowPrivate: LOOPBACK_RANGES })
}
