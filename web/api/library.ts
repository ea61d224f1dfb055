import { queryOptions } from '@tanstack/react-query'
import type { Library, Workspace } from '../../core/schemas/index.js'
import { api } from './client.js'

export const workspaceQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'workspace'],
    queryFn: () => api<Workspace>('GET', `/libraries/${encodeURIComponent(libraryId)}/workspace`),
  })

export type LibraryChanges = {
  name?: string
  timeZone?: string
  locale?: 'sv' | 'en'
  requireSecondApprover?: boolean
  repliesNeedApproval?: boolean
}

export function updateLibrary(libraryId: string, changes: LibraryChanges): Promise<Library> {
  return api<Library>('PATCH', `/libraries/${encodeURIComponent(libraryId)}`, changes)
}

export function createLibrary(input: {
  name: string
  timeZone: string
  locale: 'sv' | 'en'
}): Promise<Library> {
  return api<Library>('POST', '/libraries', input)
}
