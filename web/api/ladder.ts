import { queryOptions } from '@tanstack/react-query'
import type { LadderRules } from '../../core/ladder/rules.js'
import type { LadderOverview, LadderPerson } from '../../core/schemas/ladder.js'
import { api } from './client.js'

const ladder = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/ladder`

export const ladderKey = (libraryId: string) => ['library', libraryId, 'ladder']

export const ladderQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ladderKey(libraryId),
    queryFn: () => api<LadderOverview>('GET', ladder(libraryId)),
  })

/** Opening a person is written in the audit log: asked for when someone opens them, never kept. */
export const ladderPersonQuery = (libraryId: string, memberId: string) =>
  queryOptions({
    queryKey: [...ladderKey(libraryId), 'person', memberId],
    queryFn: () =>
      api<LadderPerson>('GET', `${ladder(libraryId)}/members/${encodeURIComponent(memberId)}`),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  })

export function setLead(libraryId: string, memberId: string, lead: boolean) {
  return api<LadderPerson>(
    'PATCH',
    `${ladder(libraryId)}/members/${encodeURIComponent(memberId)}`,
    { lead },
  )
}

export function saveLadderRules(libraryId: string, rules: LadderRules) {
  return api<LadderOverview>('PATCH', `${ladder(libraryId)}/rules`, rules)
}

export function rebuildLadder(libraryId: string) {
  return api<LadderOverview>('POST', `${ladder(libraryId)}/rebuild`)
}
