import type { InteractionKind } from '../../core/channels/networks.js'
import type { Interaction } from '../adapters/channels/interactions.js'
import type { Torget } from '../wiring.js'

let counter = 0

/** An interaction as an adapter reads it, with plausible defaults. */
export function interaction(
  partial: Partial<Interaction> & { kind?: InteractionKind } = {},
): Interaction {
  counter += 1
  const author = partial.author ?? {
    remoteId: `did:example:person${counter}`,
    handle: `person${counter}.example`,
    displayName: `Person ${counter}`,
    profileUrl: `https://example.test/person${counter}`,
  }
  const remoteId = partial.remoteId ?? `remote:${counter}:${Math.random().toString(36).slice(2)}`
  return {
    kind: 'reply',
    text: 'När öppnar biblioteket på lördag?',
    url: `https://example.test/post/${encodeURIComponent(remoteId)}`,
    createdAt: new Date().toISOString(),
    replyTarget: { uri: remoteId },
    ...partial,
    remoteId,
    author,
  }
}

/** Puts interactions in a channel's inbox through the real ingest path (rules, cursor, event). */
export async function seedInboxItems(
  torget: Torget,
  libraryId: string,
  channelId: string,
  items: Partial<Interaction>[],
): Promise<void> {
  const channel = await torget.services.store.repos.channels.find(libraryId, channelId)
  if (!channel) throw new Error(`no channel ${channelId} in library ${libraryId}`)
  await torget.services.ingest.recordBatch(
    channel,
    items.map((i) => interaction(i)),
    { cursor: null, more: false, previousActivityAt: null },
  )
}
