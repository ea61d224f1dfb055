import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'
import type { ArchiveEntryKind } from '../../core/archive/entry.js'
import type { ArchiveEntryDetail, ArchivePage } from '../../core/schemas/archive.js'
import type {
  ArchiveRequest,
  ArchiveRequestSummary,
  CreateArchiveRequest,
  CreateMask,
  DecideRequest,
  ReleaseFormat,
} from '../../core/schemas/archive-request.js'
import { api, postForFile } from './client.js'

export interface ArchiveFilters {
  from?: string | undefined
  to?: string | undefined
  channel?: string | undefined
  kind?: ArchiveEntryKind | undefined
  person?: string | undefined
  q?: string | undefined
}

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/archive`

function params(filters: ArchiveFilters, cursor?: string): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value)
  if (cursor) search.set('cursor', cursor)
  return search.toString()
}

/** Archived entries matching the filters, newest first, a page at a time. */
export const archiveSearchQuery = (libraryId: string, filters: ArchiveFilters) =>
  infiniteQueryOptions({
    queryKey: ['library', libraryId, 'archive', 'entries', filters],
    queryFn: ({ pageParam }) =>
      api<ArchivePage>('GET', `${base(libraryId)}/entries?${params(filters, pageParam)}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  })

export const archiveEntryQuery = (libraryId: string, entryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'archive', 'entry', entryId],
    queryFn: () =>
      api<ArchiveEntryDetail>('GET', `${base(libraryId)}/entries/${encodeURIComponent(entryId)}`),
  })

export const archiveRequestsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'archive', 'requests'],
    queryFn: async () =>
      (await api<{ items: ArchiveRequestSummary[] }>('GET', `${base(libraryId)}/requests`)).items,
  })

export const archiveRequestQuery = (libraryId: string, requestId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'archive', 'request', requestId],
    queryFn: () =>
      api<ArchiveRequest>('GET', `${base(libraryId)}/requests/${encodeURIComponent(requestId)}`),
  })

const requestPath = (libraryId: string, requestId: string) =>
  `${base(libraryId)}/requests/${encodeURIComponent(requestId)}`

export const createArchiveRequest = (libraryId: string, input: CreateArchiveRequest) =>
  api<ArchiveRequest>('POST', `${base(libraryId)}/requests`, input)

export const addRequestItems = (libraryId: string, requestId: string, entryIds: string[]) =>
  api<ArchiveRequest>('POST', `${requestPath(libraryId, requestId)}/items`, { entryIds })

export const removeRequestItem = (libraryId: string, requestId: string, entryId: string) =>
  api<ArchiveRequest>(
    'DELETE',
    `${requestPath(libraryId, requestId)}/items/${encodeURIComponent(entryId)}`,
  )

export const addMask = (libraryId: string, requestId: string, mask: CreateMask) =>
  api<ArchiveRequest>('POST', `${requestPath(libraryId, requestId)}/masks`, mask)

export const removeMask = (libraryId: string, requestId: string, maskId: string) =>
  api<ArchiveRequest>(
    'DELETE',
    `${requestPath(libraryId, requestId)}/masks/${encodeURIComponent(maskId)}`,
  )

export const decideRequest = (libraryId: string, requestId: string, decision: DecideRequest) =>
  api<ArchiveRequest>('POST', `${requestPath(libraryId, requestId)}/decision`, decision)

/**
 * Releases the request as a file and hands it to the browser as a download.
 * A POST, since a release is logged: a link the browser might prefetch must not make one.
 */
export async function releaseRequest(
  libraryId: string,
  requestId: string,
  format: ReleaseFormat,
): Promise<void> {
  const { blob, filename } = await postForFile(`${requestPath(libraryId, requestId)}/releases`, {
    format,
  })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename ?? `utlamnande.${format}`
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
