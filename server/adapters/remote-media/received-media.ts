import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { RemoteMedia } from '../channels/interactions.js'
import { GuardedFetchError } from '../../net/exchange.js'
import { guardedClient, type GuardedClientOptions } from '../../net/guarded-client.js'

/** Why a file attached to a received item is not in the archive; the entry says so. */
export type MissingMediaReason = 'unreachable' | 'too_large' | 'not_a_file' | 'refused'

export type MediaCopy =
  | { ok: true; data: Buffer; mimeType: string; sha256: string }
  | { ok: false; reason: MissingMediaReason }

/** Larger than any photo or short clip the networks take (Mastodon's video limit is 99 MB; few are). */
export const RECEIVED_MEDIA_MAX_BYTES = 40 * 1024 * 1024
const ATTEMPTS = 3

/**
 * Copies the files people attach to what they send the library, for the
 * archive. Fetched by the address the network listed, through the same guard
 * as every outbound request. A server that does not answer is tried again a
 * few times; after that the entry records the file as missing and why, rather
 * than holding back the capture of everything after it.
 */
export function receivedMediaCopier(
  options: Pick<GuardedClientOptions, 'allowPrivate' | 'resolve'> & {
    timeoutMs?: number
    retryDelayMs?: number
    maxBytes?: number
  } = {},
) {
  const fetch = guardedClient({
    allowPrivate: options.allowPrivate,
    resolve: options.resolve,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxResponseBytes: options.maxBytes ?? RECEIVED_MEDIA_MAX_BYTES,
  })
  const retryDelayMs = options.retryDelayMs ?? 2_000

  async function once(media: RemoteMedia): Promise<MediaCopy | 'retry'> {
    try {
      const res = await fetch(media.url, { headers: { accept: `${media.kind}/*` } })
      if (res.status >= 500 || res.status === 429) return 'retry'
      if (!res.ok) return { ok: false, reason: 'unreachable' }
      const mimeType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      // An HLS playlist (a Bluesky video) names segments; it is not the video itself.
      if (!/^(image|video|audio)\//.test(mimeType)) return { ok: false, reason: 'not_a_file' }
      const data = Buffer.from(await res.arrayBuffer())
      return { ok: true, data, mimeType, sha256: createHash('sha256').update(data).digest('hex') }
    } catch (error) {
      if (error instanceof GuardedFetchError) {
        if (error.code === 'too_large') return { ok: false, reason: 'too_large' }
        if (error.code === 'blocked_address' || error.code === 'invalid_url')
          return { ok: false, reason: 'refused' }
      }
      return 'retry'
    }
  }

  return async function copy(media: RemoteMedia): Promise<MediaCopy> {
    for (let attempt = 1; ; attempt++) {
      const result = await once(media)
      if (result !== 'retry') return result
      if (attempt >= ATTEMPTS) return { ok: false, reason: 'unreachable' }
      await sleep(retryDelayMs * attempt)
    }
  }
}
export type ReceivedMediaCopier = ReturnType<typeof receivedMediaCopier>
