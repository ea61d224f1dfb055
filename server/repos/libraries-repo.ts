import { DEFAULT_INBOX_TAGS, tagKey } from '../../core/inbox/default-tags.js'
import { newId } from '../security/tokens.js'
import type { Db } from '../db/database.js'

export function librariesRepo(db: Db) {
  return {
    findById(libraryId: string) {
      return db.selectFrom('libraries').selectAll().where('id', '=', libraryId).executeTakeFirst()
    },
    /** The library with the counts the workspace shell shows, in one query. */
    summary(libraryId: string, now: string) {
      return db
        .selectFrom('libraries')
        .selectAll('libraries')
        .select((eb) => [
          eb
            .selectFrom('memberships')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('memberships.library_id', '=', 'libraries.id')
            .as('member_count'),
          eb
            .selectFrom('invitations')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('invitations.library_id', '=', 'libraries.id')
            .where('invitations.accepted_at', 'is', null)
            .where('invitations.revoked_at', 'is', null)
            .where('invitations.expires_at', '>', now)
            .as('pending_invitations'),
        ])
        .where('libraries.id', '=', libraryId)
        .executeTakeFirst()
    },
    async insert(library: {
      id: string
      name: string
      timeZone: string
      locale: string
      now: string
    }) {
      await db
        .insertInto('libraries')
        .values({
          id: library.id,
          name: library.name,
          time_zone: library.timeZone,
          locale: library.locale,
          created_at: library.now,
        })
        .execute()
      // Every library starts with the inbox tags the workshop names; they are the library's to edit.
      const names = library.locale === 'en' ? DEFAULT_INBOX_TAGS.en : DEFAULT_INBOX_TAGS.sv
      await db
        .insertInto('inbox_tags')
        .values(
          names.map((name, i) => ({
            id: newId(),
            library_id: library.id,
            name,
            name_key: tagKey(name),
            position: i + 1,
            created_at: library.now,
          })),
        )
        .execute()
    },
    async update(
      libraryId: string,
      patch: {
        name?: string
        timeZone?: string
        locale?: string
        requireSecondApprover?: boolean
        repliesNeedApproval?: boolean
      },
    ) {
      if (Object.values(patch).every((v) => v === undefined)) return
      await db
        .updateTable('libraries')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.timeZone !== undefined && { time_zone: patch.timeZone }),
          ...(patch.locale !== undefined && { locale: patch.locale }),
          ...(patch.requireSecondApprover !== undefined && {
            require_second_approver: patch.requireSecondApprover ? 1 : 0,
          }),
          ...(patch.repliesNeedApproval !== undefined && {
            replies_need_approval: patch.repliesNeedApproval ? 1 : 0,
          }),
        })
        .where('id', '=', libraryId)
        .execute()
    },
  }
}
