import type { Db } from '../db/database.js'
import type { ChannelsTable } from '../db/schema/channels.js'

export type ChannelRow = ChannelsTable

export function channelsRepo(db: Db) {
  return {
    list(libraryId: string) {
      return db
        .selectFrom('channels')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('channels')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    findMany(libraryId: string, ids: string[]) {
      if (ids.length === 0) return Promise.resolve([])
      return db
        .selectFrom('channels')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', 'in', ids)
        .execute()
    },
    findLiveByAccount(libraryId: string, network: string, accountRemoteId: string) {
      return db
        .selectFrom('channels')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('network', '=', network)
        .where('account_remote_id', '=', accountRemoteId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    },
    /** The account's most recently removed channel. */
    findRemovedByAccount(libraryId: string, network: string, accountRemoteId: string) {
      return db
        .selectFrom('channels')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('network', '=', network)
        .where('account_remote_id', '=', accountRemoteId)
        .where('deleted_at', 'is not', null)
        .orderBy('deleted_at', 'desc')
        .executeTakeFirst()
    },
    /** Live channels of these accounts in any library: a network's webhook names accounts only. */
    findLiveByAccounts(networks: readonly string[], accountRemoteIds: readonly string[]) {
      if (networks.length === 0 || accountRemoteIds.length === 0) return Promise.resolve([])
      return db
        .selectFrom('channels')
        .select(['id', 'library_id', 'network', 'account_remote_id'])
        .where('network', 'in', networks)
        .where('account_remote_id', 'in', accountRemoteIds)
        .where('deleted_at', 'is', null)
        .execute()
    },
    async insert(row: ChannelRow) {
      await db.insertInto('channels').values(row).execute()
    },
    async update(
      libraryId: string,
      id: string,
      patch: Partial<
        Pick<
          ChannelRow,
          | 'credentials'
          | 'limits'
          | 'health'
          | 'health_code'
          | 'checked_at'
          | 'handle'
          | 'display_name'
          | 'profile_url'
          | 'deleted_at'
          | 'health_warning'
        >
      >,
    ) {
      await db
        .updateTable('channels')
        .set(patch)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    /**
     * Live channels of every library whose access ends by `until`, with their library's
     * name (the expiry warning's scan, across libraries like key rotation below).
     */
    accessEnding(until: string) {
      return db
        .selectFrom('channels')
        .innerJoin('libraries', 'libraries.id', 'channels.library_id')
        .select([
          'channels.id',
          'channels.library_id',
          'channels.network',
          'channels.handle',
          'channels.access_expires_at',
          'channels.access_warned_for',
          'libraries.name as library_name',
          'libraries.time_zone',
        ])
        .where('channels.deleted_at', 'is', null)
        .where('channels.access_expires_at', 'is not', null)
        .where('channels.access_expires_at', '<=', until)
        .execute()
    },
    /** Records that the Ansvariga were told the access ends at `expiresAt`. */
    async markAccessWarned(libraryId: string, id: string, expiresAt: string) {
      await db
        .updateTable('channels')
        .set({ access_warned_for: expiresAt })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
    /** Every channel's sealed credentials, for key rotation: the one query not scoped to a library. */
    allCredentials() {
      return db.selectFrom('channels').select(['id', 'library_id', 'credentials']).execute()
    },
    /**
     * Replaces sealed credentials only if they are still what the caller read (the sealed text
     * differs with every seal, so it serves as the row's version). False when someone else wrote.
     */
    async replaceCredentials(libraryId: string, id: string, expected: string, next: string) {
      const result = await db
        .updateTable('channels')
        .set({ credentials: next })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('credentials', '=', expected)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
  }
}
