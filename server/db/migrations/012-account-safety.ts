import type { Kysely } from 'kysely'
import { timestampType } from '../dialect.js'

/**
 * What keeps accounts safe from strangers: sign-in delays counted per account,
 * per client and per both (shared by every process), the one-time code that
 * guards first-time setup, and the e-mail confirmations that a link-only
 * invitation asks for before an account exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('blocked_until', ts, (c) => c.notNull())
    .addColumn('last_at', ts, (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sign_in_throttles_last_at')
    .on('sign_in_throttles')
    .column('last_at')
    .execute()

  await db.schema
    .createTable('setup_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('email_confirmations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('invitation_id', 'text', (c) =>
      c.notNull().references('invitations.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute()
  await db.schema
    .createIndex('email_confirmations_invitation')
    .on('email_confirmations')
    .columns(['invitation_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['email_confirmations', 'setup_codes', 'sign_in_throttles'])
    await db.schema.dropTable(table).execute()
}
