import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  InboxChangeEvent,
  InboxCounts,
  InboxItem,
  InboxItemDetail,
  InboxListQuery,
  InboxPage,
  SavedReply,
  inboxNoteSchema,
  inboxReplySchema,
  inboxTagSchema,
  moderationInputSchema,
  moderationRecordSchema,
  presenceSchema,
} from '../../core/schemas/inbox.js'
import { api } from './client.js'

export type InboxTag = z.infer<typeof inboxTagSchema>
export type InboxNote = z.infer<typeof inboxNoteSchema>
export type InboxReply = z.infer<typeof inboxReplySchema>
export type ModerationRecord = z.infer<typeof moderationRecordSchema>
export type ModerationInput = z.infer<typeof moderationInputSchema>
export type Presence = z.infer<typeof presenceSchema>
export type InboxFilters = Omit<InboxListQuery, 'cursor' | 'limit'>
export type InboxPatch = {
  version: number
  state?: InboxItem['state']
  assigneeId?: string | null
  tagIds?: string[]
  flagged?: boolean
}

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/inbox`
const itemPath = (libraryId: string, itemId: string) =>
  `${base(libraryId)}/items/${encodeURIComponent(itemId)}`

/** Every inbox query of a library starts with this key: one invalidation refreshes them all. */
export const inboxKey = (libraryId: string) => ['library', libraryId, 'inbox'] as const
const itemsKey = (libraryId: string) => [...inboxKey(libraryId), 'items'] as const

function listParams(filters: InboxFilters, cursor: string | undefined): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== '') search.set(key, String(value))
  if (cursor) search.set('cursor', cursor)
  search.set('limit', '30')
  return search.toString()
}

/**
 * Open items per state. Under the items' key, so whatever refreshes the list refreshes the
 * counts too; a filter or the next page, which do not change them, do not ask again.
 */
export const inboxCountsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...itemsKey(libraryId), 'counts'],
    queryFn: () => api<InboxCounts>('GET', `${base(libraryId)}/counts`),
  })

/** The items a filter matches, newest first, a page at a time. */
export const inboxItemsQuery = (libraryId: string, filters: InboxFilters) =>
  infiniteQueryOptions({
    queryKey: [...itemsKey(libraryId), filters],
    queryFn: ({ pageParam }) =>
      api<InboxPage>('GET', `${base(libraryId)}/items?${listParams(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const inboxItemQuery = (libraryId: string, itemId: string) =>
  queryOptions({
    queryKey: [...inboxKey(libraryId), 'item', itemId],
    queryFn: () => api<InboxItemDetail>('GET', itemPath(libraryId, itemId)),
  })

export const inboxTagsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...inboxKey(libraryId), 'tags'],
    queryFn: () => api<InboxTag[]>('GET', `${base(libraryId)}/tags`),
    staleTime: 60_000,
  })

export const savedRepliesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...inboxKey(libraryId), 'saved-replies'],
    queryFn: () => api<SavedReply[]>('GET', `${base(libraryId)}/saved-replies`),
    staleTime: 60_000,
  })

/** Who else has the item open, kept apart from the detail so the stream can update it alone. */
export const presenceKey = (libraryId: string, itemId: string) =>
  [...inboxKey(libraryId), 'presence', itemId] as const

export function patchInboxItem(
  libraryId: string,
  itemId: string,
  patch: InboxPatch,
): Promise<InboxItem> {
  return api<InboxItem>('PATCH', itemPath(libraryId, itemId), patch)
}

export function addInboxNote(libraryId: string, itemId: string, body: string): Promise<InboxNote> {
  return api<InboxNote>('POST', `${itemPath(libraryId, itemId)}/notes`, { body })
}

export function sendInboxReply(
  libraryId: string,
  itemId: string,
  input: { version: number; text: string; acknowledgeWarnings?: boolean },
  /** A practice comment: answered through the practice route, open to every writer. */
  practice = false,
): Promise<InboxReply> {
  const path = practice
    ? `/libraries/${encodeURIComponent(libraryId)}/practice/items/${encodeURIComponent(itemId)}/replies`
    : `${itemPath(libraryId, itemId)}/replies`
  return api<InboxReply>('POST', path, input)
}

export function moderateInboxItem(
  libraryId: string,
  itemId: string,
  input: ModerationInput,
): Promise<ModerationRecord> {
  return api<ModerationRecord>('POST', `${itemPath(libraryId, itemId)}/moderation`, input)
}

/** Takes a moderation back on the network (unhide, unblock, unmute). */
export function undoModeration(libraryId: string, itemId: string, actionId: string) {
  return api<{ id: string; state: 'undone'; at: string }>(
    'POST',
    `${itemPath(libraryId, itemId)}/moderation/${encodeURIComponent(actionId)}/undo`,
  )
}

export function sendPresence(
  libraryId: string,
  itemId: string,
  mode: 'viewing' | 'writing' | 'gone',
): Promise<Presence[]> {
  return api<Presence[]>('POST', `${itemPath(libraryId, itemId)}/presence`, { mode })
}

export function undoInboxActivity(libraryId: string, activityId: string): Promise<InboxItem> {
  return api<InboxItem>(
    'POST',
    `${base(libraryId)}/activity/${encodeURIComponent(activityId)}/undo`,
  )
}

/** After a change: the item as the server has it, in the list and the open detail. */
export async function refreshInboxItem(
  queryClient: QueryClient,
  libraryId: string,
  itemId: string,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: itemsKey(libraryId) }),
    queryClient.invalidateQueries({ queryKey: inboxItemQuery(libraryId, itemId).queryKey }),
    queryClient.invalidateQueries({ queryKey: inboxTagsQuery(libraryId).queryKey }),
  ])
}

export type InboxStreamHandlers = {
  onChange: (event: InboxChangeEvent) => void
  onPresence: (event: { itemId: string; presence: Presence[] }) => void
}

/**
 * Listens to the library's inbox stream. The browser's EventSource reconnects
 * by itself after a dropped connection; the caller refreshes what it shows
 * on `onOpen`, since changes made while it was away were not heard.
 */
export function subscribeToInbox(
  libraryId: string,
  handlers: InboxStreamHandlers & { onOpen: () => void },
): () => void {
  const source = new EventSource(`/api/v1${base(libraryId)}/events`, { withCredentials: true })
  const read = (event: MessageEvent<string>): unknown => {
    try {
      return JSON.parse(event.data)
    } catch {
      return undefined
    }
  }
  let opened = false
  source.addEventListener('open', () => {
    // The first open is the page's own load; later ones follow a reconnect.
    if (opened) handlers.onOpen()
    opened = true
  })
  source.addEventListener('change', (event) => {
    const data = read(event) as InboxChangeEvent | undefined
    if (data?.itemId) handlers.onChange(data)
  })
  source.addEventListener('presence', (event) => {
    const data = read(event) as { itemId: string; presence: Presence[] } | undefined
    if (data?.itemId && Array.isArray(data.presence)) handlers.onPresence(data)
  })
  return () => source.close()
}
