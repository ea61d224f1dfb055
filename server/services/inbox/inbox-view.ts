import type { Network } from '../../../core/channels/networks.js'
import type { InboxItem, InboxState } from '../../../core/schemas/inbox.js'
import type { Repos } from '../../repos/index.js'

type ItemRow = NonNullable<Awaited<ReturnType<Repos['inbox']['find']>>>
type ListedRow = Awaited<ReturnType<Repos['inbox']['list']>>[number]

interface Subject {
  postId: string
  text: string
  url: string
}

/** Turns item rows into what the API answers, with tags, subjects and authors' history in a few queries. */
export async function toInboxItems(
  repos: Pick<Repos, 'inbox'>,
  libraryId: string,
  rows: readonly ItemRow[],
): Promise<InboxItem[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const withSubject = rows.filter((r) => r.subject_remote_id)
  const [tags, seen, subjects] = await Promise.all([
    repos.inbox.tagsFor(ids),
    repos.inbox.authorCounts(
      libraryId,
      rows.map((r) => r.author_remote_id),
    ),
    repos.inbox.subjects(
      withSubject.map((r) => ({ channelId: r.channel_id, remoteId: r.subject_remote_id! })),
    ),
  ])
  const tagsByItem = Map.groupBy(tags, (t) => t.item_id)
  const subjectByKey = new Map(subjects.map((s) => [`${s.channel_id}\u0000${s.remote_id}`, s]))
  return rows.map((r) => {
    const subject = r.subject_remote_id
      ? subjectByKey.get(`${r.channel_id}\u0000${r.subject_remote_id}`)
      : undefined
    return itemOf(
      r,
      (tagsByItem.get(r.id) ?? []).map((t) => ({ id: t.id, name: t.name })),
      seen.get(r.author_remote_id) ?? 1,
      subject
        ? { postId: subject.post_id, text: subject.text, url: subject.remote_url ?? '' }
        : null,
    )
  })
}

/** A JSON column: PostgreSQL's driver has parsed it already, SQLite's gives the text. */
function json<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null
  return (typeof value === 'string' ? JSON.parse(value) : value) as T
}

/** A page of the inbox list, whose rows carry their tags, subject and author's count (inbox-repo `list`). */
export function toListedItems(rows: readonly ListedRow[]): InboxItem[] {
  return rows.map((r) => {
    const subject = json<[string, string, string | null]>(r.subject)
    return itemOf(
      r,
      (json<[string, string][]>(r.tag_list) ?? []).map(([id, name]) => ({ id, name })),
      Number(r.author_items),
      subject ? { postId: subject[0], text: subject[1], url: subject[2] ?? '' } : null,
    )
  })
}

function itemOf(
  r: ItemRow,
  tags: { id: string; name: string }[],
  authorItems: number,
  subject: Subject | null,
): InboxItem {
  return {
    id: r.id,
    channel: { id: r.channel_id, network: r.network as Network, handle: r.channel_handle },
    kind: r.kind as InboxItem['kind'],
    state: r.state as InboxState,
    author: {
      handle: r.author_handle,
      displayName: r.author_name,
      profileUrl: r.author_url,
      avatarUrl: r.author_avatar,
      // Counts include this item itself.
      seenBefore: Math.max(0, authorItems - 1),
    },
    text: r.text,
    url: r.url,
    createdAt: r.remote_created_at,
    receivedAt: r.received_at,
    editedAt: r.edited_at,
    deletedAt: r.remote_deleted_at,
    moderatedAt: r.moderated_at,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    tags,
    hasQuestion: r.has_question === 1,
    flagged: r.flagged === 1,
    subject,
    dueAt: r.due_at,
    firstResponseAt: r.first_response_at,
    version: r.version,
  }
}
