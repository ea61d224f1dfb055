import { queryOptions } from '@tanstack/react-query'
import type { Channel } from '../../core/schemas/index.js'
import { api } from './client.js'

const base = (libraryId: string) => `/libraries/${encodeURIComponent(libraryId)}/channels`

export const channelsQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'channels'],
    queryFn: () => api<Channel[]>('GET', base(libraryId)),
  })

export type BlueskyConnection = { identifier: string; appPassword: string; service?: string }
export type MastodonConnection = { instanceUrl: string; accessToken: string }

/** Connecting an account already connected refreshes it (new password, same channel). */
export function connectBluesky(libraryId: string, input: BlueskyConnection): Promise<Channel> {
  return api<Channel>('POST', `${base(libraryId)}/bluesky`, input)
}

export function connectMastodon(libraryId: string, input: MastodonConnection): Promise<Channel> {
  return api<Channel>('POST', `${base(libraryId)}/mastodon`, input)
}

/** Starts the instance's own sign-in; the browser goes there and comes back to Kanaler. */
export function startMastodonSignIn(
  libraryId: string,
  instanceUrl: string,
): Promise<{ authorizeUrl: string }> {
  return api<{ authorizeUrl: string }>('POST', `${base(libraryId)}/mastodon/authorize`, {
    instanceUrl,
  })
}

export function verifyChannel(libraryId: string, channelId: string): Promise<Channel> {
  return api<Channel>('POST', `${base(libraryId)}/${encodeURIComponent(channelId)}/verify`)
}

export function removeChannel(libraryId: string, channelId: string): Promise<void> {
  return api<void>('DELETE', `${base(libraryId)}/${encodeURIComponent(channelId)}`)
}

export type MetaStatus = { facebook: boolean; threads: boolean; unreachable: boolean }
export type MetaPageChoice = {
  pageId: string
  name: string
  instagram: { id: string; username: string | null } | null
}

export const metaStatusQuery = (libraryId: string) =>
  queryOptions({
    queryKey: ['library', libraryId, 'channels', 'meta'],
    queryFn: () => api<MetaStatus>('GET', `${base(libraryId)}/meta`),
  })

/** Starts Meta's consent page; the browser goes there and comes back to Kanaler. */
export function startMetaSignIn(
  libraryId: string,
  kind: 'facebook' | 'threads',
): Promise<{ authorizeUrl: string }> {
  return api<{ authorizeUrl: string }>('POST', `${base(libraryId)}/meta/authorize`, { kind })
}

export function metaPages(libraryId: string, selection: string): Promise<MetaPageChoice[]> {
  return api<MetaPageChoice[]>('POST', `${base(libraryId)}/meta/pages`, { selection })
}

export function connectMetaPage(
  libraryId: string,
  input: { selection: string; pageId: string; facebook: boolean; instagram: boolean },
): Promise<Channel[]> {
  return api<Channel[]>('POST', `${base(libraryId)}/meta/connect`, input)
}
