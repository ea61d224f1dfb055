import type { Insertable, Selectable, Updateable } from 'kysely'
import type { Db } from '../db/database.js'
import type { RecurringSlotsTable } from '../db/schema/recurring-slots.js'

export type RecurringSlotRow = Selectable<RecurringSlotsTable>

export function recurringSlotsRepo(db: Db) {
  return {
    list(libraryId: string) {
      return db
        .selectFrom('recurring_slots')
        .selectAll()
        .where('library_id', '=', libraryId)
        .orderBy('weekday')
        .orderBy('time')
        .execute()
    },
    find(libraryId: string, id: string) {
      return db
        .selectFrom('recurring_slots')
        .selectAll()
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
    },
    /** Active slots in every library, with the library's zone: the weekly job's work list. */
    active() {
      return db
        .selectFrom('recurring_slots')
        .innerJoin('libraries', 'libraries.id', 'recurring_slots.library_id')
        .select([
          'recurring_slots.id',
          'recurring_slots.library_id',
          'recurring_slots.last_week',
          'libraries.time_zone',
        ])
        .where('recurring_slots.active', '=', 1)
        .execute()
    },
    async insert(row: Insertable<RecurringSlotsTable>) {
      await db.insertInto('recurring_slots').values(row).execute()
    },
    async update(libraryId: string, id: string, patch: Updateable<RecurringSlotsTable>) {
      const r = await db
        .updateTable('recurring_slots')
        .set(patch)
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    /**
     * Claims `week` for the slot: succeeds for one caller only, and only if no
     * later or equal week was drafted, so two workers (or a job run twice)
     * make one draft.
     */
    async claimWeek(
      libraryId: string,
      id: string,
      week: string,
      patch: { next_turn: number; last_post_id: string | null; updated_at: string },
    ): Promise<boolean> {
      const r = await db
        .updateTable('recurring_slots')
        .set({ ...patch, last_week: week })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_week', 'is', null), eb('last_week', '<', week)]))
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async delete(libraryId: string, id: string): Promise<boolean> {
      const r = await db
        .deleteFrom('recurring_slots')
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numDeletedRows) === 1
    },
  }
}
