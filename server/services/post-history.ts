import { editorsUnderReview } from '../../core/posts/rules.js'
import type { PostEventDetails, PostEventKind } from '../../core/schemas/index.js'
import type { Repos } from '../repos/index.js'
import { newId } from '../security/tokens.js'

let sequence = 0

/**
 * Ids that sort in the order events were recorded: the events of one step
 * (a return and its note, say) share their time, and the timeline must
 * still show them in order.
 */
function eventId(): string {
  sequence = (sequence + 1) % 36 ** 4
  return `${Date.now().toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}-${newId()}`
}

type NewEvent = {
  libraryId: string
  postId: string
  actorId: string | null
  kind: PostEventKind
  details?: PostEventDetails
  at: string
}

/** Adds one entry to a post's history, in the caller's transaction. */
export async function recordEvent(repos: Pick<Repos, 'history'>, event: NewEvent): Promise<void> {
  await recordEvents(repos, [event])
}

/** Adds entries to posts' histories in one statement, in the order given. */
export async function recordEvents(
  repos: Pick<Repos, 'history'>,
  events: readonly NewEvent[],
): Promise<void> {
  await repos.history.insertMany(
    events.map((event) => ({
      id: eventId(),
      library_id: event.libraryId,
      post_id: event.postId,
      actor_id: event.actorId,
      kind: event.kind,
      details: JSON.stringify(event.details ?? {}),
      created_at: event.at,
    })),
  )
}

/** Who changed the post's content since it was last approved (see `editorsUnderReview`). */
export async function reviewEditors(
  repos: Pick<Repos, 'history'>,
  libraryId: string,
  postId: string,
): Promise<string[]> {
  const rows = await repos.history.list(libraryId, postId)
  return editorsUnderReview(
    rows.map((row) => ({
      kind: row.kind as PostEventKind,
      actorId: row.actor_id,
      details: JSON.parse(row.details) as PostEventDetails,
    })),
  )
}
