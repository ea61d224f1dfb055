import { type Kysely, sql } from 'kysely'
import { isPostgres, timestampType } from '../dialect.js'

/**
 * The audit log: one row per change of who may do what, where the library
 * speaks, what it promises in public, and each file exported. Rows are only
 * ever added: the repository has no update or delete, and triggers refuse
 * them in the database too, so a mistake in code (or a hand at the SQL
 * prompt without a DBA's deliberate DROP TRIGGER) cannot rewrite history.
 *
 * No foreign key to the actor: the name at the time is kept, and a person's
 * account may go while the record of what they did stays. Libraries are never
 * deleted, and the key stops anyone from trying while the log names one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) => c.references('libraries.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('target_label', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('request_id', 'text')
    .execute()
  // A library's log newest first, a period of it, one action within a period: one index.
  await db.schema
    .createIndex('audit_log_library_at')
    .on('audit_log')
    .columns(['library_id', 'at', 'id'])
    .execute()

  if (isPostgres(db)) {
    await sql`create function torget_audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only: % refused', tg_op;
      end $$`.execute(db)
    await sql`create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function torget_audit_log_append_only()`.execute(db)
    await sql`create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function torget_audit_log_append_only()`.execute(db)
  } else {
    for (const event of ['update', 'delete'])
      await sql`create trigger ${sql.raw(`audit_log_no_${event}`)} before ${sql.raw(event)}
        on audit_log begin
          select raise(abort, 'audit_log is append-only');
        end`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
  if (isPostgres(db)) await sql`drop function torget_audit_log_append_only()`.execute(db)
}
