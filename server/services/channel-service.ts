import { channelErrorReason } from '../../core/channel-errors.js'
import { type Clock, systemClock } from '../clock.js'
import { isBuiltInNetwork } from '../../core/channels/networks.js'
import { networkLimitsSchema } from '../../core/composer/limits.js'
import { DomainError } from '../../core/errors.js'
import type { Channel, Network } from '../../core/schemas/index.js'
import {
  ChannelError,
  type ChannelAdapter,
  type ChannelCredentials,
} from '../adapters/channels/channel-adapter.js'
import type { ChannelRow } from '../repos/channels-repo.js'
import type { Store } from '../repos/index.js'
import type { SecretBox } from '../security/secret-box.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import { auditIn } from './audit-service.js'
import { refreshPostState } from './post-state.js'

export type Adapters = Partial<Record<Network, ChannelAdapter>>

export function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    network: row.network as Network,
    handle: row.handle,
    displayName: row.display_name,
    profileUrl: row.profile_url,
    health: row.health as Channel['health'],
    healthCode: row.health_code,
    healthWarning: row.health_warning ?? null,
    checkedAt: row.checked_at,
    limits: networkLimitsSchema.parse(JSON.parse(row.limits)),
    createdAt: row.created_at,
    accessExpiresAt: row.access_expires_at ? new Date(row.access_expires_at).toISOString() : null,
  }
}

// Which channel an opened credentials object belongs to, so that an adapter
// refreshing a session (Bluesky) can have the new tokens stored.
// `sealed` and `plain` are what was read, so a refresh is written only over that very value.
const owners = new WeakMap<
  ChannelCredentials,
  { libraryId: string; channelId: string; sealed: string; plain: string }
>()

/** Credentials live sealed in the row; the channel id is the sealing context. */
export function channelCredentials(box: SecretBox) {
  return {
    open: (row: Pick<ChannelRow, 'id' | 'library_id' | 'credentials'>): ChannelCredentials => {
      const plain = box.open(row.credentials, row.id)
      const opened = JSON.parse(plain) as ChannelCredentials
      owners.set(opened, {
        libraryId: row.library_id,
        channelId: row.id,
        sealed: row.credentials,
        plain,
      })
      return opened
    },
    seal: (channelId: string, credentials: ChannelCredentials) =>
      box.seal(JSON.stringify(credentials), channelId),
  }
}

/** Stores credentials an adapter refreshed on its own (a new Bluesky session, say). */
export function persistRefreshedCredentials(store: Store, box: SecretBox) {
  const credentials = channelCredentials(box)
  return async ({ previous, next }: { previous: ChannelCredentials; next: ChannelCredentials }) => {
    const owner = owners.get(previous)
    if (!owner) return
    let expected = owner.sealed
    for (let attempt = 0; attempt < 3; attempt++) {
      const sealed = credentials.seal(owner.channelId, next)
      const { libraryId, channelId } = owner
      if (await store.repos.channels.replaceCredentials(libraryId, channelId, expected, sealed)) {
        owners.set(next, { ...owner, sealed, plain: JSON.stringify(next) })
        return
      }
      // Someone wrote the row since it was read. A key rotation re-sealed the same credentials:
      // ours are newer, write them over. A reconnection or another worker's refresh is newer
      // than ours: keep it (an unsaved session only costs a refresh later).
      const row = await store.repos.channels.find(libraryId, channelId)
      if (!row || box.open(row.credentials, row.id) !== owner.plain) return
      expected = row.credentials
    }
  }
}

