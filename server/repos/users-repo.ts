import type { Db } from '../db/database.js'

export function usersRepo(db: Db) {
  return {
    async count(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    findByEmail(email: string) {
      return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
    },
    findById(id: string) {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    },
    async insert(user: {
      id: string
      email: string
      name: string
      passwordHash: string
      locale: string
      isInstanceAdmin: boolean
      now: string
    }) {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          password_hash: user.passwordHash,
          locale: user.locale,
          is_instance_admin: user.isInstanceAdmin ? 1 : 0,
          created_at: user.now,
          updated_at: user.now,
        })
        .execute()
    },
    async update(
      id: string,
      patch: {
        name?: string
        locale?: string
        passwordHash?: string
        isInstanceAdmin?: boolean
        dailyDigest?: boolean
      },
      now: string,
    ) {
      await db
        .updateTable('users')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.locale !== undefined && { locale: patch.locale }),
          ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
          ...(patch.isInstanceAdmin !== undefined && {
            is_instance_admin: patch.isInstanceAdmin ? 1 : 0,
          }),
          ...(patch.dailyDigest !== undefined && { daily_digest: patch.dailyDigest ? 1 : 0 }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute()
    },
  }
}
