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
    async insert(row: MastodonAppsTable) {
      await db
        .insertInto('mastodon_apps')
        .values(row)
        .onConflict((oc) => oc.columns(['instance_url', 'redirect_uri']).doNothing())
        .execute()
    },
  }
}
