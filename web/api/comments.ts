import { queryOptions } from '@tanstack/react-query'
import type { Comment } from '../../core/schemas/index.js'
import { api } from './client.js'

const path = (libraryId: string, postId: string) =>
  `/libraries/${encodeURIComponent(libraryId)}/posts/${encodeURIComponent(postId)}/comments`

export const commentsQuery = (libraryId: string, postId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'post', postId, 'comments'],
    queryFn: () => api<Comment[]>('GET', path(libraryId, postId)),
    // Colleagues answer while the page is open.
    refetchInterval: 30_000,
  })

export function addComment(libraryId: string, postId: string, text: string): Promise<Comment> {
  return api<Comment>('POST', path(libraryId, postId), { text })
}
