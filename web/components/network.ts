import { useTranslation } from 'react-i18next'
import { channelErrorMessage } from '../../core/channel-errors.js'
import { NETWORK_NAMES } from '../../core/channels/networks.js'
import type { Channel, Network } from '../../core/schemas/index.js'

export { NETWORK_NAMES }

/** Handles as people write them: @bibliotek.bsky.social, @bibliotek@mastodon.nu. */
export function atHandle(handle: string): string {
  return handle.startsWith('@') ? handle : `@${handle}`
}

/** "Bluesky @bibliotek.bsky.social": enough to tell two accounts apart. */
export function channelName(channel: Pick<Channel, 'network' | 'handle'>): string {
  return `${NETWORK_NAMES[channel.network]} ${atHandle(channel.handle)}`
}

/** What a network problem means and what to do, in the reader's language. */
export function useChannelError(): (code: string | null | undefined, network?: Network) => string {
  const { i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  return (code, network) => channelErrorMessage(code, locale, network)
}
