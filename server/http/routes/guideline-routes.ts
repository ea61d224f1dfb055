import type { OpenAPIHono } from '@hono/zod-openapi'
import { currentGuidelinePolicySchema } from '../../../core/schemas/guideline-policy.js'
import type { GuidelinePolicySource } from '../../services/guideline-policy.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { jsonResponse } from './json.js'

export function guidelineRoutes(
  app: OpenAPIHono<AppEnv>,
  { guidelines }: { guidelines: GuidelinePolicySource },
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
}
