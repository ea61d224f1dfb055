import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { DomainError } from '../../../core/errors.js'
import { z } from 'zod'
import {
  channelSchema,
  connectBlueskySchema,
  connectMastodonSchema,
  idSchema,
} from '../../../core/schemas/index.js'
import type { ChannelService } from '../../services/channel-service.js'
import type { MastodonOAuthService } from '../../services/mastodon-oauth-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function channelRoutes(
  app: OpenAPIHono<AppEnv>,
  { channels, mastodonOAuth }: { channels: ChannelService; mastodonOAuth: MastodonOAuthService },
) {
  const tags = ['Kanaler / Channels']
  const channelParams = libraryParams.extend({ channelId: idSchema })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/channels',
      permission: 'channels.read',
      tags,
      summary: 'Connected channels with health and limits',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(channelSchema), 'Channels') },
    }),
    async (c) => c.json(await channels.list(accessFor(c, 'channels.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/bluesky',
      permission: 'channels.manage',
      tags,
      summary: 'Connect a Bluesky account with its handle and an app password',
      request: { params: libraryParams, body: jsonBody(connectBlueskySchema) },
      responses: {
        201: jsonResponse(channelSchema, 'Connected'),
        ...errorResponses([400, 'The network refused the sign-in']),
      },
    }),
    async (c) => {
      const { identifier, appPassword, service } = c.req.valid('json')
      return c.json(
        await channels.connect(accessFor(c, 'channels.manage'), 'bluesky', {
          identifier,
          appPassword,
          ...(service && { service }),
        }),
        201,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/mastodon',
      permission: 'channels.manage',
      tags,
      summary: 'Connect a Mastodon account with its instance and an access token',
      request: { params: libraryParams, body: jsonBody(connectMastodonSchema) },
      responses: {
        201: jsonResponse(channelSchema, 'Connected'),
        ...errorResponses([400, 'The instance refused the token']),
      },
    }),
    async (c) =>
      c.json(
        await channels.connect(accessFor(c, 'channels.manage'), 'mastodon', c.req.valid('json')),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/{channelId}/verify',
      permission: 'channels.manage',
      tags,
      summary: 'Check the connection now and refresh the limits',
      request: { params: channelParams },
      responses: { 200: jsonResponse(channelSchema, 'Checked') },
    }),
    async (c) =>
      c.json(
        await channels.verify(accessFor(c, 'channels.manage'), c.req.valid('param').channelId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/channels/{channelId}',
      permission: 'channels.manage',
      tags,
      summary: 'Remove a channel; posts waiting for it fail with a clear reason',
      request: { params: channelParams },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await channels.remove(accessFor(c, 'channels.manage'), c.req.valid('param').channelId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/mastodon/authorize',
      permission: 'channels.manage',
      tags,
      summary: "Start connecting Mastodon through the instance's own sign-in page",
      request: {
        params: libraryParams,
        body: jsonBody(z.strictObject({ instanceUrl: z.string().trim().min(3).max(253) })),
      },
      responses: {
        200: jsonResponse(
          z.object({ authorizeUrl: z.string() }),
          'Send the person to this address',
        ),
        ...errorResponses([400, 'The instance cannot be reached']),
      },
    }),
    async (c) =>
      c.json(
        await mastodonOAuth.start(
          accessFor(c, 'channels.manage'),
          c.req.valid('json').instanceUrl,
          c.get('locale'),
        ),
        200,
      ),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oauth/mastodon/callback',
      tags,
      summary:
        'Where Mastodon sends the person back; finishes the connection and returns to Kanaler',
      request: {
        query: z.object({
          code: z.string().max(500).optional(),
          state: z.string().max(2000).optional(),
          error: z.string().max(200).optional(),
        }),
      },
      responses: { 302: { description: 'Back to the channels page' } },
    }),
    async (c) => {
      const user = c.get('user')
      if (!user) return c.redirect('/logga-in', 302)
      const { code, state, error } = c.req.valid('query')
      if (error || !code || !state) return c.redirect('/?mastodon=avbrutet', 302)
      try {
        const { libraryId } = await mastodonOAuth.finish(user.id, state, code)
        return c.redirect(`/bibliotek/${libraryId}/kanaler?ansluten=mastodon`, 302)
      } catch (failure) {
        const reason =
          failure instanceof DomainError ? (failure.reason ?? failure.code) : 'internal'
        c.get('log').warn({ err: failure }, 'Mastodon connection failed')
        const libraryId = mastodonOAuth.libraryOf(state)
        const back = libraryId ? `/bibliotek/${libraryId}/kanaler` : '/'
        return c.redirect(`${back}?mastodon=fel&orsak=${encodeURIComponent(reason)}`, 302)
      }
    },
  )
}
