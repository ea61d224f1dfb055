import type { InteractionKind } from '../../../core/channels/networks.js'
import type { Interaction, RemoteAuthor, RemoteMedia } from '../channels/interactions.js'
import { fetchableUrl } from '../../../core/https-url.js'
import {
  profileUrl,
  statusUrl,
  type MastodonNotification,
  type MastodonRemoteAccount,
  type MastodonRemoteStatus,
} from './api.js'
import { htmlToPlainText } from './status-text.js'

/** The notification types Torget reads; `quote` needs Mastodon 4.5, older servers ignore it. */
export const NOTIFICATION_TYPES = ['mention', 'quote', 'favourite', 'reblog', 'follow'] as const

/** Who the library is on its instance, to tell replies to it from other mentions. */
export interface MapContext {
  instanceUrl: string
  accountId: string
}

/**
 * One notification as an interaction, or undefined for a type Torget does not
 * read or one missing what its type needs (a mention without its status).
 * https://docs.joinmastodon.org/entities/Notification/#type
 */
export function fromNotification(
  n: MastodonNotification,
  ctx: MapContext,
): Interaction | undefined {
  const status = n.status ?? undefined
  switch (n.type) {
    case 'mention': {
      if (!status) return undefined
      const answersLibrary =
        !!status.in_reply_to_id && status.in_reply_to_account_id === ctx.accountId
      return fromStatus(status, answersLibrary ? 'reply' : 'mention', ctx, {
        subjectRemoteId: answersLibrary ? (status.in_reply_to_id ?? undefined) : undefined,
      })
    }
    case 'quote': {
      // The status is the quoting post; the library's post is what it quotes.
      if (!status) return undefined
      const quoted = status.quote?.quoted_status?.id ?? status.quote?.quoted_status_id ?? undefined
      return fromStatus(status, 'quote', ctx, { subjectRemoteId: quoted })
    }
    case 'favourite':
    case 'reblog':
      if (!status) return undefined
      return reaction(n, n.type === 'favourite' ? 'like' : 'repost', ctx, status.id)
    case 'follow':
      return reaction(n, 'follow', ctx)
    default:
      return undefined
  }
}

/** Someone else's status as a reply, mention or quote, with what it takes to answer it. */
export function fromStatus(
  status: MastodonRemoteStatus,
  kind: InteractionKind,
  ctx: MapContext,
  about: { subjectRemoteId?: string; rootRemoteId?: string },
): Interaction {
  const interaction: Interaction = {
    kind,
    remoteId: status.id,
    author: remoteAuthor(status.account, ctx.instanceUrl),
    text: statusText(status),
    url: statusUrl(status, ctx.instanceUrl),
    createdAt: status.created_at,
    replyTarget: {
      statusId: status.id,
      visibility: status.visibility,
      acct: status.account.acct,
    },
  }
  if (about.subjectRemoteId) interaction.subjectRemoteId = about.subjectRemoteId
  if (status.in_reply_to_id) interaction.parentRemoteId = status.in_reply_to_id
  if (about.rootRemoteId) interaction.rootRemoteId = about.rootRemoteId
  if (status.edited_at) interaction.editedAt = status.edited_at
  const media = attachments(status)
  if (media.length > 0) interaction.media = media
  return interaction
}

const MEDIA_KINDS: Record<string, RemoteMedia['kind']> = {
  image: 'image',
  gifv: 'video',
  video: 'video',
  audio: 'audio',
}

/** The files on a status; `unknown` ones (the instance could not fetch them) have nothing to copy. */
function attachments(status: MastodonRemoteStatus): RemoteMedia[] {
  return status.media_attachments.flatMap((a) => {
    const kind = MEDIA_KINDS[a.type]
    const url = fetchableUrl(a.url) ?? fetchableUrl(a.remote_url)
    return kind && url ? [{ kind, url, alt: a.description ?? '' }] : []
  })
}

// Likes, reposts and follows have no status of their own: the notification is their record.
function reaction(
  n: MastodonNotification,
  kind: InteractionKind,
  ctx: MapContext,
  subjectRemoteId?: string,
): Interaction {
  const author = remoteAuthor(n.account, ctx.instanceUrl)
  const interaction: Interaction = {
    kind,
    remoteId: n.id,
    author,
    text: '',
    url: kind === 'follow' ? author.profileUrl : '',
    createdAt: n.created_at,
  }
  if (subjectRemoteId) interaction.subjectRemoteId = subjectRemoteId
  return interaction
}

/**
 * An account as Torget shows it. `acct` is relative to the library's instance
 * (bare username for its own users), so a local user's handle takes the host
 * of their profile page.
 */
export function remoteAuthor(account: MastodonRemoteAccount, instanceUrl: string): RemoteAuthor {
  const host = new URL(account.url ?? instanceUrl).host
  const author: RemoteAuthor = {
    remoteId: account.id,
    handle: `@${account.acct.includes('@') ? account.acct : `${account.acct}@${host}`}`,
    displayName: account.display_name || account.username,
    profileUrl: profileUrl(account, new URL(instanceUrl).host),
  }
  if (account.avatar) author.avatarUrl = account.avatar
  return author
}

/** The status as plain text; a content warning, when there is one, as its first paragraph. */
export function statusText(status: Pick<MastodonRemoteStatus, 'content' | 'spoiler_text'>) {
  const body = tidy(htmlToPlainText(status.content))
  const warning = tidy(status.spoiler_text ?? '')
  return warning ? `${warning}\n\n${body}`.trim() : body
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
