import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type { AuditLogTable } from '../db/schema/audit-log.js'

export type AuditRow = AuditLogTable

export interface AuditFilter {
  /** UTC instants: from (included) to (excluded). */
  from?: string | undefined
  to?: string | undefined
  action?: string | undefined
  /** Entries older than this one (at, id), for the next page. */
  before?: { at: string; id: string } | undefined
}

/** The audit log: entries are appended and read, never changed (there is no update or delete). */
export function auditRepo(db: Db) {
  return {
    async append(row: Insertable<AuditLogTable>) {
      await db.insertInto('audit_log').values(row).execute()
    },
    /** A library's log (or the instance log, libraryId null), newest first. */
    list(libraryId: string | null, filter: AuditFilter, limit: number) {
      let query = db
        .selectFrom('audit_log')
        .selectAll()
        .where('library_id', libraryId === null ? 'is' : '=', libraryId)
      if (filter.from) query = query.where('at', '>=', filter.from)
      if (filter.to) query = query.where('at', '<', filter.to)
      if (filter.action) query = query.where('action', '=', filter.action)
      const before = filter.before
      if (before)
        query = query.where((eb) =>
          eb.or([
            eb('at', '<', before.at),
            eb.and([eb('at', '=', before.at), eb('id', '<', before.id)]),
          ]),
        )
      return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
    },
  }
}
