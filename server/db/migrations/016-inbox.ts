import { randomUUID } from 'node:crypto'
import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely'
import { DEFAULT_INBOX_TAGS, tagKey } from '../../../core/inbox/default-tags.js'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * What comes back after publishing: every interaction another account made
 * with the library's accounts (kept unchanged as received, the public record),
 * the inbox items made of replies, mentions, quotes and comments, and what
 * staff do with them. `ingest_events` is the outbox later consumers (archive,
 * statistics) read in order. Rate budgets are shared by every process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const pg = isPostgres(db)
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')
  const channel = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('channels.id').onDelete('cascade')
  const person = (c: ColumnDefinitionBuilder) => c.references('users.id').onDelete('set null')
  const serial = pg ? sql`bigint generated always as identity primary key` : sql`integer`
  const serialColumn = (c: ColumnDefinitionBuilder) => (pg ? c : c.primaryKey().autoIncrement())

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('channel_id', 'text', channel)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('remote_id', 'text', (c) => c.notNull())
    .addColumn('author_remote_id', 'text', (c) => c.notNull())
    .addColumn('author_handle', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text', (c) => c.notNull())
    .addColumn('author_avatar', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    // The text as first received, kept when the author edits it on the network.
    .addColumn('original_text', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('subject_remote_id', 'text')
    .addColumn('parent_remote_id', 'text')
    .addColumn('root_remote_id', 'text')
    .addColumn('reply_target', 'text')
    .addColumn('remote_created_at', ts, (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('edited_at', ts)
    .addColumn('remote_deleted_at', ts)
    .addColumn('unavailable_at', ts)
    .addColumn('rechecked_at', ts)
    .addUniqueConstraint('interactions_remote', ['channel_id', 'kind', 'remote_id'])
    .execute()
  // A conversation is read by its thread (a like's or repost's root is the post it is about).
  // Each index costs every ingested row a write, so there is no other: an author's history is
  // counted on inbox_items.
  await db.schema
    .createIndex('interactions_thread')
    .on('interactions')
    .columns(['channel_id', 'root_remote_id', 'author_remote_id'])
    .execute()

  await db.schema
    .createTable('inbox_items')
    .addColumn('id', 'text', (c) =>
      c.primaryKey().references('interactions.id').onDelete('cascade'),
    )
    .addColumn('library_id', 'text', library)
    .addColumn('channel_id', 'text', channel)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', person)
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_question', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_remote_id', 'text', (c) => c.notNull())
    // Lower-cased text and author, for search.
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('received_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts)
    .addColumn('first_response_at', ts)
    .addColumn('first_responder_id', 'text', person)
    .addColumn('closed_at', ts)
    .addColumn('moderated_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  // The inbox's pages: newest first, within the library and within the common filters.
  for (const [name, columns] of [
    ['inbox_items_received', ['library_id', 'received_at', 'id']],
    ['inbox_items_state', ['library_id', 'state', 'received_at', 'id']],
    ['inbox_items_channel', ['library_id', 'channel_id', 'received_at', 'id']],
    ['inbox_items_assignee', ['library_id', 'assignee_id', 'received_at', 'id']],
    ['inbox_items_author', ['library_id', 'author_remote_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('inbox_items')
      .columns([...columns])
      .execute()
  }

  // Open items (a few per cent of them, the ones people work on), newest first.
  await db.schema
    .createIndex('inbox_items_open')
    .on('inbox_items')
    .columns(['library_id', 'received_at', 'id'])
    .where(sql<boolean>`state <> 'done'`)
    .execute()

  await db.schema
    .createTable('ingest_events')
    .addColumn('seq', serial, serialColumn)
    .addColumn('library_id', 'text', library)
    .addColumn('channel_id', 'text', channel)
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('interactions', 'integer', (c) => c.notNull())
    .addColumn('inbox_items', 'integer', (c) => c.notNull())
    // JSON: { "ids": [...new interaction ids], "edited": [...], "deleted": [...] }
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('channel_cursors')
    .addColumn('channel_id', 'text', (c) =>
      c.primaryKey().references('channels.id').onDelete('cascade'),
    )
    .addColumn('library_id', 'text', library)
    .addColumn('cursor', 'text')
    .addColumn('next_read_at', ts, (c) => c.notNull())
    .addColumn('last_read_at', ts)
    .addColumn('last_activity_at', ts)
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_code', 'text')
    // A reader's lease, so two workers never read one account at once.
    .addColumn('leased_until', ts)
    .execute()
  await db.schema
    .createIndex('channel_cursors_due')
    .on('channel_cursors')
    .column('next_read_at')
    .execute()

  await db.schema
    .createTable('inbox_tags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('inbox_tags_name', ['library_id', 'name_key'])
    .execute()
  await db.schema
    .createTable('inbox_item_tags')
    .addColumn('item_id', 'text', (c) =>
      c.notNull().references('inbox_items.id').onDelete('cascade'),
    )
    .addColumn('tag_id', 'text', (c) => c.notNull().references('inbox_tags.id').onDelete('cascade'))
    .addColumn('library_id', 'text', library)
    .addPrimaryKeyConstraint('inbox_item_tags_pk', ['item_id', 'tag_id'])
    .execute()
  await db.schema
    .createIndex('inbox_item_tags_tag')
    .on('inbox_item_tags')
    .columns(['tag_id', 'item_id'])
    .execute()

  await db.schema
    .createTable('inbox_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('item_id', 'text', (c) =>
      c.notNull().references('inbox_items.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'text', person)
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('inbox_notes_item').on('inbox_notes').column('item_id').execute()

  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', person)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('saved_replies_library')
    .on('saved_replies')
    .column('library_id')
    .execute()

  await db.schema
    .createTable('inbox_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('position', 'integer', (c) => c.notNull())
    // JSON: the rule as core/inbox/rules.ts defines it.
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', person)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('inbox_rules_library')
    .on('inbox_rules')
    .column('library_id')
    .execute()

  await db.schema
    .createTable('inbox_activity')
    .addColumn('seq', serial, serialColumn)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('library_id', 'text', library)
    .addColumn('item_id', 'text', (c) =>
      c.notNull().references('inbox_items.id').onDelete('cascade'),
    )
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', person)
    .addColumn('rule_id', 'text')
    .addColumn('rule_name', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('undone_at', ts)
    .execute()
  await db.schema
    .createIndex('inbox_activity_item')
    .on('inbox_activity')
    .columns(['item_id', 'seq'])
    .execute()
  await db.schema
    .createIndex('inbox_activity_library')
    .on('inbox_activity')
    .columns(['library_id', 'seq'])
    .execute()

  await db.schema
    .createTable('moderation_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('item_id', 'text', (c) =>
      c.notNull().references('inbox_items.id').onDelete('cascade'),
    )
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason_category', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', person)
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    // JSON copy of the item and its conversation as they were when the action was taken.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('done_at', ts)
    .execute()
  await db.schema
    .createIndex('moderation_actions_item')
    .on('moderation_actions')
    .column('item_id')
    .execute()

  await db.schema
    .createTable('inbox_presence')
    .addColumn('item_id', 'text', (c) =>
      c.notNull().references('inbox_items.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('library_id', 'text', library)
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_presence_pk', ['item_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('rate_budget_spends')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    // Start of a one-minute slot, in ms since the epoch.
    .addColumn('slot', 'bigint', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_budget_spends_pk', ['account', 'pool', 'slot'])
    .execute()
  await db.schema
    .createTable('rate_budget_blocks')
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('until_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_budget_blocks_pk', ['account', 'pool'])
    .execute()

  // The libraries there are get the default tags, as new ones do (libraries-repo insert).
  const libraries = await sql<{ id: string; locale: string; created_at: string }>`
    select id, locale, created_at from libraries`.execute(db)
  for (const library of libraries.rows) {
    const names = library.locale === 'en' ? DEFAULT_INBOX_TAGS.en : DEFAULT_INBOX_TAGS.sv
    for (const [i, name] of names.entries())
      await sql`insert into inbox_tags (id, library_id, name, name_key, position, created_at)
        values (${randomUUID()}, ${library.id}, ${name}, ${tagKey(name)}, ${i + 1}, ${new Date().toISOString()})`.execute(
        db,
      )
  }

  // Whether answers from the inbox go through approval like posts (some libraries want it).
  await db.schema
    .alterTable('libraries')
    .addColumn('replies_need_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  // An answer from the inbox is a post: it is written, checked, approved and published exactly
  // once by the same machinery, threaded under the item it answers.
  await db.schema
    .alterTable('posts')
    .addColumn('reply_to_item_id', 'text', (c) =>
      c.references('inbox_items.id').onDelete('set null'),
    )
    .execute()
  await db.schema
    .createIndex('posts_reply_to_item')
    .on('posts')
    .column('reply_to_item_id')
    .where(sql.ref('reply_to_item_id'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('posts_reply_to_item').execute()
  await db.schema.alterTable('posts').dropColumn('reply_to_item_id').execute()
  await db.schema.alterTable('libraries').dropColumn('replies_need_approval').execute()
  for (const table of [
    'rate_budget_blocks',
    'rate_budget_spends',
    'inbox_presence',
    'moderation_actions',
    'inbox_activity',
    'inbox_rules',
    'saved_replies',
    'inbox_notes',
    'inbox_item_tags',
    'inbox_tags',
    'channel_cursors',
    'ingest_events',
    'inbox_items',
    'interactions',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
