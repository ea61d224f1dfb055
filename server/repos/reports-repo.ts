import type { Db } from '../db/database.js'
import type {
  ReportDeliveriesTable,
  ReportRecipientsTable,
  ReportRunsTable,
} from '../db/schema/reports.js'

/** The instance's own report, for a region running several libraries. */
export const INSTANCE_SCOPE = 'instance'

/**
 * The monthly report's recipients, runs and deliveries, the libraries that
 * consent to comparison, and each library's month in figures. A scope is a
 * library's id or INSTANCE_SCOPE; every query names one.
 */
export function reportsRepo(db: Db) {
  return {
    findConsent(libraryId: string) {
      return db
        .selectFrom('stats_consent')
        .selectAll()
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
    },
    async setConsent(libraryId: string, userId: string, now: string) {
      await db
        .insertInto('stats_consent')
        .values({ library_id: libraryId, opted_in_by: userId, opted_in_at: now })
        .onConflict((oc) => oc.column('library_id').doNothing())
        .execute()
    },
    async removeConsent(libraryId: string) {
      await db.deleteFrom('stats_consent').where('library_id', '=', libraryId).execute()
    },
    /** The libraries that take part in comparisons, with what their months are counted by. */
    consenting() {
      return db
        .selectFrom('stats_consent as s')
        .innerJoin('libraries as l', 'l.id', 's.library_id')
        .select(['l.id', 'l.name', 'l.time_zone', 'l.locale', 'l.created_at'])
        .orderBy('l.id')
        .execute()
    },

    listRecipients(scope: string) {
      return db
        .selectFrom('report_recipients')
        .selectAll()
        .where('scope', '=', scope)
        .orderBy('created_at')
        .orderBy('email')
        .execute()
    },
    /** The library's recipients at this address (addresses are kept in lower case). */
    recipientsWithEmail(libraryId: string, email: string) {
      return db
        .selectFrom('report_recipients')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('email', '=', email.toLowerCase())
        .execute()
    },
    findRecipient(scope: string, id: string) {
      return db
        .selectFrom('report_recipients')
        .selectAll()
        .where('scope', '=', scope)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    /** False when the address is already there. */
    async insertRecipient(row: ReportRecipientsTable): Promise<boolean> {
      const r = await db
        .insertInto('report_recipients')
        .values(row)
        .onConflict((oc) => oc.columns(['scope', 'email']).doNothing())
        .executeTakeFirst()
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
    },
    async deleteRecipient(scope: string, id: string): Promise<boolean> {
      const r = await db
        .deleteFrom('report_recipients')
        .where('scope', '=', scope)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
    async clearBounce(scope: string, id: string): Promise<boolean> {
      const r = await db
        .updateTable('report_recipients')
        .set({ bounced_at: null, bounce_reason: null })
        .where('scope', '=', scope)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async markSent(scope: string, id: string, at: string) {
      await db
        .updateTable('report_recipients')
        .set({ last_sent_at: at })
        .where('scope', '=', scope)
        .where('id', '=', id)
        .execute()
    },
    async markBounced(scope: string, id: string, at: string, reason: string) {
      await db
        .updateTable('report_recipients')
        .set({ bounced_at: at, bounce_reason: reason })
        .where('scope', '=', scope)
        .where('id', '=', id)
        .execute()
    },
    /** Every scope with someone to send to, and the calendar its months are counted on. */
    scopesWithRecipients() {
      return db
        .selectFrom('report_recipients as r')
        .leftJoin('libraries as l', 'l.id', 'r.library_id')
        .select(['r.scope', 'l.time_zone', 'l.created_at'])
        .where('r.bounced_at', 'is', null)
        .groupBy(['r.scope', 'l.time_zone', 'l.created_at'])
        .execute()
    },

    findRun(scope: string, month: string) {
      return db
        .selectFrom('report_runs')
        .selectAll()
        .where('scope', '=', scope)
        .where('month', '=', month)
        .executeTakeFirst()
    },
    lastRun(scope: string) {
      return db
        .selectFrom('report_runs')
        .selectAll()
        .where('scope', '=', scope)
        .orderBy('month', 'desc')
        .limit(1)
        .executeTakeFirst()
    },
    async insertRun(row: ReportRunsTable) {
      await db
        .insertInto('report_runs')
        .values(row)
        .onConflict((oc) => oc.columns(['scope', 'month']).doNothing())
        .execute()
    },
    async insertDelivery(row: ReportDeliveriesTable) {
      await db
        .insertInto('report_deliveries')
        .values(row)
        .onConflict((oc) => oc.columns(['scope', 'month', 'recipient_id']).doNothing())
        .execute()
    },
    findDelivery(scope: string, month: string, recipientId: string) {
      return db
        .selectFrom('report_deliveries')
        .selectAll()
        .where('scope', '=', scope)
        .where('month', '=', month)
        .where('recipient_id', '=', recipientId)
        .executeTakeFirst()
    },
    async settleDelivery(
      scope: string,
      month: string,
      recipientId: string,
      outcome: { state: 'sent' | 'refused'; reason: string | null; at: string },
    ) {
      await db
        .updateTable('report_deliveries')
        .set({ state: outcome.state, reason: outcome.reason, settled_at: outcome.at })
        .where('scope', '=', scope)
        .where('month', '=', month)
        .where('recipient_id', '=', recipientId)
        .execute()
    },

    findFigures(libraryId: string, month: string) {
      return db
        .selectFrom('monthly_figures')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('month', '=', month)
        .executeTakeFirst()
    },
    async saveFigures(libraryId: string, month: string, figures: string, now: string) {
      await db
        .insertInto('monthly_figures')
        .values({ library_id: libraryId, month, figures, computed_at: now })
        .onConflict((oc) =>
          oc.columns(['library_id', 'month']).doUpdateSet({ figures, computed_at: now }),
        )
        .execute()
    },
  }
}
export type ReportsRepo = ReturnType<typeof reportsRepo>
