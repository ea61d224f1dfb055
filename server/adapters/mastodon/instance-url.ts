import { ChannelError } from '../channels/channel-adapter.js'

/**
 * Turns what a person typed ("mastodon.social", "https://mastodon.social/about")
 * into the origin the API lives at. Paths, queries and fragments are dropped:
 * every Mastodon endpoint hangs off the origin.
 */
export function normalizeInstanceUrl(input: string): string {
  const trimmed = input.trim()
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw invalid(input)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(input)
  if (!url.hostname || url.username || url.password) throw invalid(input)
  return url.origin
}

function invalid(input: string): ChannelError {
  return new ChannelError(
    'permanent',
    'auth_failed',
    `"${input}" is not the address of a Mastodon server; type it as mastodon.social or https://mastodon.social`,
  )
}
