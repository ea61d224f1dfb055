import { queryOptions } from '@tanstack/react-query'
import type { Post, PostEvent } from '../../core/schemas/index.js'
import { api } from './client.js'

const one = (libraryId: string, postId: string) =>
  `/libraries/${encodeURIComponent(libraryId)}/posts/${encodeURIComponent(postId)}`

export type ReviewStep = { version: number; note?: string }

/** Sends a draft for review; the Redaktörer and Ansvariga are notified. */
export function submitPost(libraryId: string, postId: string, step: ReviewStep): Promise<Post> {
  return api<Post>('POST', `${one(libraryId, postId)}/submit`, step)
}

export function approvePost(libraryId: string, postId: string, step: ReviewStep): Promise<Post> {
  return api<Post>('POST', `${one(libraryId, postId)}/approve`, step)
}

/** Back to the drafts, with a note to the writer (saved as a comment). */
export function returnPost(libraryId: string, postId: string, step: ReviewStep): Promise<Post> {
  return api<Post>('POST', `${one(libraryId, postId)}/return`, step)
}

export const historyQuery = (libraryId: string, postId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'post', postId, 'history'],
    queryFn: () => api<PostEvent[]>('GET', `${one(libraryId, postId)}/history`),
  })
