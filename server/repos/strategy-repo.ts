import type { Db } from '../db/database.js'
import type { StrategyVersionsTable } from '../db/schema/strategy-versions.js'

const versionColumns = [
  'v.id',
  'v.number',
  'v.note',
  'v.created_at',
  'v.created_by',
  'creator.name as created_by_name',
  'v.approved_at',
  'v.approved_by',
  'approver.name as approved_by_name',
] as const

export function strategyRepo(db: Db) {
  const versions = () =>
    db
      .selectFrom('strategy_versions as v')
      .innerJoin('users as creator', 'creator.id', 'v.created_by')
      .leftJoin('users as approver', 'approver.id', 'v.approved_by')

  return {
    findDraft(libraryId: string) {
      return db
        .selectFrom('strategy_drafts as d')
        .innerJoin('users', 'users.id', 'd.updated_by')
        .select(['d.document', 'd.version', 'd.updated_at', 'd.updated_by', 'users.name'])
        .where('d.library_id', '=', libraryId)
        .executeTakeFirst()
    },
    async insertDraft(libraryId: string, document: string, userId: string, now: string) {
      await db
        .insertInto('strategy_drafts')
        .values({
          library_id: libraryId,
          document,
          version: 1,
          updated_by: userId,
          updated_at: now,
        })
        .execute()
    },
    /** Saves only if nobody saved since `version`; returns whether it did. */
    async updateDraftIfVersion(
      libraryId: string,
      version: number,
      document: string,
      userId: string,
      now: string,
    ): Promise<boolean> {
      const r = await db
        .updateTable('strategy_drafts')
        .set({ document, version: version + 1, updated_by: userId, updated_at: now })
        .where('library_id', '=', libraryId)
        .where('version', '=', version)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },

    listVersions(libraryId: string) {
      return versions()
        .select(versionColumns)
        .where('v.library_id', '=', libraryId)
        .orderBy('v.number', 'desc')
        .execute()
    },
    findVersion(libraryId: string, id: string) {
      return versions()
        .select([...versionColumns, 'v.document'])
        .where('v.library_id', '=', libraryId)
        .where('v.id', '=', id)
        .executeTakeFirst()
    },
    latestVersion(libraryId: string) {
      return versions()
        .select([...versionColumns, 'v.document'])
        .where('v.library_id', '=', libraryId)
        .orderBy('v.number', 'desc')
        .limit(1)
        .executeTakeFirst()
    },
    /** Which version is in force, without its document. */
    currentVersionRef(libraryId: string) {
      return db
        .selectFrom('strategy_versions')
        .select(['id', 'approved_at'])
        .where('library_id', '=', libraryId)
        .where('approved_at', 'is not', null)
        .orderBy('approved_at', 'desc')
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst()
    },
    /** The version in force: the one approved last. */
    currentVersion(libraryId: string) {
      return versions()
        .select([...versionColumns, 'v.document'])
        .where('v.library_id', '=', libraryId)
        .where('v.approved_at', 'is not', null)
        .orderBy('v.approved_at', 'desc')
        .orderBy('v.number', 'desc')
        .limit(1)
        .executeTakeFirst()
    },
    async insertVersion(row: StrategyVersionsTable) {
      await db.insertInto('strategy_versions').values(row).execute()
    },
    async approveVersion(libraryId: string, id: string, userId: string, now: string) {
      await db
        .updateTable('strategy_versions')
        .set({ approved_by: userId, approved_at: now })
        .where('library_id', '=', libraryId)
        .where('id', '=', id)
        .execute()
    },
  }
}

export type StrategyVersionRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof strategyRepo>['listVersions']>>
>[number]
