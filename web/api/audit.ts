import { infiniteQueryOptions } from '@tanstack/react-query'
import type { AuditAction, AuditPage } from '../../core/schemas/audit.js'
import { api } from './client.js'

export interface AuditFilters {
  from?: string | undefined
  to?: string | undefined
  action?: AuditAction | undefined
}

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/audit`

function params(filters: AuditFilters, before?: string): string {
  const search = new URLSearchParams()
  if (filters.from) search.set('from', filters.from)
  if (filters.to) search.set('to', filters.to)
  if (filters.action) search.set('action', filters.action)
  if (before) search.set('before', before)
  return search.toString()
}

/** The library's audit log, newest first, a page at a time. */
export const auditQuery = (libraryId: string, filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['library', libraryId, 'audit', filters],
    queryFn: ({ pageParam }) =>
      api<AuditPage>('GET', `${base(libraryId)}?${params(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  })

export function auditExportUrl(libraryId: string, filters: AuditFilters): string {
  return `/api/v1${base(libraryId)}/export.csv?${params(filters)}`
}
