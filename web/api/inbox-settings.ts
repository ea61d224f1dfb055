import { queryOptions } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  ResponseTimes,
  SavedReply,
  inboxTagSchema,
  savedReplyInputSchema,
} from '../../core/schemas/inbox.js'
import type { InboxRule, InboxRuleInput } from '../../core/inbox/rule-schema.js'
import { api } from './client.js'

export type InboxTag = z.infer<typeof inboxTagSchema>
export type SavedReplyInput = z.input<typeof savedReplyInputSchema>
/** The § 3 notice (lag 1998:112): what the library writes in its profile and on its website. */
export type InboxNotice = { bio: string; website: string }

const inbox = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/inbox`
const one = (libraryId: string, kind: string, id: string) =>
  `${inbox(libraryId)}/${kind}/${encodeURIComponent(id)}`

/** Every query below starts with this key, so one invalidation refreshes the settings page. */
export const inboxSettingsKey = (libraryId: string) => ['library', libraryId, 'inbox-settings']

export const inboxTagsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...inboxSettingsKey(libraryId), 'tags'],
    queryFn: () => api<InboxTag[]>('GET', `${inbox(libraryId)}/tags`),
  })

/** Answers with every tag, in order. */
export function createTag(libraryId: string, name: string): Promise<InboxTag[]> {
  return api<InboxTag[]>('POST', `${inbox(libraryId)}/tags`, { name })
}

/** Answers with every tag, in order. */
export function renameTag(libraryId: string, tagId: string, name: string): Promise<InboxTag[]> {
  return api<InboxTag[]>('PATCH', one(libraryId, 'tags', tagId), { name })
}

export function deleteTag(libraryId: string, tagId: string): Promise<void> {
  return api<void>('DELETE', one(libraryId, 'tags', tagId))
}

export function reorderTags(libraryId: string, ids: string[]): Promise<InboxTag[]> {
  return api<InboxTag[]>('POST', `${inbox(libraryId)}/tags/reorder`, { ids })
}

export const savedRepliesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...inboxSettingsKey(libraryId), 'saved-replies'],
    queryFn: () => api<SavedReply[]>('GET', `${inbox(libraryId)}/saved-replies`),
  })

export function createSavedReply(libraryId: string, input: SavedReplyInput): Promise<SavedReply> {
  return api<SavedReply>('POST', `${inbox(libraryId)}/saved-replies`, input)
}

export function updateSavedReply(
  libraryId: string,
  id: string,
  input: SavedReplyInput,
): Promise<SavedReply> {
  return api<SavedReply>('PATCH', one(libraryId, 'saved-replies', id), input)
}

export function deleteSavedReply(libraryId: string, id: string): Promise<void> {
  return api<void>('DELETE', one(libraryId, 'saved-replies', id))
}

export const inboxRulesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...inboxSettingsKey(libraryId), 'rules'],
    queryFn: () => api<InboxRule[]>('GET', `${inbox(libraryId)}/rules`),
  })

export function createRule(libraryId: string, input: InboxRuleInput): Promise<InboxRule> {
  return api<InboxRule>('POST', `${inbox(libraryId)}/rules`, input)
}

export function updateRule(
  libraryId: string,
  ruleId: string,
  /** The whole rule: a change replaces it. */
  rule: InboxRuleInput,
): Promise<InboxRule> {
  return api<InboxRule>('PATCH', one(libraryId, 'rules', ruleId), rule)
}

export function deleteRule(libraryId: string, ruleId: string): Promise<void> {
  return api<void>('DELETE', one(libraryId, 'rules', ruleId))
}

export function reorderRules(libraryId: string, ids: string[]): Promise<InboxRule[]> {
  return api<InboxRule[]>('POST', `${inbox(libraryId)}/rules/reorder`, { ids })
}

export const responseTimesQuery = (libraryId: string, weeks: number) =>
  queryOptions({
    queryKey: ['library', libraryId, 'inbox-response-times', weeks],
    queryFn: () => api<ResponseTimes>('GET', `${inbox(libraryId)}/response-times?weeks=${weeks}`),
  })

export const inboxNoticeQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...inboxSettingsKey(libraryId), 'notice'],
    queryFn: () => api<InboxNotice>('GET', `${inbox(libraryId)}/notice`),
  })

/** Moves one entry a step up or down; the list the reorder endpoint is sent. */
export function moved<T extends { id: string }>(list: readonly T[], id: string, step: -1 | 1): T[] {
  const from = list.findIndex((entry) => entry.id === id)
  const to = from + step
  if (from < 0 || to < 0 || to >= list.length) return [...list]
  const next = [...list]
  const [entry] = next.splice(from, 1)
  next.splice(to, 0, entry!)
  return next
}
