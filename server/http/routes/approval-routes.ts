import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  idSchema,
  postEventSchema,
  postSchema,
  reviewStepSchema,
} from '../../../core/schemas/index.js'
import type { ApprovalService } from '../../services/approval-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function approvalRoutes(
  app: OpenAPIHono<AppEnv>,
  { approval }: { approval: ApprovalService },
) {
  const tags = ['Granskning / Review']
  const postParams = libraryParams.extend({ postId: idSchema })
  const stepResponses = (done: string) => ({
    200: jsonResponse(postSchema, done),
    ...errorResponses(
      [400, 'Something a network or the policy would refuse'],
      [409, 'Changed meanwhile, or not in a state for this step'],
    ),
  })

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/submit',
      permission: 'posts.write',
      tags,
      summary: 'Send a draft for review; Redaktörer and Ansvariga are notified',
      request: { params: postParams, body: jsonBody(reviewStepSchema) },
      responses: stepResponses('In review'),
    }),
    async (c) =>
      c.json(
        await approval.submit(
          accessFor(c, 'posts.write'),
          c.req.valid('param').postId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/approve',
      permission: 'posts.approve',
      tags,
      summary: 'Approve a post as it stands; its author is notified',
      request: { params: postParams, body: jsonBody(reviewStepSchema) },
      responses: stepResponses('Approved'),
    }),
    async (c) =>
      c.json(
        await approval.approve(
          accessFor(c, 'posts.approve'),
          c.req.valid('param').postId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/return',
      permission: 'posts.approve',
      tags,
      summary: 'Send a post back to its writer for changes (a note becomes a comment)',
      request: { params: postParams, body: jsonBody(reviewStepSchema) },
      responses: stepResponses('Back in the drafts'),
    }),
    async (c) =>
      c.json(
        await approval.returnToDraft(
          accessFor(c, 'posts.approve'),
          c.req.valid('param').postId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/posts/{postId}/history',
      permission: 'posts.read',
      tags,
      summary: 'Who changed what and when, oldest first',
      request: { params: postParams },
      responses: { 200: jsonResponse(z.array(postEventSchema), 'History') },
    }),
    async (c) =>
      c.json(await approval.history(accessFor(c, 'posts.read'), c.req.valid('param').postId), 200),
  )
}
