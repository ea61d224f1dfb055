import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  channelSchema,
  connectBlueskySchema,
  connectMastodonSchema,
  idSchema,
} from '../../../core/schemas/index.js'
import type { ChannelService } from '../../services/channel-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function channelRoutes(
  app: OpenAPIHono<AppEnv>,
  { channels }: { channels: ChannelService },
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
}
