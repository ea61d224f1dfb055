import { queryOptions } from '@tanstack/react-query'
import type { z } from 'zod'
import type { createIdeaSchema, Idea, IdeaComment, IdeaState } from '../../core/schemas/index.js'
import { api, upload } from './client.js'

export type NewIdea = z.input<typeof createIdeaSchema>

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/ideas`
const one = (libraryId: string, ideaId: string) =>
  `${base(libraryId)}/${encodeURIComponent(ideaId)}`

export const ideasQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'ideas'],
    queryFn: () => api<Idea[]>('GET', base(libraryId)),
    // Colleagues add and support ideas while the board is open.
    refetchInterval: 60_000,
  })

export const ideaCommentsQuery = (libraryId: string, ideaId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'ideas', ideaId, 'comments'],
    queryFn: () => api<IdeaComment[]>('GET', `${one(libraryId, ideaId)}/comments`),
  })

export const ideaOfPostQuery = (libraryId: string, postId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'ideas', 'of-post', postId],
    queryFn: () =>
      api<{ idea: Idea | null }>(
        'GET',
        `/libraries/${encodeURIComponent(libraryId)}/posts/${encodeURIComponent(postId)}/idea`,
      ),
  })

export function removeIdea(libraryId: string, ideaId: string): Promise<void> {
  return api<void>('DELETE', one(libraryId, ideaId))
}

export function createIdea(libraryId: string, idea: NewIdea): Promise<Idea> {
  return api<Idea>('POST', base(libraryId), idea)
}

export function setIdeaPhoto(
  libraryId: string,
  ideaId: string,
  file: File,
  alt: string,
): Promise<Idea> {
  return upload<Idea>(`${one(libraryId, ideaId)}/photo?alt=${encodeURIComponent(alt)}`, file)
}

/** The photo's address; `version` changes it when the photo is replaced. */
export function ideaPhotoUrl(libraryId: string, ideaId: string): string {
  return `/api/v1${one(libraryId, ideaId)}/photo`
}

export function supportIdea(libraryId: string, ideaId: string, supported: boolean): Promise<Idea> {
  return api<Idea>(supported ? 'POST' : 'DELETE', `${one(libraryId, ideaId)}/support`)
}

export function commentOnIdea(
  libraryId: string,
  ideaId: string,
  text: string,
): Promise<IdeaComment[]> {
  return api<IdeaComment[]>('POST', `${one(libraryId, ideaId)}/comments`, { text })
}

export function setIdeaState(libraryId: string, ideaId: string, state: IdeaState): Promise<Idea> {
  return api<Idea>('POST', `${one(libraryId, ideaId)}/state`, { state })
}

export function ideaToDraft(
  libraryId: string,
  ideaId: string,
  campaignId: string | null,
): Promise<Idea> {
  return api<Idea>('POST', `${one(libraryId, ideaId)}/draft`, { campaignId })
}
