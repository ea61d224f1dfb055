import type { Kysely } from 'kysely'

/**
 * The ladder's month is counted from its members as they stand: how many
 * went from each step to each, and who moved (ladder-repo.ts countMonth).
 * With the steps and the pseudonym in one index per library, the database
 * answers both from the index alone, not from a read of every member's row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audience_members_steps')
    .on('audience_members')
    .columns(['library_id', 'month_start_level', 'level', 'id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audience_members_steps').execute()
}
