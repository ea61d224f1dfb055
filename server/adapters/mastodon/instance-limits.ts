import {
  MASTODON_DEFAULT_LIMITS,
  networkLimitsSchema,
  type NetworkLimits,
} from '../../../core/composer/limits.js'
import { ChannelError } from '../channels/channel-adapter.js'
import { instanceSchema, type MastodonCredentials, type MastodonInstance } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { budgetKey } from './rate-budget.js'

/**
 * The instance's own configuration (GET /api/v2/instance), or undefined from a
 * server older than Mastodon 4.0, which has no v2 endpoint.
 * https://docs.joinmastodon.org/methods/instance/#v2
 */
export async function fetchInstance(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
): Promise<MastodonInstance | undefined> {
  const ctx: RequestContext = { effect: 'read', what: 'GET /api/v2/instance' }
  try {
    const response = await send(deps, credentials.instanceUrl, {
      method: 'GET',
      path: '/api/v2/instance',
      token: credentials.accessToken,
      ctx,
      timeoutMs,
      budget: { account: budgetKey(credentials), buckets: ['api'] },
    })
    return read(instanceSchema, response, ctx)
  } catch (error) {
    if (error instanceof ChannelError && error.code === 'not_found') return undefined
    throw error
  }
}

/** The instance's limits, each one it does not report taken from Mastodon's defaults. */
export function limitsFromInstance(instance: MastodonInstance | undefined): NetworkLimits {
  const statuses = instance?.configuration?.statuses
  const media = instance?.configuration?.media_attachments
  const d = MASTODON_DEFAULT_LIMITS
  return networkLimitsSchema.parse({
    maxCharacters: statuses?.max_characters ?? d.maxCharacters,
    counting: 'mastodon',
    charactersReservedPerUrl: statuses?.characters_reserved_per_url ?? d.charactersReservedPerUrl,
    maxImages: statuses?.max_media_attachments ?? d.maxImages,
    maxImageBytes: media?.image_size_limit ?? d.maxImageBytes,
    maxAltTextCharacters: media?.description_limit ?? d.maxAltTextCharacters,
  })
}
