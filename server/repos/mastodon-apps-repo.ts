import type { Db } from '../db/database.js'
import type { MastodonAppsTable } from '../db/schema/mastodon-apps.js'

export function mastodonAppsRepo(db: Db) {
  return {
    find(instanceUrl: string, redirectUri: string) {
      return db
        .selectFrom('mastodon_apps')
        .selectAll()
        .where('instance_url', '=', instanceUrl)
        .where('redirect_uri', '=', redirectUri)
        .executeTakeFirst()
    },
    /** Every registration's sealed client secret, for key rotation. */
    allSecrets() {
      return db
        .selectFrom('mastodon_apps')
        .select(['instance_url', 'redirect_uri', 'client_secret'])
        .execute()
    },
    /** Replaces a sealed client secret only if it is still what the caller read. */
    async replaceSecret(instanceUrl: string, redirectUri: string, expected: string, next: string) {
      const result = await db
        .updateTable('mastodon_apps')
        .set({ client_secret: next })
        .where('instance_url', '=', instanceUrl)
        .where('redirect_uri', '=', redirectUri)
        .where('client_secret', '=', expected)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    },
    async insert(row: MastodonAppsTable) {
      await db
        .insertInto('mastodon_apps')
        .values(row)
        .onConflict((oc) => oc.columns(['instance_url', 'redirect_uri']).doNothing())
        .execute()
    },
  }
}
