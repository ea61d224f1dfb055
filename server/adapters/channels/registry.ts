import {
  NETWORK_CAPABILITIES,
  type Network,
  type NetworkCapabilities,
} from '../../../core/channels/networks.js'
import type { GuardedFetch } from '../../net/guarded-client.js'
import type { CredentialsUpdateHandler } from '../bluesky/session.js'
import { createPracticeAdapter } from '../practice/practice-adapter.js'
import type { PracticeBoard } from '../practice/practice-board.js'
import type { ChannelAdapter } from './channel-adapter.js'
import { lazyAdapter } from './lazy-adapter.js'
import type { MetaSettings } from '../meta/settings.js'
import type { ContainerLedger, MediaLinks } from '../meta/shared.js'
import type { SharedRateBudget } from './rate-budget.js'

/** What every network's adapter is built from: the one outbound client and the shared budget. */
export interface AdapterDeps {
  fetch: GuardedFetch
  budget: SharedRateBudget
  /** An adapter that refreshes its own session (Bluesky) stores the new credentials here. */
  onCredentialsUpdate: CredentialsUpdateHandler
  /** Where Övningskanalen keeps its posts and the personas' messages (Torget's own tables). */
  practiceBoard: PracticeBoard
  now?: () => Date
  /**
   * Meta's networks: the installation's app, the image links Meta fetches, the container
   * ledger. Absent where only built-in channels are made.
   */
  meta?: {
    settings: MetaSettings
    media: MediaLinks
    containers: ContainerLedger
    /** Tests shorten the wait for Meta's containers. */
    pollIntervalMs?: number
    pollAttempts?: number
  }
}

/**
 * One network: what it lets a library do (declared in core, so the web shows
 * the same) and how its adapter is made. Adding a network means adding its
 * adapter folder and one entry here; nothing else in the server names it.
 */
export interface ChannelModule {
  network: Network
  capabilities: NetworkCapabilities
  createAdapter(deps: AdapterDeps): ChannelAdapter
}

export const CHANNEL_MODULES: readonly ChannelModule[] = [
  {
    network: 'bluesky',
    capabilities: NETWORK_CAPABILITIES.bluesky,
    // The AT Protocol client is large: loaded when a channel is first used.
    createAdapter: (deps) =>
      lazyAdapter('bluesky', async () => {
        const { BlueskyAdapter } = await import('../bluesky/bluesky-adapter.js')
        return new BlueskyAdapter({
          fetch: deps.fetch,
          budget: deps.budget,
          onCredentialsUpdate: deps.onCredentialsUpdate,
        })
      }),
  },
  {
    network: 'mastodon',
    capabilities: NETWORK_CAPABILITIES.mastodon,
    createAdapter: (deps) =>
      lazyAdapter('mastodon', async () => {
        const { createMastodonAdapter } = await import('../mastodon/mastodon-adapter.js')
        return createMastodonAdapter({ fetch: deps.fetch, rateBudget: deps.budget })
      }),
  },
  {
    network: 'practice',
    capabilities: NETWORK_CAPABILITIES.practice,
    // Given no outbound client: nothing published on the practice channel can leave Torget.
    createAdapter: (deps) => createPracticeAdapter({ board: deps.practiceBoard, now: deps.now }),
  },
  ...(['facebook', 'instagram', 'threads'] as const).map((network): ChannelModule => ({
    network,
    capabilities: NETWORK_CAPABILITIES[network],
    createAdapter: (deps) =>
      lazyAdapter(network, async () => {
        if (!deps.meta) throw new Error(`the ${network} adapter needs the Meta settings`)
        const meta = await import('../meta/adapters.js')
        return meta.createMetaAdapter(network, {
          fetch: deps.fetch,
          budget: deps.budget,
          ...deps.meta,
        })
      }),
  })),
]
