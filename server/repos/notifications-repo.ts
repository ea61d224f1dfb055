import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { NotificationsTable } from '../db/schema/notifications.js'

/**
 * A person's notifications. Only those from libraries the person is still a
 * member of are shown or e-mailed: leaving a library ends its news.
 */
export function notificationsRepo(db: Db) {
  const mine = (userId: string) =>
    db
      .selectFrom('notifications')
      .innerJoin('memberships', (join) =>
        join
          .onRef('memberships.library_id', '=', 'notifications.library_id')
          .onRef('memberships.user_id', '=', 'notifications.user_id'),
      )
      .where('notifications.user_id', '=', userId)

  return {
    async insertMany(rows: Insertable<NotificationsTable>[]) {
      if (rows.length === 0) return
      await db.insertInto('notifications').values(rows).execute()
    },
    /** Newest first, with the library's name and who caused it. */
    list(userId: string, limit: number) {
      return mine(userId)
        .innerJoin('libraries', 'libraries.id', 'notifications.library_id')
        .leftJoin('users as actors', 'actors.id', 'notifications.actor_id')
        .selectAll('notifications')
        .select(['libraries.name as library_name', 'actors.name as actor_name'])
        .orderBy('notifications.created_at', 'desc')
        .orderBy('notifications.id', 'desc')
        .limit(limit)
        .execute()
    },
    async unreadCount(userId: string): Promise<number> {
      const row = await mine(userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('notifications.read_at', 'is', null)
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
    /** Marks one (or, without an id, every) unread notification of the person as read. */
    async markRead(userId: string, now: string, id?: string): Promise<number> {
      let q = db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
      if (id) q = q.where('id', '=', id)
      const r = await q.executeTakeFirst()
      return Number(r.numUpdatedRows)
    },
    /** People who want a digest and have unread news not yet e-mailed, with their libraries' zone. */
    digestRecipients() {
      return db
        .selectFrom('users')
        .select(['users.id', 'users.email', 'users.locale'])
        .select((eb) =>
          eb
            .selectFrom('memberships')
            .innerJoin('libraries', 'libraries.id', 'memberships.library_id')
            .select('libraries.time_zone')
            .whereRef('memberships.user_id', '=', 'users.id')
            .orderBy('memberships.created_at')
            .limit(1)
            .as('time_zone'),
        )
        .where('users.daily_digest', '=', 1)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('notifications')
              .innerJoin('memberships', (join) =>
                join
                  .onRef('memberships.library_id', '=', 'notifications.library_id')
                  .onRef('memberships.user_id', '=', 'notifications.user_id'),
              )
              .select('notifications.id')
              .whereRef('notifications.user_id', '=', 'users.id')
              .where('notifications.read_at', 'is', null)
              .where('notifications.emailed_at', 'is', null),
          ),
        )
        .execute()
    },
    /** The unread notifications not yet in a digest, oldest first. */
    forDigest(userId: string, limit: number) {
      return mine(userId)
        .innerJoin('libraries', 'libraries.id', 'notifications.library_id')
        .leftJoin('users as actors', 'actors.id', 'notifications.actor_id')
        .selectAll('notifications')
        .select(['libraries.name as library_name', 'actors.name as actor_name'])
        .where('notifications.read_at', 'is', null)
        .where('notifications.emailed_at', 'is', null)
        .orderBy('notifications.created_at')
        .limit(limit)
        .execute()
    },
    async markEmailed(userId: string, ids: string[], now: string) {
      if (ids.length === 0) return
      await db
        .updateTable('notifications')
        .set({ emailed_at: now })
        .where('user_id', '=', userId)
        .where('id', 'in', ids)
        .execute()
    },
  }
}
