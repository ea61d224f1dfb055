import type { Kysely } from 'kysely'

/**
 * Meta's insights and access that runs out:
 * - post_metrics / post_metric_state gain `reach` (accounts that saw a post at
 *   least once, as Facebook and Instagram estimate it) and `saves` (Instagram's
 *   "saved"): counts Bluesky and Mastodon do not give, so null there;
 * - channels.access_warned_for: the access expiry the Ansvariga were last
 *   e-mailed about, so each expiry is warned of once, and a reconnection (a new
 *   expiry) is warned of again when its time comes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['post_metrics', 'post_metric_state']) {
    await db.schema.alterTable(table).addColumn('reach', 'integer').execute()
    await db.schema.alterTable(table).addColumn('saves', 'integer').execute()
  }
  await db.schema.alterTable('channels').addColumn('access_warned_for', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('channels').dropColumn('access_warned_for').execute()
  for (const table of ['post_metrics', 'post_metric_state']) {
    await db.schema.alterTable(table).dropColumn('saves').execute()
    await db.schema.alterTable(table).dropColumn('reach').execute()
  }
}
