import type { ChannelAdapter, Network } from './channel-adapter.js'
import type { InteractionCapability } from './interactions.js'
import type { MetricsCapability } from './metrics.js'

/**
 * An adapter whose module loads on first use: network client libraries are
 * large, and a process that never publishes (or a web process at start)
 * should not pay for them.
 */
export function lazyAdapter(network: Network, load: () => Promise<ChannelAdapter>): ChannelAdapter {
  let adapter: Promise<ChannelAdapter> | undefined
  const get = () => (adapter ??= load())
  const capability = async () => {
    const loaded = (await get()).interactions
    if (!loaded) throw new Error(`${network} does not read interactions`)
    return loaded
  }
  const interactions: InteractionCapability = {
    read: async (credentials, options) => (await capability()).read(credentials, options),
    recheck: async (credentials, ids) => (await capability()).recheck(credentials, ids),
    moderate: async (credentials, request) => (await capability()).moderate(credentials, request),
    undoModeration: async (credentials, request) => {
      const loaded = await capability()
      if (!loaded.undoModeration) throw new Error(`${network} cannot undo moderation`)
      return loaded.undoModeration(credentials, request)
    },
  }
  const counting = async () => {
    const loaded = (await get()).metrics
    if (!loaded) throw new Error(`${network} does not read metrics`)
    return loaded
  }
  const metrics: MetricsCapability = {
    accountMetrics: async (credentials) => (await counting()).accountMetrics(credentials),
    postMetrics: async (credentials, ids) => (await counting()).postMetrics(credentials, ids),
  }
  return {
    network,
    connect: async (input) => (await get()).connect(input),
    verify: async (credentials) => (await get()).verify(credentials),
    publish: async (credentials, post) => (await get()).publish(credentials, post),
    lookup: async (credentials, post) => (await get()).lookup(credentials, post),
    delete: async (credentials, published) => (await get()).delete(credentials, published),
    interactions,
    metrics,
  }
}
