import type { z } from 'zod'
import { DomainError } from '../../core/errors.js'
import type {
  RecurringSlot,
  saveRecurringSlotSchema,
  updateRecurringSlotSchema,
} from '../../core/schemas/recurring-slot.js'
import { dateInIsoWeek, isoWeekOf } from '../../core/time/iso-week.js'
import { addDays, utcToZoned, zonedToUtc } from '../../core/time/zoned.js'
import { type Clock, systemClock } from '../clock.js'
import type { Repos, Store } from '../repos/index.js'
import type { RecurringSlotRow } from '../repos/recurring-slots-repo.js'
import { newId } from '../security/tokens.js'
import type { LibraryAccess } from './access.js'
import type { GuidelinePolicySource } from './guideline-policy.js'
import { assertLibraryChannels, assertMembers, insertPlannedDraft } from './planned-drafts.js'

type ReadAccess = LibraryAccess<'recurring.read'> | LibraryAccess<'recurring.manage'>
type SaveInput = z.output<typeof saveRecurringSlotSchema>
type UpdateInput = z.output<typeof updateRecurringSlotSchema>

/** The ISO week after `week`. */
function weekAfter(week: string): string {
  return isoWeekOf(addDays(dateInIsoWeek(week, 1), 7))
}

/** The week the job drafts for at `now`: next week, as the library's calendar counts it. */
export function draftWeekAt(now: Date, timeZone: string): string {
  return isoWeekOf(addDays(utcToZoned(now, timeZone).date, 7))
}

/**
 * Whose turn it is: the member at `nextTurn`, or the next after them who is
 * still in the library. Those who left are skipped, not removed, so the order
 * stays as the team chose it.
 */
export function takeTurn(
  memberIds: readonly string[],
  nextTurn: number,
  present: ReadonlySet<string>,
): { assigneeId: string | null; nextTurn: number } {
  for (let i = 0; i < memberIds.length; i++) {
    const index = (nextTurn + i) % memberIds.length
    if (present.has(memberIds[index]!))
      return { assigneeId: memberIds[index]!, nextTurn: (index + 1) % memberIds.length }
  }
  return { assigneeId: null, nextTurn }
}

/** Rolls the transaction back when another run already drafted the week. */
class WeekTaken extends Error {}

