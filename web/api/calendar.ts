import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import type { Calendar, CalendarFeed, CreatedCalendarFeed } from '../../core/schemas/index.js'
import { ApiError, api } from './client.js'

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/calendar`

/** The calendar's filters as the API takes them: lists of ids, states or tags. */
export interface CalendarFilters {
  channel: string[]
  campaign: string[]
  author: string[]
  assignee: string[]
  state: string[]
  tag: string[]
}

export function calendarParams(
  period: { from: string; to: string },
  filters: CalendarFilters,
  perDay?: number,
) {
  const params = new URLSearchParams({ from: period.from, to: period.to })
  if (perDay) params.set('perDay', String(perDay))
  for (const [key, values] of Object.entries(filters) as [keyof CalendarFilters, string[]][])
    if (values.length > 0) params.set(key, values.join(','))
  return params.toString()
}

/** A period's calendar; `perDay` (the month grid) sends only each day's first posts and the counts. */
export const calendarQuery = (
  libraryId: string,
  period: { from: string; to: string },
  filters: CalendarFilters,
  perDay?: number,
) =>
  queryOptions({
    queryKey: ['library', libraryId, 'calendar', calendarParams(period, filters, perDay)],
    queryFn: async () => {
      const calendar = await api<Calendar>(
        'GET',
        `${base(libraryId)}?${calendarParams(period, filters, perDay)}`,
      )
      // The benchmark measures from here: the data has arrived and is parsed.
      performance.mark('calendar-data')
      return calendar
    },
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  })

export function calendarExportUrl(
  libraryId: string,
  period: { from: string; to: string },
  filters: CalendarFilters,
): string {
  return `/api/v1${base(libraryId)}/export.csv?${calendarParams(period, filters)}`
}

export const calendarFeedQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'calendar-feed'],
    queryFn: () => api<CalendarFeed>('GET', `${base(libraryId)}/feed`),
  })

export function createCalendarFeed(libraryId: string): Promise<CreatedCalendarFeed> {
  return api<CreatedCalendarFeed>('POST', `${base(libraryId)}/feed`)
}

export function revokeCalendarFeed(libraryId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/feed`)
}

export type CampaignName = { id: string; name: string }

/**
 * The library's campaigns, for the campaign filter. Campaigns are built
 * separately; until their API answers, there is nothing (and no filter).
 */
export const campaignNamesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'campaign-names'],
    queryFn: async (): Promise<CampaignName[] | null> => {
      try {
        const list = await api<unknown>(
          'GET',
          `/libraries/${encodeURIComponent(libraryId)}/campaigns`,
        )
        if (!Array.isArray(list)) return null
        return list
          .filter(
            (c): c is CampaignName =>
              typeof c === 'object' &&
              c !== null &&
              typeof (c as CampaignName).id === 'string' &&
              typeof (c as CampaignName).name === 'string',
          )
          .map(({ id, name }) => ({ id, name }))
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  })
