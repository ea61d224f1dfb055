import { queryOptions } from '@tanstack/react-query'
import type { EventSource, LibraryEvent } from '../../core/schemas/event.js'
import { api, upload } from './client.js'

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}`

export const eventSourcesQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'event-sources'],
    queryFn: () => api<EventSource[]>('GET', `${base(libraryId)}/event-sources`),
  })

/** Upcoming events: from now, four months on. */
export const upcomingEventsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'events', 'upcoming'],
    queryFn: () => api<LibraryEvent[]>('GET', `${base(libraryId)}/events`),
  })

export const eventQuery = (libraryId: string, eventId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'events', eventId],
    queryFn: () =>
      api<LibraryEvent>('GET', `${base(libraryId)}/events/${encodeURIComponent(eventId)}`),
  })

export function addEventFeed(
  libraryId: string,
  input: { url: string; name?: string },
): Promise<EventSource> {
  return api<EventSource>('POST', `${base(libraryId)}/event-sources`, input)
}

export const MAX_ICS_BYTES = 5 * 1024 * 1024

export function uploadEventFile(libraryId: string, file: File): Promise<EventSource> {
  const blob = new Blob([file], { type: 'text/calendar' })
  return upload<EventSource>(
    `${base(libraryId)}/event-sources/upload?name=${encodeURIComponent(file.name)}`,
    blob,
  )
}

export function replaceEventFile(
  libraryId: string,
  sourceId: string,
  file: File,
): Promise<EventSource> {
  const blob = new Blob([file], { type: 'text/calendar' })
  return upload<EventSource>(
    `${base(libraryId)}/event-sources/${encodeURIComponent(sourceId)}/file`,
    blob,
  )
}

export function refreshEventSource(libraryId: string, sourceId: string): Promise<EventSource> {
  return api<EventSource>(
    'POST',
    `${base(libraryId)}/event-sources/${encodeURIComponent(sourceId)}/refresh`,
  )
}

export function removeEventSource(libraryId: string, sourceId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/event-sources/${encodeURIComponent(sourceId)}`)
}
