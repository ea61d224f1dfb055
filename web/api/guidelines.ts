import { queryOptions } from '@tanstack/react-query'
import type { CurrentGuidelinePolicy } from '../../core/schemas/guideline-policy.js'
import { api } from './client.js'

/**
 * The policy drafts are checked against: the approved version, or the
 * defaults until the library approves one (`source: 'default'`). The checks
 * themselves run in the browser, on every edit, from this one answer.
 */
export const guidelinesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'guidelines'],
    queryFn: () =>
      api<CurrentGuidelinePolicy>('GET', `/libraries/${encodeURIComponent(libraryId)}/guidelines`),
  })
