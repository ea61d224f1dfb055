import { type Kysely, sql } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * The approval flow: who approved a post and when, the library's choice to
 * require a second person, internal comments, the post's history, and
 * notifications in the app (with the person's choice of a daily e-mail digest).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .alterTable('posts')
    .addColumn('approved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  await db.schema.alterTable('posts').addColumn('approved_at', ts).execute()
  // What went out before approval existed counts as approved by its author.
  await sql`update posts set approved_by = author_id, approved_at = updated_at
            where state in ('scheduled', 'published', 'failed', 'withdrawn')`.execute(db)
  await db.schema
    .alterTable('libraries')
    .addColumn('require_second_approver', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('users')
    .addColumn('daily_digest', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('post_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('post_comments_post')
    .on('post_comments')
    .columns(['library_id', 'post_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('post_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('post_events_post')
    .on('post_events')
    .columns(['library_id', 'post_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .addColumn('emailed_at', ts)
    .execute()
  await db.schema
    .createIndex('notifications_user')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('notifications_unread')
    .on('notifications')
    .columns(['user_id', 'read_at', 'emailed_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifications').execute()
  await db.schema.dropTable('post_events').execute()
  await db.schema.dropTable('post_comments').execute()
  await db.schema.alterTable('users').dropColumn('daily_digest').execute()
  await db.schema.alterTable('libraries').dropColumn('require_second_approver').execute()
  await db.schema.alterTable('posts').dropColumn('approved_at').execute()
  await db.schema.alterTable('posts').dropColumn('approved_by').execute()
}
