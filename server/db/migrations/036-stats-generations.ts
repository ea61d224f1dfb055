import { type Kysely, sql } from 'kysely'
import { isPostgres } from '../dialect.js'

/**
 * What lets the Statistik page's figures be kept in the process between requests, yet
 * never be shown after the data under them changed: one counter per library, bumped in
 * the same transaction as any change to what the page reads. The rollups' own writes
 * bump it from their repository (stats-rollup-repo), once per statement rather than once
 * per row; everything else through triggers, since posts, publications, inbox answers,
 * samples, campaigns and policies are written in many places. Library settings and
 * channels are migration 015's counter.
 *
 * No foreign key: a library's deletion deletes its rows in these tables, which bumps.
 */
const WATCHED: { table: string; events: string[] }[] = [
  { table: 'publications', events: ['insert', 'update', 'delete'] },
  { table: 'posts', events: ['update', 'delete'] },
  { table: 'post_images', events: ['insert', 'delete'] },
  { table: 'post_metric_state', events: ['insert', 'update', 'delete'] },
  { table: 'account_metrics', events: ['insert', 'update', 'delete'] },
  { table: 'campaigns', events: ['insert', 'update', 'delete'] },
  { table: 'strategy_versions', events: ['insert', 'update', 'delete'] },
  // The inbox changes state, assignee and tags all day; the page reads only these.
  {
    table: 'inbox_items',
    events: ['insert', 'update of received_at, first_response_at, channel_id', 'delete'],
  },
]

const triggerName = (table: string, event: string) =>
  `${table}_stats_generation_${event.split(' ')[0]}`

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stats_generations')
    .addColumn('library_id', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute()

  if (isPostgres(db)) {
    // Statement triggers see the statement's rows as one table: a read of hundreds of inbox
    // items bumps its library once. In library order, so two transactions never wait crosswise.
    await sql`create function torget_bump_stats_generation() returns trigger language plpgsql as $$
      begin
        insert into stats_generations (library_id, value)
          select library_id, 1 from (select distinct library_id from changed) c order by library_id
          on conflict (library_id) do update set value = stats_generations.value + 1;
        return null;
      end $$`.execute(db)
    // A transition table cannot go with a column list: an update of chosen columns is seen by row.
    await sql`create function torget_bump_stats_generation_row() returns trigger language plpgsql as $$
      begin
        insert into stats_generations (library_id, value) values (new.library_id, 1)
          on conflict (library_id) do update set value = stats_generations.value + 1;
        return null;
      end $$`.execute(db)
    for (const { table, events } of WATCHED)
      for (const event of events) {
        const name = sql.raw(triggerName(table, event))
        if (event.startsWith('update of '))
          await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
            for each row execute function torget_bump_stats_generation_row()`.execute(db)
        else
          await sql`create trigger ${name} after ${sql.raw(event)} on ${sql.table(table)}
            referencing ${sql.raw(event === 'delete' ? 'old' : 'new')} table as changed
            for each statement execute function torget_bump_stats_generation()`.execute(db)
      }
  } else {
    for (const { table, events } of WATCHED)
      for (const event of events)
        await sql`create trigger ${sql.raw(triggerName(table, event))}
          after ${sql.raw(event)} on ${sql.table(table)} begin
          insert into stats_generations (library_id, value)
            values (${sql.raw(event === 'delete' ? 'old' : 'new')}.library_id, 1)
            on conflict (library_id) do update set value = value + 1;
        end`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table, events } of WATCHED)
    for (const event of events)
      await sql`drop trigger ${sql.raw(triggerName(table, event))}${sql.raw(
        isPostgres(db) ? ` on ${table}` : '',
      )}`.execute(db)
  if (isPostgres(db)) {
    await sql`drop function torget_bump_stats_generation()`.execute(db)
    await sql`drop function torget_bump_stats_generation_row()`.execute(db)
  }
  await db.schema.dropTable('stats_generations').execute()
}
