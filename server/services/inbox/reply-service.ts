import { countText } from '../../../core/composer/count.js'
import { networkLimitsSchema } from '../../../core/composer/limits.js'
import { isBuiltInNetwork } from '../../../core/channels/networks.js'
import { DomainError } from '../../../core/errors.js'
import { can } from '../../../core/roles.js'
import { findPlaceholders } from '../../../core/inbox/placeholders.js'
import type { inboxReplyInputSchema } from '../../../core/schemas/inbox.js'
import type { z } from 'zod'
import { type Clock, systemClock } from '../../clock.js'
import type { StoreOf } from '../../repos/index.js'
import { newPublicationRow } from '../../repos/publications-repo.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import type { Adapters } from '../channel-service.js'
import { assertMeetsGuidelines } from '../guideline-check.js'
import type { GuidelinePolicySource } from '../guideline-policy.js'
import { notify } from '../notification-service.js'
import type { PathService } from '../practice/path-service.js'
import { recordActivity } from './inbox-service.js'
import { placeholderDetails } from './inbox-settings-service.js'

type ReplyRepos =
  'inbox' | 'channels' | 'posts' | 'publications' | 'libraries' | 'memberships' | 'notifications'

/**
 * Answers from the inbox. An answer is a post threaded under the item: the
 * policy checks run on its text, and it is published exactly once by the
 * same machinery as any post (claim, idempotency, look-up before a retry).
 * Sending bumps the item's version, so a colleague answering the same item
 * at the same moment is told, with what was sent, instead of doubling it.
 */
export function replyService(deps: {
  store: StoreOf<ReplyRepos>
  adapters: Adapters
  guidelines: GuidelinePolicySource
  nudge: () => void
  /** Whether a member is new at answering: on the staff path and not yet through its answers. */
  staffPath: Pick<PathService, 'repliesNeedApproval'>
  clock?: Clock
}) {
  const { store } = deps
  const clock = deps.clock ?? systemClock
  return {
    async reply(
      // Practice comments are answered by anyone who writes: nothing there reaches the public.
      access: LibraryAccess<'inbox.answer'> | LibraryAccess<'practice.answer'>,
      itemId: string,
      input: z.infer<typeof inboxReplyInputSchema>,
    ): Promise<{ postId: string; state: string }> {
      const now = clock.now().toISOString()
      const item = await store.repos.inbox.find(access.libraryId, itemId)
      if (!item) throw new DomainError('inbox_item_not_found')
      // A placeholder left in the text (known or not) would be published as it is.
      const leftovers = findPlaceholders(input.text).map((m) => m.name)
      if (leftovers.length)
        throw new DomainError('unknown_placeholder', placeholderDetails([...new Set(leftovers)]))
      const channel = await store.repos.channels.find(access.libraryId, item.channel_id)
      const adapter = channel && deps.adapters[channel.network as keyof Adapters]
      if (!channel || channel.deleted_at || !adapter?.interactions || !item.reply_target)
        throw new DomainError('inbox_reply_not_possible')
      const practice = isBuiltInNetwork(channel.network)
      if (!practice && !can(access.role, 'inbox.answer')) throw new DomainError('practice_only')
      if (channel.health === 'needs_reconnect') throw new DomainError('channel_unusable')
      const limits = networkLimitsSchema.parse(JSON.parse(channel.limits))
      if (!countText(input.text, limits).fits) throw new DomainError('text_too_long')
      const { policy } = await deps.guidelines.current(access.libraryId)
      assertMeetsGuidelines(policy, { text: input.text, variants: {}, images: [] }, [channel])
      const library = await store.repos.libraries.findById(access.libraryId)
      // Practice answers reach no one; an Ansvarig answers for the library. Anyone else waits for a
      // colleague's approval when the library asks it of everyone, or while new on the staff path.
      const review =
        !practice &&
        access.role !== 'admin' &&
        (library?.replies_need_approval === 1 ||
          (await deps.staffPath.repliesNeedApproval(access.libraryId, access.userId)))
      const postId = newId()
      await store.transaction(async (repos) => {
        if (
          !(await repos.inbox.update(access.libraryId, itemId, input.version, {
            updated_at: now,
            ...(!item.assignee_id && { assignee_id: access.userId }),
            ...(item.state === 'new' && { state: 'assigned' }),
          }))
        ) {
          throw new DomainError('inbox_item_changed')
        }
        await repos.posts.insert({
          id: postId,
          library_id: access.libraryId,
          author_id: access.userId,
          text: input.text,
          variants: '{}',
          language: input.language ?? library?.locale ?? 'sv',
          state: review ? 'in_review' : 'scheduled',
          scheduled_at: review ? null : now,
          version: 1,
          planned_at: null,
          assignee_id: null,
          audience: null,
          campaign_id: null,
          approved_by: review ? null : access.userId,
          approved_at: review ? null : now,
          reply_to_item_id: itemId,
          created_at: now,
          updated_at: now,
        })
        await repos.publications.insert(
          newPublicationRow({
            id: newId(),
            libraryId: access.libraryId,
            postId,
            channelId: channel.id,
            state: review ? 'draft' : 'pending',
            dueAt: now,
            now,
          }),
        )
        await recordActivity(repos, {
          libraryId: access.libraryId,
          itemId,
          action: 'reply_queued',
          actorId: access.userId,
          at: now,
          detail: { postId, review },
        })
        if (review) {
          const approvers = (await repos.memberships.listForLibrary(access.libraryId))
            .filter((m) => m.role === 'admin' || m.role === 'editor')
            .map((m) => m.userId)
          await notify(repos, {
            libraryId: access.libraryId,
            postId,
            actorId: access.userId,
            kind: 'review_requested',
            excerpt: input.text.slice(0, 140),
            userIds: approvers,
            at: now,
          })
        }
      })
      if (!review) deps.nudge()
      return { postId, state: review ? 'in_review' : 'scheduled' }
    },
  }
}
export type ReplyService = ReturnType<typeof replyService>
