import type { Config } from '../../config/config.js'
import { blockedRange } from '../../net/ip-ranges.js'

/** What the Meta adapters and the connect flow need from the configuration. */
export interface MetaSettings {
  /** Facebook Login for Business: Pages and the Instagram accounts linked to them. */
  facebook?: { appId: string; appSecret: string }
  /** The Threads use case has an app id and secret of its own. */
  threads?: { appId: string; appSecret: string }
  graphUrl: string
  dialogUrl: string
  threadsGraphUrl: string
  threadsDialogUrl: string
  version: string
  /** Torget's address as the internet sees it; Meta fetches images from here. */
  publicUrl: string
  /** Why Meta could not fetch from publicUrl, when it cannot; undefined when it can. */
  unreachableBecause?: string
  /** Meta's webhooks are set up (META_WEBHOOK_VERIFY_TOKEN): a connected Page is subscribed to them. */
  webhooks?: boolean
}

export function metaSettings(config: Config): MetaSettings {
  return {
    ...(config.metaAppId &&
      config.metaAppSecret && {
        facebook: { appId: config.metaAppId, appSecret: config.metaAppSecret },
      }),
    ...(config.threadsAppId &&
      config.threadsAppSecret && {
        threads: { appId: config.threadsAppId, appSecret: config.threadsAppSecret },
      }),
    graphUrl: config.metaGraphUrl.replace(/\/$/, ''),
    dialogUrl: config.metaDialogUrl.replace(/\/$/, ''),
    threadsGraphUrl: config.threadsGraphUrl.replace(/\/$/, ''),
    threadsDialogUrl: config.threadsDialogUrl.replace(/\/$/, ''),
    version: config.metaGraphVersion,
    publicUrl: config.publicUrl,
    ...(config.metaWebhookVerifyToken && { webhooks: true }),
    ...(config.metaRequirePublicUrl && {
      unreachableBecause: unreachableReason(config.publicUrl),
    }),
  }
}

/**
 * Meta's servers fetch every image by URL ("We cURL media used in publishing
 * attempts, so the media must be hosted on a publicly accessible server",
 * developers.facebook.com/docs/instagram-platform/content-publishing). A
 * localhost or private address can never work, so connecting is refused up front.
 */
function unreachableReason(publicUrl: string): string | undefined {
  const url = new URL(publicUrl)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local'))
    return `TORGET_PUBLIC_URL (${url.origin}) is a local name`
  if (/^[\d.]+$/.test(host) || host.includes(':')) {
    if (blockedRange(host) !== null) return `TORGET_PUBLIC_URL (${url.origin}) is a private address`
  }
  return undefined
}

/**
 * The lines `torget serve` logs at start, so an operator sees what is missing:
 * a network left unconfigured is a choice (info); one configured that Meta
 * cannot use is a problem (warn).
 */
export function metaStartNotes(settings: MetaSettings): { level: 'info' | 'warn'; text: string }[] {
  const notes: { level: 'info' | 'warn'; text: string }[] = []
  if (!settings.facebook)
    notes.push({
      level: 'info',
      text: 'Facebook and Instagram are off: META_APP_ID and META_APP_SECRET are not set (see docs/meta.md).',
    })
  if (!settings.threads)
    notes.push({
      level: 'info',
      text: 'Threads is off: THREADS_APP_ID and THREADS_APP_SECRET are not set (see docs/meta.md).',
    })
  if ((settings.facebook || settings.threads) && settings.unreachableBecause)
    notes.push({
      level: 'warn',
      text: `Meta cannot fetch images from Torget: ${settings.unreachableBecause}. Connecting Facebook, Instagram or Threads is refused until Torget has a public address.`,
    })
  return notes
}
