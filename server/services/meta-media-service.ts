import crypto from 'node:crypto'
import type { OutgoingImage } from '../adapters/channels/channel-adapter.js'
import type { ContainerLedger, MediaLinks } from '../adapters/meta/shared.js'
import type { Clock } from '../clock.js'
import type { MetaRepo } from '../repos/meta-repo.js'

/** Long enough for Meta to fetch a carousel while a container is made; short enough to be useless later. */
const LINK_LIFETIME_MS = 60 * 60_000

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

/**
 * The images Meta fetches by URL: each behind an unguessable link on Torget's
 * public address that works for an hour. Only the token's hash is stored, so
 * the table cannot be read back into working links.
 */
export function metaMediaService(deps: { meta: MetaRepo; publicUrl: string; clock: Clock }) {
  const { meta, clock } = deps
  const links: MediaLinks = {
    async share(image: OutgoingImage) {
      const now = clock.now()
      await meta.purgeMedia(now.toISOString())
      const token = crypto.randomBytes(24).toString('base64url')
      await meta.putMedia({
        token_hash: hash(token),
        mime_type: image.mimeType,
        data: image.data,
        expires_at: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
      })
      const extension = image.mimeType.split('/')[1]
      return `${deps.publicUrl}/api/v1/meta-media/${token}.${extension}`
    },
  }
  const containers: ContainerLedger = {
    find: (publicationId) => meta.findContainer(publicationId),
    record: (publicationId, containerId) =>
      meta.putContainer(publicationId, containerId, clock.now().toISOString()),
    forget: (publicationId) => meta.dropContainer(publicationId),
  }
  return {
    links,
    containers,
    /** The image behind a link, while the link lives. */
    async open(file: string): Promise<{ mimeType: string; data: Uint8Array } | undefined> {
      const token = file.replace(/\.(jpeg|png|webp)$/, '')
      if (!/^[\w-]{20,64}$/.test(token)) return undefined
      const row = await meta.findMedia(hash(token), clock.now().toISOString())
      return row ? { mimeType: row.mime_type, data: row.data } : undefined
    },
  }
}
export type MetaMediaService = ReturnType<typeof metaMediaService>
