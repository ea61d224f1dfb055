import type { OutgoingImage } from '../channels/channel-adapter.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import type { GuardedFetch } from '../../net/guarded-client.js'
import type { MetaSettings } from './settings.js'

/**
 * Meta fetches images by URL. Torget serves each one behind a signed link
 * that stops working after an hour (server/services/meta-media-service.ts).
 */
export interface MediaLinks {
  share(image: OutgoingImage): Promise<string>
}

/** The container made for a publication, written before it is published (meta_containers). */
export interface ContainerLedger {
  find(publicationId: string): Promise<string | undefined>
  /** Records a container unless one is recorded already; answers the one that stands. */
  record(publicationId: string, containerId: string): Promise<string>
  forget(publicationId: string): Promise<void>
}

export interface MetaAdapterDeps {
  fetch: GuardedFetch
  budget: SharedRateBudget
  settings: MetaSettings
  media: MediaLinks
  containers: ContainerLedger
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Between reads of a container's status; Meta suggests about once a minute for video, less for images. */
  pollIntervalMs?: number
  /** Reads before this attempt hands over to the next one (which resumes from the stored container). */
  pollAttempts?: number
}

/** Text as Meta gives it back, for comparing with what was sent. */
export function comparable(text: string | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\r\n/g, '\n').trim()
}

// The composer's preview shows the same link card Facebook will make.
export { firstUrl } from '../../../core/composer/links.js'
