import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * The idea board (Idéer): ideas any member adds, an optional photo each
 * (already through the image pipeline), one support per member, and comments.
 * `post_id` is unique and set only while it is empty, so an idea turned into a
 * draft twice at the same moment gives one draft (the second writer finds it
 * taken and its transaction, with its post, is rolled back).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  const blob = isPostgres(db) ? 'bytea' : 'blob'
  const library = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('libraries.id').onDelete('cascade')
  const idea = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('ideas.id').onDelete('cascade')
  const user = (c: ColumnDefinitionBuilder) =>
    c.notNull().references('users.id').onDelete('cascade')

  await db.schema
    .createTable('ideas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('owner_id', 'text', user)
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('book', 'text')
    .addColumn('link', 'text')
    .addColumn('event_id', 'text', (c) => c.references('events.id').onDelete('set null'))
    // 'new' | 'in_progress' | 'used' | 'not_now'
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('drafted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('drafted_at', ts)
    // When the owner was told that the post made of it is out: once, however often it is published.
    .addColumn('published_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('ideas_library_created')
    .on('ideas')
    .columns(['library_id', 'created_at'])
    .execute()
  await db.schema.createIndex('ideas_post').on('ideas').column('post_id').unique().execute()
  await db.schema.createIndex('ideas_owner').on('ideas').columns(['owner_id']).execute()

  await db.schema
    .createTable('idea_photos')
    .addColumn('idea_id', 'text', (c) => idea(c).primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('idea_supports')
    .addColumn('idea_id', 'text', idea)
    .addColumn('user_id', 'text', user)
    .addColumn('library_id', 'text', library)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idea_supports_pk', ['idea_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('idea_supports_user')
    .on('idea_supports')
    .columns(['user_id'])
    .execute()

  await db.schema
    .createTable('idea_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', library)
    .addColumn('idea_id', 'text', idea)
    .addColumn('author_id', 'text', user)
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('idea_comments_idea')
    .on('idea_comments')
    .columns(['idea_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('idea_comments_author')
    .on('idea_comments')
    .columns(['author_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['idea_comments', 'idea_supports', 'idea_photos', 'ideas'])
    await db.schema.dropTable(table).execute()
}
