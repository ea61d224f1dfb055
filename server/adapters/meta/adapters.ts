import type { ChannelAdapter } from '../channels/channel-adapter.js'
import { createFacebookAdapter } from './facebook-adapter.js'
import { createInstagramAdapter } from './instagram-adapter.js'
import type { MetaAdapterDeps } from './shared.js'
import { createThreadsAdapter } from './threads-adapter.js'

export function createMetaAdapter(
  network: 'facebook' | 'instagram' | 'threads',
  deps: MetaAdapterDeps,
): ChannelAdapter {
  switch (network) {
    case 'facebook':
      return createFacebookAdapter(deps)
    case 'instagram':
      return createInstagramAdapter(deps)
    case 'threads':
      return createThreadsAdapter(deps)
  }
}
