import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { idSchema } from '../../../core/schemas/index.js'
import {
  confirmPolicyReadSchema,
  createStrategyVersionSchema,
  policyReaderSchema,
  policyViewSchema,
  publicLinkSchema,
  publicPolicySchema,
  saveStrategyDraftSchema,
  setPublicLinkSchema,
  strategyDraftSchema,
  strategyOverviewSchema,
  strategyVersionSchema,
  strategyVersionSummarySchema,
} from '../../../core/schemas/strategy.js'
import type { PolicyFile, PolicyService } from '../../services/policy-service.js'
import type { StrategyService } from '../../services/strategy-service.js'
import type { AppContext, AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

function download(c: AppContext, file: PolicyFile) {
  c.header('content-type', file.contentType)
  c.header('content-disposition', `attachment; filename="${file.filename}"`)
  c.header('cache-control', 'private, no-store')
  return c.body(new Uint8Array(file.body))
}

export function strategyRoutes(
  app: OpenAPIHono<AppEnv>,
  { strategy, policy }: { strategy: StrategyService; policy: PolicyService },
) {
  const tags = ['Strategi / Strategy']
  const versionParams = libraryParams.extend({ versionId: idSchema })
  const conflict = errorResponses([409, 'Someone else saved meanwhile; nothing was overwritten'])

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/strategy',
      permission: 'strategy.read',
      tags,
      summary: 'The draft (starter text until first saved), the approved version, the public link',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(strategyOverviewSchema, 'Strategy') },
    }),
    async (c) => c.json(await strategy.overview(accessFor(c, 'strategy.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/strategy/draft',
      permission: 'strategy.write',
      tags,
      summary: 'Save the whole draft, edited at `version`',
      request: { params: libraryParams, body: jsonBody(saveStrategyDraftSchema) },
      responses: { 200: jsonResponse(strategyDraftSchema, 'Saved'), ...conflict },
    }),
    async (c) =>
      c.json(await strategy.saveDraft(accessFor(c, 'strategy.write'), c.req.valid('json')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/strategy/versions',
      permission: 'strategy.read',
      tags,
      summary: 'The numbered versions, newest first, with who approved them and when',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(strategyVersionSummarySchema), 'Versions') },
    }),
    async (c) => c.json(await strategy.versions(accessFor(c, 'strategy.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/strategy/versions',
      permission: 'strategy.write',
      tags,
      summary: 'Make a numbered version of the saved draft',
      request: { params: libraryParams, body: jsonBody(createStrategyVersionSchema) },
      responses: { 201: jsonResponse(strategyVersionSummarySchema, 'Version'), ...conflict },
    }),
    async (c) =>
      c.json(
        await strategy.createVersion(accessFor(c, 'strategy.write'), c.req.valid('json')),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/strategy/versions/{versionId}',
      permission: 'strategy.read',
      tags,
      summary: 'One version with its document',
      request: { params: versionParams },
      responses: { 200: jsonResponse(strategyVersionSchema, 'Version') },
    }),
    async (c) =>
      c.json(
        await strategy.version(accessFor(c, 'strategy.read'), c.req.valid('param').versionId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/strategy/versions/{versionId}/approve',
      permission: 'strategy.approve',
      tags,
      summary: 'Approve a version: it becomes the policy, and its rules check every draft',
      request: { params: versionParams },
      responses: { 200: jsonResponse(strategyVersionSummarySchema, 'Approved') },
    }),
    async (c) =>
      c.json(
        await strategy.approve(accessFor(c, 'strategy.approve'), c.req.valid('param').versionId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/policy',
      permission: 'strategy.read',
      tags,
      summary: 'The approved policy and when you confirmed it (policy: null before approval)',
      request: { params: libraryParams },
      responses: {
        200: jsonResponse(z.object({ policy: policyViewSchema.nullable() }), 'Policy'),
      },
    }),
    async (c) => c.json({ policy: await policy.view(accessFor(c, 'strategy.read')) }, 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/policy/read',
      permission: 'strategy.read',
      tags,
      summary: 'Confirm you have read and understood the version in force',
      request: { params: libraryParams, body: jsonBody(confirmPolicyReadSchema) },
      responses: {
        200: jsonResponse(z.object({ readAt: z.string() }), 'Confirmed'),
        ...errorResponses([409, 'A newer version is in force']),
      },
    }),
    async (c) =>
      c.json(
        await policy.confirmRead(accessFor(c, 'strategy.read'), c.req.valid('json').versionId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/policy/readers',
      permission: 'strategy.approve',
      tags,
      summary: 'Every member and whether they have confirmed the version in force',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(policyReaderSchema), 'Members') },
    }),
    async (c) => c.json(await policy.readers(accessFor(c, 'strategy.approve')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/policy/public-link',
      permission: 'strategy.approve',
      tags,
      summary: 'Show the approved policy at a public link, or stop showing it',
      request: { params: libraryParams, body: jsonBody(setPublicLinkSchema) },
      responses: { 200: jsonResponse(publicLinkSchema, 'The link') },
    }),
    async (c) =>
      c.json(
        await policy.setPublic(accessFor(c, 'strategy.approve'), c.req.valid('json').enabled),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/policy/markdown',
      permission: 'strategy.read',
      tags,
      summary: 'The approved policy as a Markdown file',
      request: { params: libraryParams },
      responses: { 200: { description: 'text/markdown' } },
    }),
    async (c) => download(c, await policy.markdown(accessFor(c, 'strategy.read'))),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/policy/pdf',
      permission: 'strategy.read',
      tags,
      summary: 'The approved policy as a PDF file',
      request: { params: libraryParams },
      responses: { 200: { description: 'application/pdf' } },
    }),
    async (c) => download(c, await policy.pdf(accessFor(c, 'strategy.read'))),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/public/policies/{token}',
      tags,
      summary: "A library's policy at its public link; no sign-in",
      request: { params: z.object({ token: z.string().min(1).max(200) }) },
      responses: {
        200: jsonResponse(publicPolicySchema, 'Policy'),
        ...errorResponses([404, 'No such link, or the library turned it off']),
      },
    }),
    async (c) => c.json(await policy.publicPolicy(c.req.valid('param').token), 200),
  )
}
