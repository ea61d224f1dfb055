import type { InboxItem, InboxItemDetail, InboxState } from '../../../core/schemas/inbox.js'

/** What the person saw when they began: compared with the item as it is when the server says no. */
export type Snapshot = { item: InboxItem; replyIds: string[] }

export type Change =
  | { kind: 'state'; state: InboxState }
  | { kind: 'assignee'; name: string | null }
  | { kind: 'tags'; names: string[] }
  | { kind: 'flagged'; flagged: boolean }
  | { kind: 'reply'; author: string; text: string }
  | { kind: 'moderated' }

export function snapshot(detail: InboxItemDetail): Snapshot {
  return { item: detail.item, replyIds: detail.replies.map((r) => r.postId) }
}

/** What colleagues changed between what the person saw and the item now, in words to show. */
export function changesSince(before: Snapshot, now: InboxItemDetail): Change[] {
  const changes: Change[] = []
  const a = before.item
  const b = now.item
  for (const reply of now.replies)
    if (!before.replyIds.includes(reply.postId))
      changes.push({ kind: 'reply', author: reply.author.name, text: reply.text })
  if (a.state !== b.state) changes.push({ kind: 'state', state: b.state })
  if ((a.assignee?.id ?? null) !== (b.assignee?.id ?? null))
    changes.push({ kind: 'assignee', name: b.assignee?.name ?? null })
  const tagIds = (item: InboxItem) =>
    item.tags
      .map((t) => t.id)
      .sort()
      .join(',')
  if (tagIds(a) !== tagIds(b)) changes.push({ kind: 'tags', names: b.tags.map((t) => t.name) })
  if (a.flagged !== b.flagged) changes.push({ kind: 'flagged', flagged: b.flagged })
  if (!a.moderatedAt && b.moderatedAt) changes.push({ kind: 'moderated' })
  return changes
}

/** Who made the newest change the person did not make, when the activity names them. */
export function lastChangedBy(detail: InboxItemDetail, meId: string): string | undefined {
  const newest = [...detail.activity]
    .sort((x, y) => Date.parse(y.at) - Date.parse(x.at))
    .find((entry) => entry.actor && entry.actor.id !== meId)
  return newest?.actor?.name
}

/** Whether the newest change was the person's own (their tag or note must not stop their reply). */
export function newestIsMine(detail: InboxItemDetail, meId: string): boolean {
  const newest = [...detail.activity].sort((x, y) => Date.parse(y.at) - Date.parse(x.at))[0]
  return newest?.actor?.id === meId
}
