import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import type { MetaWebhookService } from '../../services/meta-webhook-service.js'
import type { AppEnv } from '../context.js'
import { errorResponses, jsonResponse } from './json.js'

/** Where Meta's servers call: no session, the app secret's signature instead. */
export function metaWebhookRoutes(
  app: OpenAPIHono<AppEnv>,
  { metaWebhooks }: { metaWebhooks: MetaWebhookService },
) {
  const tags = ['Kanaler / Channels']

  app.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/meta',
      tags,
      summary: "Meta's subscription check: answers hub.challenge when hub.verify_token matches",
      request: {
        query: z.object({
          'hub.mode': z.string().max(40).optional(),
          'hub.verify_token': z.string().max(400).optional(),
          'hub.challenge': z.string().max(400).optional(),
        }),
      },
      responses: {
        200: { description: 'The challenge', content: { 'text/plain': { schema: z.string() } } },
        ...errorResponses([403, 'Not this installation’s verify token']),
      },
    }),
    (c) => {
      const q = c.req.valid('query')
      const challenge = metaWebhooks.verify({
        mode: q['hub.mode'],
        token: q['hub.verify_token'],
        challenge: q['hub.challenge'],
      })
      return c.text(challenge, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/meta',
      tags,
      summary:
        'An event from Meta (comments on a Page, an Instagram account or Threads): the account is read at once',
      responses: {
        200: jsonResponse(z.object({ channels: z.number().int() }), 'Channels to be read now'),
        ...errorResponses([401, 'X-Hub-Signature-256 does not match the app secret']),
      },
    }),
    async (c) => {
      // The signature covers the bytes as sent, so the body is read raw, before any parsing.
      const raw = new Uint8Array(await c.req.arrayBuffer())
      return c.json(await metaWebhooks.receive(raw, c.req.header('x-hub-signature-256')), 200)
    },
  )
}
