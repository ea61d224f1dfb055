import { channelErrorReason } from '../../../core/channel-errors.js'
import {
  NETWORK_CAPABILITIES,
  UNDOABLE_MODERATION,
  isAnswerKind,
  type ModerationAction,
  type Network,
} from '../../../core/channels/networks.js'
import { DomainError } from '../../../core/errors.js'
import { isModerationReason } from '../../../core/inbox/moderation-reasons.js'
import { ChannelError } from '../../adapters/channels/channel-adapter.js'
import type { ModerationRequest, ReplyTarget } from '../../adapters/channels/interactions.js'
import { type Clock, systemClock } from '../../clock.js'
import type { Logger } from '../../logger.js'
import type { StoreOf } from '../../repos/index.js'
import type { SecretBox } from '../../security/secret-box.js'
import { newId } from '../../security/tokens.js'
import type { LibraryAccess } from '../access.js'
import { type Adapters, channelCredentials } from '../channel-service.js'
import type { AutomaticHide } from './inbox-rules.js'
import { recordActivity } from './inbox-service.js'

type ModerationRepos = 'inbox' | 'channels' | 'users'
type ItemRow = NonNullable<Awaited<ReturnType<StoreOf<'inbox'>['repos']['inbox']['find']>>>

/** The item as the adapter needs it to act on the network. */
function targetOf(row: ItemRow): ModerationRequest['target'] {
  return {
    remoteId: row.remote_id,
    author: {
      remoteId: row.author_remote_id,
      handle: row.author_handle,
      displayName: row.author_name,
      profileUrl: row.author_url,
    },
    ...(row.reply_target && { replyTarget: JSON.parse(row.reply_target) as ReplyTarget }),
    ...(row.subject_remote_id && { subjectRemoteId: row.subject_remote_id }),
    ...(row.root_remote_id && { rootRemoteId: row.root_remote_id }),
  }
}

/** Which actions make sense on which kind of item. */
function applies(action: ModerationAction, kind: string): boolean {
  if (action === 'hide_reply' || action === 'delete_comment') return isAnswerKind(kind)
  if (action === 'detach_quote' || action === 'revoke_quote') return kind === 'quote'
  return true
}

/**
 * Removing what the law or the library's rules do not allow, on the network,
 * with a required reason. Before anything is sent the item and its
 * conversation are copied as they are, with who acts, when and why: the copy
 * the law asks a board to keep stays in Torget whatever the network does.
 */
