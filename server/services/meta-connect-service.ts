import { z } from 'zod'
import { channelErrorReason } from '../../core/channel-errors.js'
import { DomainError } from '../../core/errors.js'
import type { Channel } from '../../core/schemas/index.js'
import { ChannelError } from '../adapters/channels/channel-adapter.js'
import type { MetaOAuth } from '../adapters/meta/oauth.js'
import type { MetaSettings } from '../adapters/meta/settings.js'
import type { Store } from '../repos/index.js'
import type { SecretBox } from '../security/secret-box.js'
import { type LibraryAccess, authorize } from './access.js'
import type { ChannelService } from './channel-service.js'

const STATE_TTL_MS = 15 * 60_000
const stateSchema = z.object({
  libraryId: z.string(),
  userId: z.string(),
  kind: z.enum(['facebook', 'threads']),
  expiresAt: z.number(),
})
const selectionSchema = z.object({
  libraryId: z.string(),
  userId: z.string(),
  expiresAt: z.number(),
  userToken: z.string(),
  accessExpiresAt: z.string().optional(),
  scopes: z.array(z.string()).optional(),
  pages: z.array(
    z.object({
      pageId: z.string(),
      name: z.string(),
      pageToken: z.string(),
      instagram: z.object({ id: z.string(), username: z.string().optional() }).optional(),
    }),
  ),
})

export interface MetaStatus {
  facebook: boolean
  threads: boolean
  /** Set when Meta could not fetch images from Torget: connecting is refused. */
  unreachable: boolean
}

/**
 * Connecting Facebook Pages, their Instagram professional accounts and Threads
 * through Meta's own consent page. After Facebook's consent the person picks
 * a Page (and its Instagram account): the Pages Meta returned travel to the
 * browser and back sealed (AES-GCM, 15 minutes, bound to the person and the
 * library), so no token is stored before a channel is chosen.
 */
