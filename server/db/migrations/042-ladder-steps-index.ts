import { type Kysely, sql } from 'kysely'

/**
 * What a night's ladder rebuild reads of the members, from indexes rather
 * than a read of every member of the library (45,000 at the statistics
 * benchmark's size): the month's counts and movements, from the steps and
 * pseudonym alone (ladder-repo.ts countMonth); those past the retention; and
 * those who lead or led, whose step staff may change between nights.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audience_members_steps')
    .on('audience_members')
    .columns(['library_id', 'month_start_level', 'level', 'id'])
    .execute()
  await db.schema
    .createIndex('audience_members_last_seen')
    .on('audience_members')
    .columns(['library_id', 'last_seen_at'])
    .execute()
  // The expression as the query writes it (ladder-repo.ts membersToPlace): SQLite matches it as written.
  await db.schema
    .createIndex('audience_members_leading')
    .on('audience_members')
    .column('library_id')
    .where(sql<boolean>`(lead = 1 or level = 'lead')`)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'audience_members_leading',
    'audience_members_last_seen',
    'audience_members_steps',
  ])
    await db.schema.dropIndex(name).execute()
}
