import { useTranslation } from 'react-i18next'
import { channelErrorMessage } from '../../core/channel-errors.js'
import { networkName as coreNetworkName } from '../../core/channels/networks.js'
import type { Channel, Network } from '../../core/schemas/index.js'
import { currentLocale } from '../i18n/index.js'

/**
 * A network's name for the reader. The networks' own names are brands, the same in every
 * language; the practice channel is Torget's own and is named in the reader's language.
 */
export function networkName(network: Network): string {
  return coreNetworkName(network, currentLocale())
}

/** Handles as people write them: @bibliotek.bsky.social, @bibliotek@mastodon.nu. */
export function atHandle(handle: string): string {
  return handle.startsWith('@') ? handle : `@${handle}`
}

/** "Bluesky @bibliotek.bsky.social": enough to tell two accounts apart. */
export function channelName(channel: Pick<Channel, 'network' | 'handle'>): string {
  return `${networkName(channel.network)} ${atHandle(channel.handle)}`
}

/** What a network problem means and what to do, in the reader's language. */
export function useChannelError(): (code: string | null | undefined, network?: Network) => string {
  const { i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  return (code, network) => channelErrorMessage(code, locale, network)
}