export function channelService({
  store,
  adapters,
  box,
  clock = systemClock,
}: {
  store: Store
  adapters: Adapters
  box: SecretBox
  clock?: Clock
}) {
  const credentials = channelCredentials(box)
  const adapterFor = (network: string): ChannelAdapter => {
    const adapter = adapters[network as Network]
    if (!adapter) throw new DomainError('channel_not_found')
    return adapter
  }

  return {
    async list(access: LibraryAccess<'channels.read'>): Promise<Channel[]> {
      return (await store.repos.channels.list(access.libraryId)).map(toChannel)
    },

    /** Connects an account; connecting one already connected refreshes it instead of doubling it. */
    async connect(
      access: LibraryAccess<'channels.manage'>,
      network: Network,
      input: Record<string, string>,
    ): Promise<Channel> {
      let connected
      try {
        connected = await adapterFor(network).connect(input)
      } catch (error) {
        if (error instanceof ChannelError) {
          const reason = channelErrorReason(network, error.code)
          throw new DomainError('channel_connect_failed', undefined, reason)
        }
        throw error
      }
      const now = clock.now().toISOString()
      const live = await store.repos.channels.findLiveByAccount(
        access.libraryId,
        network,
        connected.account.remoteId,
      )
      // A built-in channel is the library's own: turned on again it is the same channel, with its
      // conversations and history, rather than a second one reading the same practice board anew.
      const revived =
        !live && isBuiltInNetwork(network)
          ? await store.repos.channels.findRemovedByAccount(
              access.libraryId,
              network,
              connected.account.remoteId,
            )
          : undefined
      const existing = live ?? revived
      const id = existing?.id ?? newId()
      const fields = {
        handle: connected.account.handle,
        display_name: connected.account.displayName,
        profile_url: connected.account.profileUrl,
        credentials: credentials.seal(id, connected.credentials),
        limits: JSON.stringify(connected.limits),
        health: 'ok',
        health_code: null,
        checked_at: now,
        access_expires_at: connected.accessExpiresAt ?? null,
        health_warning: connected.warning ?? null,
      }
      if (existing)
        await store.repos.channels.update(access.libraryId, id, {
          ...fields,
          ...(revived && { deleted_at: null }),
        })
      else {
        await store.repos.channels.insert({
          id,
          library_id: access.libraryId,
          network,
          account_remote_id: connected.account.remoteId,
          ...fields,
          created_by: access.userId,
          created_at: now,
          deleted_at: null,
        })
      }
      await auditIn(store.repos, access, {
        action: existing ? 'channel.reconnected' : 'channel.connected',
        target: { type: 'channel', id, label: connected.account.handle },
        details: { network },
      })
      return toChannel((await store.repos.channels.find(access.libraryId, id))!)
    },

    /** Asks the network whether the stored credentials still work, and refreshes the limits. */
    async verify(access: LibraryAccess<'channels.manage'>, channelId: string): Promise<Channel> {
      const row = await store.repos.channels.find(access.libraryId, channelId)
      if (!row || row.deleted_at) throw new DomainError('channel_not_found')
      const now = clock.now().toISOString()
      try {
        const { limits } = await adapterFor(row.network).verify(credentials.open(row))
        await store.repos.channels.update(access.libraryId, channelId, {
          limits: JSON.stringify(limits),
          health: 'ok',
          health_code: null,
          checked_at: now,
        })
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error
        const health = error.kind === 'permanent' ? 'needs_reconnect' : 'failing'
        await store.repos.channels.update(access.libraryId, channelId, {
          health,
          health_code: error.code,
          checked_at: now,
        })
      }
      return toChannel((await store.repos.channels.find(access.libraryId, channelId))!)
    },

    /** Removes a channel; what was waiting to go out on it fails with a clear reason. */
    async remove(access: LibraryAccess<'channels.manage'>, channelId: string): Promise<string[]> {
      const row = await store.repos.channels.find(access.libraryId, channelId)
      if (!row || row.deleted_at) throw new DomainError('channel_not_found')
      const now = clock.now().toISOString()
      return store.transaction(async (repos) => {
        await repos.channels.update(access.libraryId, channelId, { deleted_at: now })
        const waiting = await repos.publications.pendingOnChannel(access.libraryId, channelId)
        for (const p of waiting) {
          await repos.publications.setState(
            access.libraryId,
            p.id,
            ['pending', 'unknown', 'draft'],
            {
              state: 'failed',
              error_kind: 'permanent',
              error_code: 'channel_removed',
              error_message: null,
            },
            now,
          )
        }
        const posts = [...new Set(waiting.map((p) => p.post_id))]
        for (const postId of posts) await refreshPostState(repos, access.libraryId, postId, now)
        await auditIn(repos, access, {
          action: 'channel.removed',
          target: { type: 'channel', id: channelId, label: row.handle },
          details: { network: row.network, failedPublications: waiting.length },
        })
        return posts
      })
    },
  }
}
export type ChannelService = ReturnType<typeof channelService>
