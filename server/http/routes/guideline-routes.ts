import type { OpenAPIHono } from '@hono/zod-openapi'
import { channelMixQuerySchema, channelMixSchema } from '../../../core/schemas/channel-mix.js'
import { currentGuidelinePolicySchema } from '../../../core/schemas/guideline-policy.js'
import type { ChannelMixService } from '../../services/channel-mix-service.js'
import type { GuidelinePolicySource } from '../../services/guideline-policy.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonResponse } from './json.js'

export function guidelineRoutes(
  app: OpenAPIHono<AppEnv>,
  { guidelines, channelMix }: { guidelines: GuidelinePolicySource; channelMix: ChannelMixService },
) {
  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/guidelines',
      permission: 'posts.read',
      tags: ['Strategi / Strategy'],
      summary:
        "The guideline policy drafts are checked against: the approved version's rules, or the defaults",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(currentGuidelinePolicySchema, 'The policy in force') },
    }),
    async (c) => c.json(await guidelines.current(accessFor(c, 'posts.read').libraryId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/guidelines/channel-mix',
      permission: 'posts.read',
      tags: ['Strategi / Strategy'],
      summary:
        'The skyltfönster rule per channel: how many of its posts in a period (at most 42 days) only announce, and whether that is more than the policy allows',
      request: { params: libraryParams, query: channelMixQuerySchema },
      responses: {
        200: jsonResponse(
          channelMixSchema,
          'Each channel’s posts, the one-way ones, and the finding',
        ),
        ...errorResponses([400, 'A period that is back to front or longer than six weeks']),
      },
    }),
    async (c) =>
      c.json(
        await channelMix.mix(
          accessFor(c, 'posts.read'),
          c.req.valid('query'),
          c.get('locale') ?? 'sv',
        ),
        200,
      ),
  )
}