export function metaConnectService(deps: {
  store: Store
  box: SecretBox
  channels: ChannelService
  oauth: MetaOAuth
  settings: MetaSettings
  publicUrl: string
}) {
  const { box, oauth, settings } = deps
  const redirectUri = `${deps.publicUrl}/api/v1/oauth/meta/callback`
  const failed =
    (network: 'facebook' | 'instagram' | 'threads') =>
    (error: unknown): never => {
      if (error instanceof ChannelError)
        throw new DomainError(
          'channel_connect_failed',
          undefined,
          channelErrorReason(network, error.code),
        )
      throw error
    }
  const openSelection = (access: LibraryAccess, sealed: string) => {
    try {
      const s = selectionSchema.parse(JSON.parse(box.open(sealed, 'meta-pages')))
      if (
        s.libraryId === access.libraryId &&
        s.userId === access.userId &&
        s.expiresAt > Date.now()
      )
        return s
    } catch {
      // falls through to the refusal
    }
    throw new DomainError('channel_connect_failed', undefined, 'facebook.auth_failed')
  }

  /**
   * Subscribes the Page to the app's webhooks. Polling reads the comments without it, so a
   * refusal (pages_manage_metadata unticked) does not undo the connection: the cards say so.
   */
  async function subscribe(
    access: LibraryAccess,
    page: { pageId: string; pageToken: string },
    connected: Channel[],
  ) {
    try {
      await oauth.subscribePage(page.pageId, page.pageToken)
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error
      for (const channel of connected)
        if (!channel.healthWarning) {
          await deps.store.repos.channels.update(access.libraryId, channel.id, {
            health_warning: 'webhooks_not_subscribed',
          })
          channel.healthWarning = 'webhooks_not_subscribed'
        }
    }
  }

  return {
    status(): MetaStatus {
      return {
        facebook: Boolean(settings.facebook),
        threads: Boolean(settings.threads),
        unreachable: Boolean(settings.unreachableBecause),
      }
    },

    start(
      access: LibraryAccess<'channels.manage'>,
      kind: 'facebook' | 'threads',
    ): { authorizeUrl: string } {
      if (!settings[kind])
        throw new DomainError('channel_connect_failed', undefined, `${kind}.not_configured`)
      if (settings.unreachableBecause)
        throw new DomainError('channel_connect_failed', undefined, `${kind}.not_publicly_reachable`)
      const state = box.seal(
        JSON.stringify({
          libraryId: access.libraryId,
          userId: access.userId,
          kind,
          expiresAt: Date.now() + STATE_TTL_MS,
        }),
        'meta-oauth',
      )
      return { authorizeUrl: oauth.authorizeUrl(kind, redirectUri, state) }
    },

    libraryOf(sealedState: string): string | undefined {
      try {
        return stateSchema.parse(JSON.parse(box.open(sealedState, 'meta-oauth'))).libraryId
      } catch {
        return undefined
      }
    },

    /**
     * Finishes the consent round trip. Threads connects at once; Facebook
     * answers a sealed selection of Pages for the person to choose from.
     */
    async finish(
      userId: string,
      sealedState: string,
      code: string,
    ): Promise<{ libraryId: string; selection?: string; channel?: Channel }> {
      let state: z.infer<typeof stateSchema>
      try {
        state = stateSchema.parse(JSON.parse(box.open(sealedState, 'meta-oauth')))
      } catch {
        throw new DomainError('channel_connect_failed', undefined, 'facebook.auth_failed')
      }
      if (state.userId !== userId || state.expiresAt < Date.now())
        throw new DomainError('channel_connect_failed', undefined, `${state.kind}.auth_failed`)
      const access = await authorize(deps.store.repos, userId, state.libraryId, 'channels.manage')
      if (state.kind === 'threads') {
        const grant = await oauth.threads(code, redirectUri).catch(failed('threads'))
        const channel = await deps.channels.connect(access, 'threads', {
          threadsUserId: grant.threadsUserId,
          token: grant.token,
          ...(grant.expiresAt && { accessExpiresAt: grant.expiresAt }),
        })
        return { libraryId: state.libraryId, channel }
      }
      const grant = await oauth.facebook(code, redirectUri).catch(failed('facebook'))
      const selection = box.seal(
        JSON.stringify({
          libraryId: state.libraryId,
          userId,
          expiresAt: Date.now() + STATE_TTL_MS,
          userToken: grant.userToken,
          accessExpiresAt: grant.expiresAt,
          scopes: grant.scopes,
          pages: grant.pages,
        } satisfies z.infer<typeof selectionSchema>),
        'meta-pages',
      )
      return { libraryId: state.libraryId, selection }
    },

    /** The Pages a selection offers, without their tokens. */
    pages(access: LibraryAccess<'channels.manage'>, sealed: string) {
      return openSelection(access, sealed).pages.map((p) => ({
        pageId: p.pageId,
        name: p.name,
        instagram: p.instagram
          ? { id: p.instagram.id, username: p.instagram.username ?? null }
          : null,
      }))
    },

    /** Connects the chosen Page and/or its Instagram account as channels. */
    async connect(
      access: LibraryAccess<'channels.manage'>,
      input: { selection: string; pageId: string; facebook: boolean; instagram: boolean },
    ): Promise<Channel[]> {
      const s = openSelection(access, input.selection)
      const page = s.pages.find((p) => p.pageId === input.pageId)
      if (!page) throw new DomainError('channel_not_found')
      if (input.instagram && !page.instagram)
        throw new DomainError('channel_connect_failed', undefined, 'instagram.instagram_not_linked')
      const expiry: Record<string, string> = {
        ...(s.accessExpiresAt && { accessExpiresAt: s.accessExpiresAt }),
        ...(s.scopes && { grantedScopes: s.scopes.join(',') }),
      }
      const connected: Channel[] = []
      if (input.facebook)
        connected.push(
          await deps.channels.connect(access, 'facebook', {
            pageId: page.pageId,
            token: page.pageToken,
            ...expiry,
          }),
        )
      if (input.instagram && page.instagram)
        connected.push(
          await deps.channels.connect(access, 'instagram', {
            igUserId: page.instagram.id,
            pageId: page.pageId,
            token: s.userToken,
            ...expiry,
          }),
        )
      if (settings.webhooks && connected.length > 0) await subscribe(access, page, connected)
      return connected
    },
  }
}
export type MetaConnectService = ReturnType<typeof metaConnectService>
