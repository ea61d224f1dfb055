import { queryOptions } from '@tanstack/react-query'
import type { Channel, MyPath, PathOverview, PracticeScript } from '../../core/schemas/index.js'
import { api } from './client.js'

const lib = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`

export const pathKey = (libraryId: string) => ['library', libraryId, 'path']

// The path is made of what was done elsewhere (a post published, a comment answered): it is
// read afresh each time Min väg opens, not shown as it stood half a minute ago.
export const myPathQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...pathKey(libraryId), 'mine'],
    queryFn: () => api<MyPath>('GET', `${lib(libraryId)}/path`),
    staleTime: 0,
  })

export const pathOverviewQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...pathKey(libraryId), 'overview'],
    queryFn: () => api<PathOverview>('GET', `${lib(libraryId)}/path/overview`),
    staleTime: 0,
  })

export function inviteStaff(libraryId: string) {
  return api<{ invited: number }>('POST', `${lib(libraryId)}/path/invitations`)
}

export function enablePractice(libraryId: string) {
  return api<Channel>('POST', `${lib(libraryId)}/channels/practice`)
}

export const practiceLinesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: [...pathKey(libraryId), 'lines'],
    queryFn: () => api<PracticeScript[]>('GET', `${lib(libraryId)}/practice/scripts`),
  })

export function addPracticeLine(
  libraryId: string,
  input: { lesson: string; personaName: string; text: string },
) {
  return api<PracticeScript>('POST', `${lib(libraryId)}/practice/scripts`, input)
}

export function removePracticeLine(libraryId: string, id: string) {
  return api<void>('DELETE', `${lib(libraryId)}/practice/scripts/${encodeURIComponent(id)}`)
}