export function recurringSlotService({
  store,
  guidelines,
  clock = systemClock,
}: {
  store: Store
  guidelines: GuidelinePolicySource
  clock?: Clock
}) {
  async function timeZoneOf(repos: Repos, libraryId: string): Promise<string> {
    const library = await repos.libraries.findById(libraryId)
    if (!library) throw new DomainError('library_not_found')
    return library.time_zone
  }

  async function present(repos: Repos, libraryId: string): Promise<Set<string>> {
    return new Set((await repos.memberships.listForLibrary(libraryId)).map((m) => m.userId))
  }

  function toSlot(
    row: RecurringSlotRow,
    timeZone: string,
    members: ReadonlySet<string>,
    now = clock.now(),
  ): RecurringSlot {
    const memberIds = JSON.parse(row.member_ids) as string[]
    const candidate = draftWeekAt(now, timeZone)
    const week = row.last_week && row.last_week >= candidate ? weekAfter(row.last_week) : candidate
    return {
      id: row.id,
      name: row.name,
      weekday: row.weekday,
      time: row.time,
      channelIds: JSON.parse(row.channel_ids) as string[],
      prompt: row.prompt,
      audience: row.audience,
      memberIds,
      active: row.active === 1,
      next: {
        week,
        plannedAt: zonedToUtc(dateInIsoWeek(week, row.weekday), row.time, timeZone).toISOString(),
        assigneeId: takeTurn(memberIds, row.next_turn, members).assigneeId,
      },
      lastWeek: row.last_week,
      lastPostId: row.last_post_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  async function view(libraryId: string, slotId: string): Promise<RecurringSlot> {
    const row = await store.repos.recurringSlots.find(libraryId, slotId)
    if (!row) throw new DomainError('recurring_slot_not_found')
    return toSlot(
      row,
      await timeZoneOf(store.repos, libraryId),
      await present(store.repos, libraryId),
    )
  }

  async function check(
    libraryId: string,
    input: Partial<Pick<SaveInput, 'channelIds' | 'memberIds' | 'audience'>>,
  ) {
    if (input.channelIds) await assertLibraryChannels(store.repos, libraryId, input.channelIds)
    if (input.memberIds) await assertMembers(store.repos, libraryId, input.memberIds)
    if (input.audience) {
      const { policy } = await guidelines.current(libraryId)
      if (!policy.audiences.some((a) => a.id === input.audience))
        throw new DomainError('audience_unknown')
    }
  }

  return {
    async list(access: ReadAccess): Promise<RecurringSlot[]> {
      const [rows, timeZone, members] = await Promise.all([
        store.repos.recurringSlots.list(access.libraryId),
        timeZoneOf(store.repos, access.libraryId),
        present(store.repos, access.libraryId),
      ])
      return rows.map((row) => toSlot(row, timeZone, members))
    },

    async create(
      access: LibraryAccess<'recurring.manage'>,
      input: SaveInput,
    ): Promise<RecurringSlot> {
      await check(access.libraryId, input)
      const id = newId()
      const now = clock.now().toISOString()
      await store.repos.recurringSlots.insert({
        id,
        library_id: access.libraryId,
        name: input.name,
        weekday: input.weekday,
        time: input.time,
        channel_ids: JSON.stringify([...new Set(input.channelIds)]),
        prompt: input.prompt,
        audience: input.audience,
        member_ids: JSON.stringify([...new Set(input.memberIds)]),
        next_turn: 0,
        active: input.active ? 1 : 0,
        last_week: null,
        last_post_id: null,
        created_by: access.userId,
        created_at: now,
        updated_at: now,
      })
      return view(access.libraryId, id)
    },

    async update(
      access: LibraryAccess<'recurring.manage'>,
      slotId: string,
      patch: UpdateInput,
    ): Promise<RecurringSlot> {
      const row = await store.repos.recurringSlots.find(access.libraryId, slotId)
      if (!row) throw new DomainError('recurring_slot_not_found')
      await check(access.libraryId, patch)
      const memberIds = patch.memberIds && [...new Set(patch.memberIds)]
      // Whose turn it is survives a change of the list when that person is still on it.
      const turnHolder = (JSON.parse(row.member_ids) as string[])[row.next_turn]
      const nextTurn = memberIds ? Math.max(0, memberIds.indexOf(turnHolder ?? '')) : undefined
      await store.repos.recurringSlots.update(access.libraryId, slotId, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.weekday !== undefined && { weekday: patch.weekday }),
        ...(patch.time !== undefined && { time: patch.time }),
        ...(patch.channelIds !== undefined && {
          channel_ids: JSON.stringify([...new Set(patch.channelIds)]),
        }),
        ...(patch.prompt !== undefined && { prompt: patch.prompt }),
        ...(patch.audience !== undefined && { audience: patch.audience }),
        ...(memberIds && { member_ids: JSON.stringify(memberIds), next_turn: nextTurn }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        updated_at: clock.now().toISOString(),
      })
      return view(access.libraryId, slotId)
    },

    async remove(access: LibraryAccess<'recurring.manage'>, slotId: string): Promise<void> {
      if (!(await store.repos.recurringSlots.delete(access.libraryId, slotId)))
        throw new DomainError('recurring_slot_not_found')
    },

    /** Active slots whose next week is not drafted yet, in every library: for the job. */
    async dueWork(now = clock.now()) {
      const rows = await store.repos.recurringSlots.active()
      return rows.flatMap((row) => {
        const week = draftWeekAt(now, row.time_zone)
        return row.last_week && row.last_week >= week
          ? []
          : [{ libraryId: row.library_id, slotId: row.id, week }]
      })
    },

    /**
     * Makes the slot's draft for `week`, planned at its weekday and time in the
     * library's zone, for the member whose turn it is (who is told). Once per
     * slot and week, however often it is asked: returns the new post's id, or
     * null when the week was already drafted or the slot is paused or gone.
     */
    async createWeeklyDraft(
      libraryId: string,
      slotId: string,
      week: string,
    ): Promise<string | null> {
      const now = clock.now().toISOString()
      try {
        return await store.transaction(async (repos) => {
          const slot = await repos.recurringSlots.find(libraryId, slotId)
          if (!slot || slot.active !== 1) return null
          if (slot.last_week && slot.last_week >= week) return null
          const timeZone = await timeZoneOf(repos, libraryId)
          const members = await present(repos, libraryId)
          const turn = takeTurn(JSON.parse(slot.member_ids) as string[], slot.next_turn, members)
          const authorId =
            turn.assigneeId ??
            (slot.created_by && members.has(slot.created_by) ? slot.created_by : null) ??
            (await repos.memberships.listForLibrary(libraryId))[0]?.userId
          if (!authorId) return null
          const claimed = await repos.recurringSlots.claimWeek(libraryId, slotId, week, {
            next_turn: turn.nextTurn,
            last_post_id: null,
            updated_at: now,
          })
          if (!claimed) throw new WeekTaken()
          const plannedAt = zonedToUtc(dateInIsoWeek(week, slot.weekday), slot.time, timeZone)
          // A channel disconnected since the slot was made is left out, not published to.
          const connected = new Set((await repos.channels.list(libraryId)).map((c) => c.id))
          const postId = await insertPlannedDraft(repos, {
            libraryId,
            authorId,
            actorId: null,
            text: slot.prompt,
            channelIds: (JSON.parse(slot.channel_ids) as string[]).filter((id) =>
              connected.has(id),
            ),
            plannedAt: plannedAt.toISOString(),
            assigneeId: turn.assigneeId,
            audience: slot.audience,
            campaignId: null,
            now,
          })
          await repos.recurringSlots.update(libraryId, slotId, { last_post_id: postId })
          return postId
        })
      } catch (error) {
        if (error instanceof WeekTaken) return null
        throw error
      }
    },
  }
}
export type RecurringSlotService = ReturnType<typeof recurringSlotService>
