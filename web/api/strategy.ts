import { queryOptions } from '@tanstack/react-query'
import type {
  PolicyReader,
  PolicyView,
  PublicLink,
  PublicPolicy,
  StrategyDocument,
  StrategyDraft,
  StrategyOverview,
  StrategyVersion,
  StrategyVersionSummary,
} from '../../core/schemas/strategy.js'
import { api } from './client.js'

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`

export const strategyQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'strategy'],
    queryFn: () => api<StrategyOverview>('GET', `${base(libraryId)}/strategy`),
    // The builder keeps its own copy while editing; a refetch must not replace it underfoot.
    refetchOnWindowFocus: false,
  })

export const versionsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'strategy', 'versions'],
    queryFn: () => api<StrategyVersionSummary[]>('GET', `${base(libraryId)}/strategy/versions`),
  })

export const versionQuery = (libraryId: string, versionId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'strategy', 'versions', versionId],
    queryFn: () =>
      api<StrategyVersion>(
        'GET',
        `${base(libraryId)}/strategy/versions/${encodeURIComponent(versionId)}`,
      ),
    staleTime: Infinity,
  })

export const policyQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'policy'],
    queryFn: () => api<{ policy: PolicyView | null }>('GET', `${base(libraryId)}/policy`),
  })

export const policyReadersQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'policy', 'readers'],
    queryFn: () => api<PolicyReader[]>('GET', `${base(libraryId)}/policy/readers`),
  })

export const publicPolicyQuery = (token: string) =>
  queryOptions({
    queryKey: ['public-policy', token],
    queryFn: () => api<PublicPolicy>('GET', `/public/policies/${encodeURIComponent(token)}`),
    retry: false,
  })

export function saveDraft(
  libraryId: string,
  input: { version: number; document: StrategyDocument },
): Promise<StrategyDraft> {
  return api<StrategyDraft>('PATCH', `${base(libraryId)}/strategy/draft`, input)
}

export function createVersion(
  libraryId: string,
  input: { draftVersion: number; note?: string },
): Promise<StrategyVersionSummary> {
  return api<StrategyVersionSummary>('POST', `${base(libraryId)}/strategy/versions`, input)
}

export function approveVersion(
  libraryId: string,
  versionId: string,
): Promise<StrategyVersionSummary> {
  return api<StrategyVersionSummary>(
    'POST',
    `${base(libraryId)}/strategy/versions/${encodeURIComponent(versionId)}/approve`,
  )
}

export function confirmPolicyRead(libraryId: string, versionId: string) {
  return api<{ readAt: string }>('POST', `${base(libraryId)}/policy/read`, { versionId })
}

export function setPublicLink(libraryId: string, enabled: boolean): Promise<PublicLink> {
  return api<PublicLink>('PATCH', `${base(libraryId)}/policy/public-link`, { enabled })
}

/** Plain links, so the browser downloads the file itself with the session cookie. */
export const policyDownloadUrl = (libraryId: string, format: 'pdf' | 'markdown') =>
  `/api/v1${base(libraryId)}/policy/${format}`
