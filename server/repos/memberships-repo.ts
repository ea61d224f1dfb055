import type { Db } from '../db/database.js'
import { isPostgres } from '../db/dialect.js'

export function membershipsRepo(db: Db) {
  return {
    find(libraryId: string, userId: string) {
      return db
        .selectFrom('memberships')
        .select(['library_id', 'user_id', 'role', 'created_at'])
        .where('library_id', '=', libraryId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    },
    listForUser(userId: string) {
      return db
        .selectFrom('memberships')
        .innerJoin('libraries', 'libraries.id', 'memberships.library_id')
        .select([
          'libraries.id as libraryId',
          'libraries.name as libraryName',
          'libraries.time_zone as timeZone',
          'memberships.role',
        ])
        .where('memberships.user_id', '=', userId)
        .orderBy('libraries.name')
        .execute()
    },
    listForLibrary(libraryId: string) {
      return db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select([
          'users.id as userId',
          'users.name',
          'users.email',
          'users.locale',
          'memberships.role',
          'memberships.created_at as joinedAt',
        ])
        .where('memberships.library_id', '=', libraryId)
        .orderBy('users.name')
        .execute()
    },
    async count(libraryId: string, role?: string): Promise<number> {
      let q = db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('library_id', '=', libraryId)
      if (role) q = q.where('role', '=', role)
      return Number((await q.executeTakeFirstOrThrow()).n)
    },
    /**
     * Inside a transaction: holds the library's membership changes until it ends, so two
     * Ansvariga leaving at once cannot both count the other and leave none. PostgreSQL locks
     * the library row; SQLite takes the database's write lock by writing first.
     */
    async lockLibrary(libraryId: string) {
      if (isPostgres(db)) {
        await db
          .selectFrom('libraries')
          .select('id')
          .where('id', '=', libraryId)
          .forUpdate()
          .execute()
      } else {
        await db
          .updateTable('libraries')
          .set((eb) => ({ id: eb.ref('id') }))
          .where('id', '=', libraryId)
          .execute()
      }
    },
    async insert(m: { libraryId: string; userId: string; role: string; now: string }) {
      await db
        .insertInto('memberships')
        .values({ library_id: m.libraryId, user_id: m.userId, role: m.role, created_at: m.now })
        .execute()
    },
    async updateRole(libraryId: string, userId: string, role: string) {
      await db
        .updateTable('memberships')
        .set({ role })
        .where('library_id', '=', libraryId)
        .where('user_id', '=', userId)
        .execute()
    },
    async delete(libraryId: string, userId: string) {
      await db
        .deleteFrom('memberships')
        .where('library_id', '=', libraryId)
        .where('user_id', '=', userId)
        .execute()
    },
  }
}
