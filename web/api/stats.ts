import { queryOptions } from '@tanstack/react-query'
import type { StatsChart, StatsDashboard } from '../../core/schemas/stats.js'
import { api } from './client.js'

/** What the Statistik page shows: a period (the library's days) and the chosen channels (none: all). */
export interface StatsFilters {
  from: string
  to: string
  channels: string[]
}

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/stats`

function params(filters: StatsFilters): string {
  const search = new URLSearchParams({ from: filters.from, to: filters.to })
  if (filters.channels.length) search.set('channel', filters.channels.join(','))
  return search.toString()
}

export const statsQuery = (libraryId: string, filters: StatsFilters) =>
  queryOptions({
    queryKey: ['library', libraryId, 'stats', filters],
    queryFn: () => api<StatsDashboard>('GET', `${base(libraryId)}?${params(filters)}`),
  })

/** One chart's numbers as CSV, in the language the page is shown in. */
export function statsCsvUrl(
  libraryId: string,
  chart: StatsChart,
  filters: StatsFilters,
  lang: string,
): string {
  return `/api/v1${base(libraryId)}/csv/${chart}?${params(filters)}&lang=${lang === 'en' ? 'en' : 'sv'}`
}
