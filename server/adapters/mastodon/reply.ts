import { ChannelError } from '../channels/channel-adapter.js'
import type { ReplyTarget } from '../channels/interactions.js'

/** Mastodon's visibilities, widest first. https://docs.joinmastodon.org/entities/Status/#visibility */
const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const
type Visibility = (typeof VISIBILITIES)[number]

/**
 * What a status answering `target` sends: in_reply_to_id, a visibility never
 * wider than the post answered (a private message stays private), and its
 * author mentioned, without which Mastodon delivers a direct or private answer
 * to nobody and the author is not notified.
 */
export function replyFields(
  text: string,
  target: ReplyTarget | undefined,
): { status: string; visibility: Visibility; in_reply_to_id?: string } {
  if (!target) return { status: text, visibility: 'public' }
  const statusId = target.statusId
  if (!statusId) {
    throw new ChannelError(
      'permanent',
      'invalid_post',
      'The post to answer has no Mastodon status id',
    )
  }
  const acct = target.acct?.replace(/^@/, '')
  return {
    status: acct && !mentions(text, acct) ? `@${acct} ${text}` : text,
    visibility: narrowest(target.visibility),
    in_reply_to_id: statusId,
  }
}

// A visibility Torget does not know (a fork's "limited", or none) is treated as the narrowest.
function narrowest(visibility: string | undefined): Visibility {
  const known = VISIBILITIES.find((v) => v === visibility)
  return known ?? 'direct'
}

/**
 * Whether `text` already mentions `acct` as Mastodon resolves it: `@user` for a
 * user of the library's own instance, `@user@domain` for anyone else. `@user`
 * alone does not mention a remote user, and `@user@other` is not a local one.
 */
export function mentions(text: string, acct: string): boolean {
  const escaped = acct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(^|[^\\w@/])@${escaped}(?![\\w@]|[.-]\\w)`, 'iu').test(text)
}
