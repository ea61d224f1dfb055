import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  type PersonalDataService,
  accountExtractText,
} from '../../services/archive/personal-data-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

const accountSchema = z.strictObject({
  remoteId: z.string().trim().min(1).max(300).optional(),
  handle: z.string().trim().min(1).max(300).optional(),
})
const accountQuerySchema = accountSchema.extend({ format: z.enum(['json', 'text']).optional() })
// The extract's shape is the service's; documented loosely until the Arkiv page settles it.
const extractSchema = z.record(z.string(), z.unknown())

/** Registerutdrag and erasure (GDPR) for a network account and for a member. */
export function personalDataRoutes(
  app: OpenAPIHono<AppEnv>,
  { personalData }: { personalData: PersonalDataService },
) {
  const tags = ['Arkiv / Archive']

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/personal-data/account',
      permission: 'archive.manage',
      tags,
      summary:
        'Registerutdrag for a network account on every channel: JSON, or readable text with format=text',
      request: { params: libraryParams, query: accountQuerySchema },
      responses: {
        200: {
          description: 'The extract',
          content: {
            'application/json': { schema: extractSchema },
            'text/plain': { schema: z.string() },
          },
        },
        ...errorResponses([400, 'Neither id nor handle given']),
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query')
      const extract = await personalData.account(
        accessFor(c, 'archive.manage'),
        query,
        c.get('locale'),
      )
      if (format === 'text')
        return c.text(accountExtractText(extract, c.get('locale')), 200, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Content-Disposition': 'attachment; filename="registerutdrag.txt"',
        })
      return c.json(extract as Record<string, unknown>, 200)
    },
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/personal-data/account/erase',
      permission: 'archive.manage',
      tags,
      summary:
        'Pseudonymises what no archive duty covers (likes, reposts, follows, weeded items); lists what is kept and why',
      request: { params: libraryParams, body: jsonBody(accountSchema) },
      responses: {
        200: jsonResponse(extractSchema, 'What was pseudonymised and what is kept'),
        ...errorResponses([400, 'Neither id nor handle given']),
      },
    }),
    async (c) =>
      c.json(
        (await personalData.eraseAccount(
          accessFor(c, 'archive.manage'),
          c.req.valid('json'),
          c.get('locale'),
        )) as Record<string, unknown>,
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/personal-data/members/{userId}',
      permission: 'archive.manage',
      tags,
      summary: 'Registerutdrag for a member: account, what they wrote and did, records naming them',
      request: { params: libraryParams.extend({ userId: z.string().min(1).max(64) }) },
      responses: {
        200: jsonResponse(extractSchema, 'The extract'),
        ...errorResponses([404, 'Not a member']),
      },
    }),
    async (c) =>
      c.json(
        (await personalData.member(
          accessFor(c, 'archive.manage'),
          c.req.valid('param').userId,
          c.get('locale'),
        )) as Record<string, unknown>,
        200,
      ),
  )
}
