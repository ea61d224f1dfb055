import type { Insertable } from 'kysely'
import type { Db } from '../db/database.js'
import type {
  ArchiveDecisionEntriesTable,
  ArchiveHoldsTable,
  ArchiveRetentionRulesTable,
  ArchiveWeedingDecisionsTable,
} from '../db/schema/archive-weeding.js'

const CHUNK = 500

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

/** Retention rules, legal holds, weeding decisions and the archive's settings. */
export function archiveWeedingRepo(db: Db) {
  return {
    async insertRule(row: Insertable<ArchiveRetentionRulesTable>) {
      await db.insertInto('archive_retention_rules').values(row).execute()
    },
    rules(libraryId: string) {
      return db
        .selectFrom('archive_retention_rules')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    },
    async retireRule(libraryId: string, id: string, at: string) {
      const result = await db
        .updateTable('archive_retention_rules')
        .set({ retired_at: at })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('retired_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    async insertHold(row: Insertable<ArchiveHoldsTable>) {
      await db.insertInto('archive_holds').values(row).execute()
    },
    holds(libraryId: string) {
      return db
        .selectFrom('archive_holds')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('placed_at', 'desc')
        .orderBy('id')
        .execute()
    },
    findHold(libraryId: string, id: string) {
      return db
        .selectFrom('archive_holds')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    async liftHold(libraryId: string, id: string, by: string, byName: string, at: string) {
      const result = await db
        .updateTable('archive_holds')
        .set({ lifted_by: by, lifted_by_name: byName, lifted_at: at })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where('lifted_at', 'is', null)
        .executeTakeFirst()
      return Number(result.numUpdatedRows) > 0
    },

    /** Unweeded entries that happened in [from, to), in chain order, a page at a time. */
    candidates(libraryId: string, from: string, to: string, afterSeq: number, limit: number) {
      return db
        .selectFrom('archive_entries')
        .select([
          'id',
          'seq',
          'kind',
          'record_class',
          'subject',
          'channel_id',
          'occurred_at',
          'person_remote_id',
          'person_handle',
          'content',
          'content_hash',
          'hash',
        ])
        .where('library_id', '=', libraryId)
        .where('weeded_by', 'is', null)
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute()
    },
    /** The inbox tags of received items, by the item's id (an interaction's id is its item's). */
    async tagsOfItems(libraryId: string, itemIds: readonly string[]) {
      const tags = new Map<string, string[]>()
      for (const part of chunks([...new Set(itemIds)])) {
        const rows = await db
          .selectFrom('inbox_item_tags')
          .select(['item_id', 'tag_id'])
          .where('library_id', '=', libraryId)
          .where('item_id', 'in', part)
          .execute()
        for (const r of rows) tags.set(r.item_id, [...(tags.get(r.item_id) ?? []), r.tag_id])
      }
      return tags
    },

    findDecisionByReference(libraryId: string, reference: string) {
      return db
        .selectFrom('archive_weeding_decisions')
        .select('id')
        .where('library_id', '=', libraryId)
        .where('reference', '=', reference)
        .executeTakeFirst()
    },
    async insertDecision(
      row: Insertable<ArchiveWeedingDecisionsTable>,
      entries: readonly Insertable<ArchiveDecisionEntriesTable>[],
    ) {
      await db.insertInto('archive_weeding_decisions').values(row).execute()
      for (const part of chunks(entries))
        await db.insertInto('archive_decision_entries').values(part).execute()
    },
    decisions(libraryId: string) {
      return db
        .selectFrom('archive_weeding_decisions')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('decided_at', 'desc')
        .execute()
    },
    findDecision(libraryId: string, id: string) {
      return db
        .selectFrom('archive_weeding_decisions')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    decisionEntries(libraryId: string, decisionId: string) {
      return db
        .selectFrom('archive_decision_entries')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('decision_id', '=', decisionId)
        .orderBy('seq')
        .execute()
    },
    /** Decisions taken in [from, to), with how many entries each removed. */
    decisionsBetween(libraryId: string, from: string, to: string) {
      return db
        .selectFrom('archive_weeding_decisions')
        .select(['id', 'reference', 'entry_count'])
        .where('library_id', '=', libraryId)
        .where('decided_at', '>=', from)
        .where('decided_at', '<', to)
        .orderBy('decided_at')
        .execute()
    },

    settings(libraryId: string) {
      return db
        .selectFrom('archive_settings')
        .selectAll()
        .where('library_id', '=', libraryId)
        .executeTakeFirst()
    },
    async saveSettings(libraryId: string, days: number | null, at: string) {
      await db
        .insertInto('archive_settings')
        .values({ library_id: libraryId, interaction_retention_days: days, updated_at: at })
        .onConflict((oc) =>
          oc.column('library_id').doUpdateSet({ interaction_retention_days: days, updated_at: at }),
        )
        .execute()
    },
  }
}
export type ArchiveWeedingRepo = ReturnType<typeof archiveWeedingRepo>
