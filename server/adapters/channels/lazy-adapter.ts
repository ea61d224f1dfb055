import type { ChannelAdapter, Network } from './channel-adapter.js'

/**
 * An adapter whose module loads on first use: network client libraries are
 * large, and a process that never publishes (or a web process at start)
 * should not pay for them.
 */
export function lazyAdapter(network: Network, load: () => Promise<ChannelAdapter>): ChannelAdapter {
  let adapter: Promise<ChannelAdapter> | undefined
  const get = () => (adapter ??= load())
  return {
    network,
    connect: async (input) => (await get()).connect(input),
    verify: async (credentials) => (await get()).verify(credentials),
    publish: async (credentials, post) => (await get()).publish(credentials, post),
    lookup: async (credentials, post) => (await get()).lookup(credentials, post),
    delete: async (credentials, published) => (await get()).delete(credentials, published),
  }
}
