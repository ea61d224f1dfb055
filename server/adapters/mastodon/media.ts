import { ChannelError, type OutgoingImage } from '../channels/channel-adapter.js'
import { mediaAttachmentSchema, type MastodonCredentials } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { budgetKey } from './rate-budget.js'

export interface MediaTiming {
  /** Per upload; images up to the instance's limit (16 MB by default) take a while on a slow line. */
  uploadTimeoutMs: number
  timeoutMs: number
  /** First pause between GET /api/v1/media/:id polls; it grows by half each time, up to 5 s. */
  pollIntervalMs: number
  /** Total time to wait for processing before giving up (transient: nothing was posted). */
  pollMaxWaitMs: number
  sleep: (ms: number) => Promise<void>
}

const EXTENSIONS: Record<OutgoingImage['mimeType'], string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}

/**
 * Uploads one image with its alt text as `description` (POST /api/v2/media) and
 * waits until Mastodon has processed it: a status can only attach processed media.
 * https://docs.joinmastodon.org/methods/media/#v2
 */
export async function uploadImage(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  image: OutgoingImage,
  position: number,
  timing: MediaTiming,
): Promise<string> {
  const ctx: RequestContext = {
    effect: 'write',
    what: `POST /api/v2/media (image ${position})`,
    rejected: 'media_rejected',
  }
  const form = new FormData()
  const file = new Blob([new Uint8Array(image.data)], { type: image.mimeType })
  form.set('file', file, `image-${position}.${EXTENSIONS[image.mimeType]}`)
  form.set('description', image.alt)
  const response = await send(deps, credentials.instanceUrl, {
    method: 'POST',
    path: '/api/v2/media',
    body: form,
    token: credentials.accessToken,
    ctx,
    timeoutMs: timing.uploadTimeoutMs,
    budget: { account: budgetKey(credentials), buckets: ['api', 'media'] },
  })
  const media = read(mediaAttachmentSchema, response, ctx)
  rejectUnknownType(media.type, position)
  // 200: processed synchronously (images since Mastodon 4.0). 202: url is null until processed.
  if (response.status === 200 && media.url !== null) return media.id
  return waitUntilProcessed(deps, credentials, media.id, position, timing)
}

async function waitUntilProcessed(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  id: string,
  position: number,
  timing: MediaTiming,
): Promise<string> {
  const ctx: RequestContext = {
    effect: 'read',
    what: `GET /api/v1/media/${id} (image ${position})`,
    notFound: 'media_rejected',
    rejected: 'media_rejected',
  }
  let waited = 0
  let pause = timing.pollIntervalMs
  while (waited < timing.pollMaxWaitMs) {
    await timing.sleep(pause)
    waited += pause
    pause = Math.min(pause * 1.5, 5_000)
    const response = await send(deps, credentials.instanceUrl, {
      method: 'GET',
      path: `/api/v1/media/${encodeURIComponent(id)}`,
      token: credentials.accessToken,
      ctx,
      timeoutMs: timing.timeoutMs,
      budget: { account: budgetKey(credentials), buckets: ['api'] },
    })
    // 206 Partial Content: still processing, and the body is empty.
    if (response.status === 206) continue
    const media = read(mediaAttachmentSchema, response, ctx)
    rejectUnknownType(media.type, position)
    if (media.url !== null) return media.id
  }
  throw new ChannelError(
    'transient',
    'timeout',
    `Mastodon was still processing image ${position} after ${Math.round(waited / 1000)} s; nothing was posted`,
  )
}

// Mastodon keeps an attachment whose file it could not understand, as type "unknown".
function rejectUnknownType(type: string, position: number): void {
  if (type === 'unknown') {
    throw new ChannelError(
      'permanent',
      'media_rejected',
      `Mastodon could not process image ${position}`,
    )
  }
}
