import type { Db } from '../db/database.js'

const ROW = 'instance'

export function setupCodesRepo(db: Db) {
  return {
    /** Stores this code unless one is stored already; returns the stored one (the same in every process). */
    async ensure(code: string, now: string): Promise<string> {
      await db
        .insertInto('setup_codes')
        .values({ id: ROW, code, created_at: now })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      const row = await db
        .selectFrom('setup_codes')
        .select('code')
        .where('id', '=', ROW)
        .executeTakeFirstOrThrow()
      return row.code
    },
    async find(): Promise<string | undefined> {
      const row = await db
        .selectFrom('setup_codes')
        .select('code')
        .where('id', '=', ROW)
        .executeTakeFirst()
      return row?.code
    },
    async delete() {
      await db.deleteFrom('setup_codes').where('id', '=', ROW).execute()
    },
  }
}
