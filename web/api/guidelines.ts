import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import type { ChannelMix } from '../../core/schemas/channel-mix.js'
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

/**
 * Each channel's posts in a period and how many only announce (the
 * skyltfönster rule), leaving out `exclude`: the post being edited, which
 * the composer counts itself as it is written.
 */
export const channelMixQuery = (
  libraryId: string,
  query: { from: string; to: string; channels: string[]; exclude?: string | undefined },
) => {
  const params = new URLSearchParams({ from: query.from, to: query.to })
  if (query.channels.length > 0) params.set('channel', [...query.channels].sort().join(','))
  if (query.exclude) params.set('exclude', query.exclude)
  return queryOptions({
    queryKey: ['library', libraryId, 'channel-mix', params.toString()],
    queryFn: () =>
      api<ChannelMix>(
        'GET',
        `/libraries/${encodeURIComponent(libraryId)}/guidelines/channel-mix?${params}`,
      ),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
}
