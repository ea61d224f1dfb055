import { z } from 'zod'
import { channelErrorReason } from '../../core/channel-errors.js'
import { DomainError } from '../../core/errors.js'
import type { Channel } from '../../core/schemas/index.js'
import { ChannelError } from '../adapters/channels/channel-adapter.js'
import type { RegisteredApp } from '../adapters/mastodon/oauth.js'
import type { Store } from '../repos/index.js'
import type { SecretBox } from '../security/secret-box.js'
import { type LibraryAccess, authorize } from './access.js'
import type { ChannelService } from './channel-service.js'

const STATE_TTL_MS = 15 * 60_000
const stateSchema = z.object({
  libraryId: z.string(),
  userId: z.string(),
  instanceUrl: z.string(),
  expiresAt: z.number(),
})

export interface MastodonOAuth {
  registerApp(instanceUrl: string, redirectUri: string): Promise<RegisteredApp>
  authorizeUrl(input: {
    instanceUrl: string
    clientId: string
    redirectUri: string
    state: string
    lang?: string
  }): string
  normalizeInstanceUrl(input: string): string
}

/**
 * Connecting Mastodon the way its users expect: the instance's own consent
 * page. Torget registers itself once per instance; the round trip carries a
 * sealed state naming the library and the person, valid for 15 minutes.
 */
export function mastodonOAuthService(deps: {
  store: Store
  box: SecretBox
  channels: ChannelService
  oauth: MastodonOAuth
  publicUrl: string
}) {
  const { store, box, oauth } = deps
  const redirectUri = `${deps.publicUrl}/api/v1/oauth/mastodon/callback`

  async function app(instanceUrl: string): Promise<RegisteredApp> {
    const stored = await store.repos.mastodonApps.find(instanceUrl, redirectUri)
    if (stored)
      return {
        instanceUrl,
        clientId: stored.client_id,
        clientSecret: box.open(stored.client_secret, instanceUrl),
      }
    const registered = await oauth.registerApp(instanceUrl, redirectUri)
    await store.repos.mastodonApps.insert({
      instance_url: instanceUrl,
      redirect_uri: redirectUri,
      client_id: registered.clientId,
      client_secret: box.seal(registered.clientSecret, instanceUrl),
      created_at: new Date().toISOString(),
    })
    return registered
  }

  const failed = (error: unknown): never => {
    if (error instanceof ChannelError)
      throw new DomainError(
        'channel_connect_failed',
        undefined,
        channelErrorReason('mastodon', error.code),
      )
    throw error
  }

  return {
    async start(
      access: LibraryAccess<'channels.manage'>,
      rawInstanceUrl: string,
      lang: string,
    ): Promise<{ authorizeUrl: string }> {
      let instanceUrl: string
      try {
        instanceUrl = oauth.normalizeInstanceUrl(rawInstanceUrl)
      } catch (error) {
        return failed(error)
      }
      const registered = await app(instanceUrl).catch(failed)
      const state = box.seal(
        JSON.stringify({
          libraryId: access.libraryId,
          userId: access.userId,
          instanceUrl,
          expiresAt: Date.now() + STATE_TTL_MS,
        }),
        'mastodon-oauth',
      )
      return {
        authorizeUrl: oauth.authorizeUrl({
          instanceUrl,
          clientId: registered.clientId,
          redirectUri,
          state,
          lang,
        }),
      }
    },

    /** The library a state was issued for, if it can be read: where to send the person back. */
    libraryOf(sealedState: string): string | undefined {
      try {
        return stateSchema.parse(JSON.parse(box.open(sealedState, 'mastodon-oauth'))).libraryId
      } catch {
        return undefined
      }
    },

    /** Finishes the round trip for the person who started it; returns the library and the channel. */
    async finish(
      userId: string,
      sealedState: string,
      code: string,
    ): Promise<{ libraryId: string; channel: Channel }> {
      let state: z.infer<typeof stateSchema>
      try {
        state = stateSchema.parse(JSON.parse(box.open(sealedState, 'mastodon-oauth')))
      } catch {
        throw new DomainError('channel_connect_failed', undefined, 'auth_failed')
      }
      if (state.userId !== userId || state.expiresAt < Date.now())
        throw new DomainError('channel_connect_failed', undefined, 'auth_failed')
      const access = await authorize(store.repos, userId, state.libraryId, 'channels.manage')
      const registered = await app(state.instanceUrl)
      const channel = await deps.channels.connect(access, 'mastodon', {
        instanceUrl: state.instanceUrl,
        code,
        clientId: registered.clientId,
        clientSecret: registered.clientSecret,
        redirectUri,
      })
      return { libraryId: state.libraryId, channel }
    },
  }
}
export type MastodonOAuthService = ReturnType<typeof mastodonOAuthService>
