import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * The engagement ladder (Stegen): each network account seen interacting with
 * the library, under a pseudonym keyed per library, at the highest step its
 * actions show; and each month's counts and movements. Members not seen for
 * the library's retention are removed (their movements go with them); the
 * month's counts hold no person and stay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')

  await db.schema
    .createTable('ladder_settings')
    .addColumn('library_id', 'text', (c) =>
      c.primaryKey().references('libraries.id').onDelete('cascade'),
    )
    // JSON: core/ladder/rules.ts.
    .addColumn('rules', 'text', (c) => c.notNull())
    // The HMAC key pseudonyms are made with; without it a pseudonym cannot be tied to an account.
    .addColumn('pseudonym_key', 'text', (c) => c.notNull())
    // The month the members' month_start_level belongs to (YYYY-MM in the library's zone).
    .addColumn('month', 'text')
    .addColumn('rebuilt_at', ts)
    // Bumped by whatever changes people under a rebuild's feet (a lead set, an erasure, new
    // rules): a rebuild that read an older one computes again rather than write over it.
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()

  // What each account did per day (the library's day), summed by a consumer of ingest_events
  // so ingest's own transaction costs nothing more; the rebuild reads this, never the
  // interactions. Kept only as long as the window needs it.
  await db.schema
    .createTable('ladder_activity')
    .addColumn('library_id', 'text', library)
    .addColumn('channel_id', 'text', (c) =>
      c.notNull().references('channels.id').onDelete('cascade'),
    )
    .addColumn('author_remote_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('follows', 'integer', (c) => c.notNull())
    .addColumn('endorsements', 'integer', (c) => c.notNull())
    .addColumn('contributions', 'integer', (c) => c.notNull())
    // Mentions and quotes on the author's own initiative (core/ladder/rules.ts isUnprompted).
    .addColumn('unprompted', 'integer', (c) => c.notNull())
    .addColumn('first_at', ts, (c) => c.notNull())
    .addColumn('last_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('ladder_activity_pk', [
      'library_id',
      'channel_id',
      'author_remote_id',
      'day',
    ])
    .execute()

  await db.schema
    .createTable('audience_members')
    .addColumn('library_id', 'text', library)
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) =>
      c.notNull().references('channels.id').onDelete('cascade'),
    )
    .addColumn('author_remote_id', 'text', (c) => c.notNull())
    // Kept so a registerutdrag or an erasure by handle finds the row after likes became counts.
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('earned_level', 'text')
    .addColumn('month_start_level', 'text')
    .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lead_since', ts)
    .addColumn('followed_at', ts)
    .addColumn('first_seen_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_members_pk', ['library_id', 'id'])
    .addUniqueConstraint('audience_members_account', ['channel_id', 'author_remote_id'])
    .execute()
  await db.schema
    .createIndex('audience_members_handle')
    .on('audience_members')
    .columns(['library_id', 'handle'])
    .execute()

  await db.schema
    .createTable('ladder_movements')
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text')
    .addPrimaryKeyConstraint('ladder_movements_pk', ['library_id', 'month', 'member_id'])
    .addForeignKeyConstraint(
      'ladder_movements_member',
      ['library_id', 'member_id'],
      'audience_members',
      ['library_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute()
  await db.schema
    .createIndex('ladder_movements_member')
    .on('ladder_movements')
    .columns(['library_id', 'member_id'])
    .execute()

  // Accounts erased on request (GDPR art. 17), by pseudonym: their public records stay in the
  // archive, and the ladder must not place them again from those.
  await db.schema
    .createTable('ladder_erased')
    .addColumn('library_id', 'text', library)
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('erased_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('ladder_erased_pk', ['library_id', 'member_id'])
    .execute()

  // Per month, how many went from each step to each ('' = on no step): the counts of the
  // month's start and end are its sums, the movements its cells off the diagonal.
  await db.schema
    .createTable('ladder_months')
    .addColumn('library_id', 'text', library)
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('from_level', 'text', (c) => c.notNull())
    .addColumn('to_level', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('computed_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('ladder_months_pk', ['library_id', 'month', 'from_level', 'to_level'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ladder_months',
    'ladder_erased',
    'ladder_movements',
    'audience_members',
    'ladder_activity',
    'ladder_settings',
  ])
    await db.schema.dropTable(table).execute()
}
