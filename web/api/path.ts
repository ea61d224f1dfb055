import { queryOptions } from '@tanstack/react-query'
import type { Channel, MyPath, PathOverview } from '../../core/schemas/index.js'
import { api } from './client.js'

const lib = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`

export const pathKey = (libraryId: string) => ['library', libraryId, 'path']

export const myPathQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...pathKey(libraryId), 'mine'],
    queryFn: () => api<MyPath>('GET', `${lib(libraryId)}/path`),
  })

export const pathOverviewQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...pathKey(libraryId), 'overview'],
    queryFn: () => api<PathOverview>('GET', `${lib(libraryId)}/path/overview`),
  })

export function inviteStaff(libraryId: string) {
  return api<{ invited: number }>('POST', `${lib(libraryId)}/path/invitations`)
}

export function enablePractice(libraryId: string) {
  return api<Channel>('POST', `${lib(libraryId)}/channels/practice`)
}