export function moderationService(deps: {
  store: StoreOf<ModerationRepos>
  adapters: Adapters
  box: SecretBox
  logger: Logger
  clock?: Clock
}) {
  const { store, logger } = deps
  const clock = deps.clock ?? systemClock
  const credentials = channelCredentials(deps.box)

  async function carryOut(
    libraryId: string,
    itemId: string,
    input: { action: ModerationAction; reasonCategory: string; reason: string },
    actor: { id: string | null; name: string },
  ) {
    const row = await store.repos.inbox.find(libraryId, itemId)
    if (!row) throw new DomainError('inbox_item_not_found')
    const allowed = NETWORK_CAPABILITIES[row.network as Network]?.moderation ?? []
    if (!allowed.includes(input.action) || !applies(input.action, row.kind))
      throw new DomainError('moderation_not_allowed')
    const channel = await store.repos.channels.find(libraryId, row.channel_id)
    const adapter = channel && deps.adapters[channel.network as keyof Adapters]
    if (!channel || channel.deleted_at || !adapter?.interactions)
      throw new DomainError('inbox_reply_not_possible')
    const now = clock.now().toISOString()
    const id = newId()
    const conversation = await store.repos.inbox.conversation(
      row.channel_id,
      row.root_remote_id ?? row.subject_remote_id ?? row.remote_id,
      100,
    )
    await store.repos.inbox.insertModeration({
      id,
      library_id: libraryId,
      item_id: itemId,
      action: input.action,
      reason_category: input.reasonCategory,
      reason: input.reason,
      actor_id: actor.id,
      actor_name: actor.name,
      state: 'pending',
      error_code: null,
      snapshot: JSON.stringify({ item: row, conversation, at: now }),
      created_at: now,
      done_at: null,
    })
    let errorCode: string | null = null
    try {
      await adapter.interactions.moderate(credentials.open(channel), {
        action: input.action,
        target: targetOf(row),
      })
    } catch (error) {
      errorCode = error instanceof ChannelError ? error.code : 'server_error'
      if (!(error instanceof ChannelError))
        logger.error({ err: error, itemId }, 'moderation failed')
    }
    const done = clock.now().toISOString()
    await store.transaction(async (repos) => {
      await repos.inbox.settleModeration(id, {
        state: errorCode ? 'failed' : 'done',
        error_code: errorCode,
        done_at: errorCode ? null : done,
      })
      await repos.inbox.touch(libraryId, itemId, {
        updated_at: done,
        ...(!errorCode &&
          input.action !== 'block' &&
          input.action !== 'mute' && { moderated_at: done }),
      })
      await recordActivity(repos, {
        libraryId,
        itemId,
        action: errorCode ? 'moderation_failed' : 'moderated',
        actorId: actor.id,
        at: done,
        detail: {
          actionId: id,
          action: input.action,
          reasonCategory: input.reasonCategory,
          code: errorCode,
        },
      })
    })
    return { id, errorCode, at: now }
  }

  return {
    async moderate(
      access: LibraryAccess<'inbox.moderate'>,
      itemId: string,
      input: { action: ModerationAction; reasonCategory: string; reason: string },
    ) {
      if (!isModerationReason(input.reasonCategory))
        throw new DomainError('moderation_reason_unknown')
      const user = await store.repos.users.findById(access.userId)
      const actor = { id: access.userId, name: user?.name ?? '' }
      const result = await carryOut(access.libraryId, itemId, input, actor)
      return {
        id: result.id,
        action: input.action,
        reasonCategory: input.reasonCategory,
        reason: input.reason,
        actor,
        at: result.at,
        state: result.errorCode ? ('failed' as const) : ('done' as const),
        errorCode: result.errorCode,
      }
    },

    /**
     * Takes one action back on the network (unhide, unblock, unmute, reattach). The record
     * and its saved copy stay, marked undone; the archive keeps both the action and its undoing.
     */
    async undo(access: LibraryAccess<'inbox.moderate'>, itemId: string, actionId: string) {
      const record = await store.repos.inbox.findModeration(access.libraryId, actionId)
      if (!record || record.item_id !== itemId) throw new DomainError('moderation_not_found')
      const action = record.action as ModerationAction
      if (record.state !== 'done' || !UNDOABLE_MODERATION.includes(action))
        throw new DomainError('moderation_not_undoable')
      const row = await store.repos.inbox.find(access.libraryId, itemId)
      if (!row) throw new DomainError('inbox_item_not_found')
      const channel = await store.repos.channels.find(access.libraryId, row.channel_id)
      const adapter = channel && deps.adapters[channel.network as keyof Adapters]
      const interactions = adapter?.interactions
      if (!channel || channel.deleted_at || !interactions?.undoModeration)
        throw new DomainError('moderation_not_undoable')
      try {
        await interactions.undoModeration(credentials.open(channel), {
          action,
          target: targetOf(row),
        })
      } catch (error) {
        if (!(error instanceof ChannelError)) throw error
        throw new DomainError(
          'moderation_undo_failed',
          undefined,
          channelErrorReason(channel.network as Network, error.code),
        )
      }
      const at = clock.now().toISOString()
      await store.transaction(async (repos) => {
        await repos.inbox.settleModeration(actionId, {
          state: 'undone',
          error_code: null,
          done_at: record.done_at,
        })
        // The item shows as hidden while any other action on it still stands.
        const standing = (await repos.inbox.moderation(access.libraryId, itemId)).some(
          (m) =>
            m.id !== actionId && m.state === 'done' && m.action !== 'block' && m.action !== 'mute',
        )
        await repos.inbox.touch(access.libraryId, itemId, {
          updated_at: at,
          ...(!standing && { moderated_at: null }),
        })
        await recordActivity(repos, {
          libraryId: access.libraryId,
          itemId,
          action: 'moderation_undone',
          actorId: access.userId,
          at,
          detail: { actionId, action },
        })
      })
      return { id: actionId, state: 'undone' as const, at }
    },

    /** Hides what an automatic rule says to hide; a failure stays on the item for a person to see. */
    async hideAutomatically(libraryId: string, hides: readonly AutomaticHide[]) {
      for (const hide of hides) {
        await carryOut(
          libraryId,
          hide.itemId,
          {
            action: 'hide_reply',
            reasonCategory: 'library_rules',
            reason: `Automatisk regel: ${hide.ruleName}`,
          },
          { id: null, name: `Automatisk regel: ${hide.ruleName}` },
        ).catch((error: unknown) =>
          logger.warn({ err: error, itemId: hide.itemId }, 'automatic hide failed'),
        )
      }
    },
  }
}
export type ModerationService = ReturnType<typeof moderationService>
