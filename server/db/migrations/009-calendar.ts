import { type Kysely, sql } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * The calendar: every post's "calendar time" in one indexed column, and the
 * secret feeds members subscribe to in Outlook or Google Calendar.
 *
 * calendar_at is the first publication's time for a published (or later
 * withdrawn) post, else its scheduled time, else its planned time. It is kept
 * by triggers rather than by each service: posts change state in many places
 * (editing, scheduling, approval, the publishing worker, campaign slots,
 * recurring slots), and a derived column that one of them forgets is a
 * calendar that quietly lies. An expression index cannot do it either: the
 * first publication lives in another table.
 */
const POST_CALENDAR_AT = (row: 'new' | 'posts') =>
  sql.raw(`case
  when ${row}.state in ('published', 'withdrawn') then coalesce(
    (select min(pb.published_at) from publications pb
      where pb.library_id = ${row}.library_id and pb.post_id = ${row}.id),
    ${row}.scheduled_at, ${row}.planned_at)
  else coalesce(${row}.scheduled_at, ${row}.planned_at)
end`)

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  await db.schema.alterTable('posts').addColumn('calendar_at', ts).execute()
  await sql`update posts set calendar_at = ${POST_CALENDAR_AT('posts')}`.execute(db)

  if (isPostgres(db)) {
    await sql`create function torget_post_calendar_at() returns trigger language plpgsql as $$
      begin
        new.calendar_at := ${POST_CALENDAR_AT('new')};
        return new;
      end $$`.execute(db)
    await sql`create trigger posts_calendar_at
      before insert or update of state, scheduled_at, planned_at on posts
      for each row execute function torget_post_calendar_at()`.execute(db)
    await sql`create function torget_publication_calendar_at() returns trigger language plpgsql as $$
      begin
        update posts set calendar_at = ${POST_CALENDAR_AT('posts')}
          where posts.library_id = new.library_id and posts.id = new.post_id
            and posts.state in ('published', 'withdrawn');
        return null;
      end $$`.execute(db)
    await sql`create trigger publications_calendar_at
      after insert or update of published_at on publications
      for each row execute function torget_publication_calendar_at()`.execute(db)
  } else {
    // SQLite has no BEFORE-trigger assignment to NEW; an AFTER trigger writes the column, and
    // updating only calendar_at does not fire the trigger again.
    await sql`create trigger posts_calendar_at_insert after insert on posts begin
      update posts set calendar_at = ${POST_CALENDAR_AT('posts')} where id = new.id;
    end`.execute(db)
    await sql`create trigger posts_calendar_at_update
      after update of state, scheduled_at, planned_at on posts begin
      update posts set calendar_at = ${POST_CALENDAR_AT('posts')} where id = new.id;
    end`.execute(db)
    for (const [name, event] of [
      ['publications_calendar_at_insert', 'insert'],
      ['publications_calendar_at_update', 'update of published_at'],
    ] as const) {
      await sql`create trigger ${sql.raw(name)} after ${sql.raw(event)} on publications begin
        update posts set calendar_at = ${POST_CALENDAR_AT('posts')}
          where posts.library_id = new.library_id and posts.id = new.post_id
            and posts.state in ('published', 'withdrawn');
      end`.execute(db)
    }
  }

  // A month of one library is one range scan, whatever the state of its posts; with the id in
  // it, counting a month's days and picking each day's first posts never reads the table.
  // "Ej planerat" (calendar_at is null) is the same index.
  await db.schema
    .createIndex('posts_library_calendar')
    .on('posts')
    .columns(['library_id', 'calendar_at', 'id'])
    .execute()

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) =>
      c.notNull().references('libraries.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addUniqueConstraint('calendar_feeds_member', ['library_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute()
  await db.schema.dropIndex('posts_library_calendar').execute()
  if (isPostgres(db)) {
    await sql`drop trigger publications_calendar_at on publications`.execute(db)
    await sql`drop trigger posts_calendar_at on posts`.execute(db)
    await sql`drop function torget_publication_calendar_at()`.execute(db)
    await sql`drop function torget_post_calendar_at()`.execute(db)
  } else {
    for (const name of [
      'posts_calendar_at_insert',
      'posts_calendar_at_update',
      'publications_calendar_at_insert',
      'publications_calendar_at_update',
    ])
      await sql`drop trigger ${sql.raw(name)}`.execute(db)
  }
  await db.schema.alterTable('posts').dropColumn('calendar_at').execute()
}
