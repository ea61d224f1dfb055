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

/** Adds one entry to a post's history, in the caller's transaction. */
export async function recordEvent(
  repos: Pick<Repos, 'history'>,
  event: {
    libraryId: string
    postId: string
    actorId: string | null
    kind: PostEventKind
    details?: PostEventDetails
    at: string
  },
): Promise<void> {
  await repos.history.insert({
    id: eventId(),
    library_id: event.libraryId,
    post_id: event.postId,
    actor_id: event.actorId,
    kind: event.kind,
    details: JSON.stringify(event.details ?? {}),
    created_at: event.at,
  })
}
