import { DomainError } from '../../core/errors.js'
import type { Repos } from '../repos/index.js'
import { newPublicationRow } from '../repos/publications-repo.js'
import { newId } from '../security/tokens.js'
import { excerptOf, notify } from './notification-service.js'
import { recordEvent } from './post-history.js'

/** A draft a plan makes for someone to write: a campaign slot, or the week's turn of a recurring slot. */
export interface PlannedDraft {
  libraryId: string
  /** Who made the plan; null when the weekly job makes it. */
  authorId: string
  actorId: string | null
  text: string
  channelIds: readonly string[]
  plannedAt: string
  assigneeId: string | null
  audience: string | null
  campaignId: string | null
  now: string
}

/** Throws unless every channel is one of the library's. */
export async function assertLibraryChannels(
  repos: Repos,
  libraryId: string,
  channelIds: readonly string[],
): Promise<void> {
  if (channelIds.length === 0) return
  const channels = await repos.channels.list(libraryId)
  if (channelIds.some((id) => !channels.some((c) => c.id === id)))
    throw new DomainError('channel_not_found')
}

/** Throws unless every person is a member of the library. */
export async function assertMembers(
  repos: Repos,
  libraryId: string,
  userIds: readonly (string | null)[],
): Promise<void> {
  for (const id of new Set(userIds)) {
    if (id && !(await repos.memberships.find(libraryId, id)))
      throw new DomainError('assignee_not_member')
  }
}

/**
 * Stores the draft with a publication per channel, records it in the post's
 * history, and tells its writer (in the app, and in the daily digest), all in
 * the caller's transaction.
 */
export async function insertPlannedDraft(repos: Repos, draft: PlannedDraft): Promise<string> {
  const id = newId()
  // Written in the library's language until the writer picks another.
  const library = await repos.libraries.findById(draft.libraryId)
  await repos.posts.insert({
    id,
    library_id: draft.libraryId,
    author_id: draft.authorId,
    text: draft.text,
    variants: '{}',
    ...(library && { language: library.locale }),
    state: 'draft',
    scheduled_at: null,
    version: 1,
    planned_at: draft.plannedAt,
    assignee_id: draft.assigneeId,
    audience: draft.audience,
    campaign_id: draft.campaignId,
    created_at: draft.now,
    updated_at: draft.now,
  })
  for (const channelId of new Set(draft.channelIds)) {
    await repos.publications.insert(
      newPublicationRow({
        id: newId(),
        libraryId: draft.libraryId,
        postId: id,
        channelId,
        state: 'draft',
        dueAt: draft.plannedAt,
        now: draft.now,
      }),
    )
  }
  const event = { libraryId: draft.libraryId, postId: id, actorId: draft.actorId, at: draft.now }
  await recordEvent(repos, { ...event, kind: 'created' })
  if (draft.assigneeId) {
    await recordEvent(repos, {
      ...event,
      kind: 'assigned',
      details: { assigneeId: draft.assigneeId },
    })
    await notify(repos, {
      ...event,
      kind: 'assigned',
      excerpt: excerptOf(draft.text),
      userIds: [draft.assigneeId],
    })
  }
  return id
}
