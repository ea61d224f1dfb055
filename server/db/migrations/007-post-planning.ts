import type { Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * What planning needs on a post: the day it is planned for before anyone
 * schedules it, who is to write it, its target group, free tags, and the
 * campaign it belongs to (campaigns arrive in a later migration, so the
 * column is not a foreign key; the service keeps it honest).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('planned_at', timestampType(db)).execute()
  await db.schema
    .alterTable('posts')
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema.alterTable('posts').addColumn('audience', 'text').execute()
  await db.schema
    .alterTable('posts')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  await db.schema.alterTable('posts').addColumn('campaign_id', 'text').execute()
  await db.schema
    .createIndex('posts_library_planned')
    .on('posts')
    .columns(['library_id', 'planned_at'])
    .execute()
  await db.schema
    .createIndex('posts_library_scheduled')
    .on('posts')
    .columns(['library_id', 'scheduled_at'])
    .execute()
  await db.schema
    .createIndex('posts_library_campaign')
    .on('posts')
    .columns(['library_id', 'campaign_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'posts_library_planned',
    'posts_library_scheduled',
    'posts_library_campaign',
  ])
    await db.schema.dropIndex(index).execute()
  for (const column of ['planned_at', 'assignee_id', 'audience', 'tags', 'campaign_id'])
    await db.schema.alterTable('posts').dropColumn(column).execute()
}
