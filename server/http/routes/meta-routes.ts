import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { DomainError } from '../../../core/errors.js'
import { channelSchema } from '../../../core/schemas/index.js'
import type { MetaConnectService } from '../../services/meta-connect-service.js'
import type { MetaMediaService } from '../../services/meta-media-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

const selectionSchema = z.string().min(20).max(20_000)

/** Facebook Pages, Instagram professional accounts and Threads: Meta's consent page, then a choice. */
export function metaRoutes(
  app: OpenAPIHono<AppEnv>,
  { metaConnect, metaMedia }: { metaConnect: MetaConnectService; metaMedia: MetaMediaService },
) {
  const tags = ['Kanaler / Channels']

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/channels/meta',
      permission: 'channels.read',
      tags,
      summary: 'Whether this installation can connect Facebook, Instagram and Threads',
      request: { params: libraryParams },
      responses: {
        200: jsonResponse(
          z.object({ facebook: z.boolean(), threads: z.boolean(), unreachable: z.boolean() }),
          'What is configured',
        ),
      },
    }),
    (c) => c.json(metaConnect.status(), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/meta/authorize',
      permission: 'channels.manage',
      tags,
      summary: "Start connecting through Meta's consent page (Facebook and Instagram, or Threads)",
      request: {
        params: libraryParams,
        body: jsonBody(z.strictObject({ kind: z.enum(['facebook', 'threads']) })),
      },
      responses: {
        200: jsonResponse(z.object({ authorizeUrl: z.string() }), 'Send the person here'),
        ...errorResponses([400, 'Not configured, or Torget is not reachable from the internet']),
      },
    }),
    (c) =>
      c.json(metaConnect.start(accessFor(c, 'channels.manage'), c.req.valid('json').kind), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/meta/pages',
      permission: 'channels.manage',
      tags,
      summary: 'The Pages (and linked Instagram accounts) offered after consent',
      request: {
        params: libraryParams,
        body: jsonBody(z.strictObject({ selection: selectionSchema })),
      },
      responses: {
        200: jsonResponse(
          z.array(
            z.object({
              pageId: z.string(),
              name: z.string(),
              instagram: z.object({ id: z.string(), username: z.string().nullable() }).nullable(),
            }),
          ),
          'Pages to choose from',
        ),
        ...errorResponses([400, 'The choice has expired']),
      },
    }),
    (c) =>
      c.json(
        metaConnect.pages(accessFor(c, 'channels.manage'), c.req.valid('json').selection),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/meta/connect',
      permission: 'channels.manage',
      tags,
      summary: 'Connect the chosen Page and/or its Instagram account',
      request: {
        params: libraryParams,
        body: jsonBody(
          z.strictObject({
            selection: selectionSchema,
            pageId: z.string().min(1).max(40),
            facebook: z.boolean(),
            instagram: z.boolean(),
          }),
        ),
      },
      responses: {
        201: jsonResponse(z.array(channelSchema), 'Connected'),
        ...errorResponses([400, 'No Instagram account linked, or Meta refused']),
      },
    }),
    async (c) =>
      c.json(await metaConnect.connect(accessFor(c, 'channels.manage'), c.req.valid('json')), 201),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oauth/meta/callback',
      tags,
      summary: 'Where Meta sends the person back; Facebook goes on to the Page choice in Kanaler',
      request: {
        query: z.object({
          code: z.string().max(2000).optional(),
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
      const libraryId = state ? metaConnect.libraryOf(state) : undefined
      const back = libraryId ? `/bibliotek/${libraryId}/kanaler` : '/'
      if (error || !code || !state) return c.redirect(`${back}?meta=avbrutet`, 302)
      try {
        const done = await metaConnect.finish(user.id, state, code)
        // The selection goes in the fragment: browsers do not send it, so no log holds it.
        if (done.selection) return c.redirect(`${back}?meta=valj#urval=${done.selection}`, 302)
        return c.redirect(`${back}?ansluten=${done.channel?.network ?? 'threads'}`, 302)
      } catch (failure) {
        const reason =
          failure instanceof DomainError ? (failure.reason ?? failure.code) : 'internal'
        c.get('log').warn({ err: failure }, 'Meta connection failed')
        return c.redirect(`${back}?meta=fel&orsak=${encodeURIComponent(reason)}`, 302)
      }
    },
  )

  // Meta's servers fetch images here while a post is published; the link itself is the key.
  app.get('/meta-media/:file', async (c) => {
    const image = await metaMedia.open(c.req.param('file'))
    if (!image) return c.body(null, 404)
    return c.body(Buffer.from(image.data), 200, {
      'Content-Type': image.mimeType,
      'Cache-Control': 'private, no-store',
    })
  })
}
