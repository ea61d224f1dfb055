import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  channelSchema,
  idSchema,
  inboxReplyInputSchema,
  myPathSchema,
  newPracticeScriptSchema,
  pathOverviewSchema,
  postSchema,
  practiceScriptSchema,
  schedulePostSchema,
} from '../../../core/schemas/index.js'
import type { ReplyService } from '../../services/inbox/reply-service.js'
import type { PostService } from '../../services/post-service.js'
import type { PathService } from '../../services/practice/path-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

/** The staff path (Min väg) and Övningskanalen, the practice channel. */
export function pathRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { path: PathService; posts: PostService; replies: ReplyService },
) {
  const tags = ['Min väg / My path']
  const { path } = deps

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/path',
      permission: 'path.read',
      tags,
      summary: 'Your path: each step and when you did it, with lessons from the policy',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(myPathSchema, 'Your path') },
    }),
    async (c) => c.json(await path.mine(accessFor(c, 'path.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/path/overview',
      permission: 'path.manage',
      tags,
      summary: 'Where each member stands on the path',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(pathOverviewSchema, 'Every member') },
    }),
    async (c) => c.json(await path.overview(accessFor(c, 'path.manage')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/path/invitations',
      permission: 'path.manage',
      tags,
      summary: 'Invite every member who has not walked the path (each is told once)',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.object({ invited: z.number().int() }), 'Invited') },
    }),
    async (c) => c.json(await path.inviteAll(accessFor(c, 'path.manage')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/channels/practice',
      permission: 'channels.manage',
      tags: ['Kanaler / Channels'],
      summary: 'Turn on Övningskanalen, the practice channel only members see (one per library)',
      request: { params: libraryParams },
      responses: { 201: jsonResponse(channelSchema, 'Turned on') },
    }),
    async (c) => c.json(await path.enablePractice(accessFor(c, 'channels.manage')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/practice/scripts',
      permission: 'path.read',
      tags,
      summary: "The library's own lines for the practice personas",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(practiceScriptSchema), 'Lines') },
    }),
    async (c) => c.json(await path.scripts(accessFor(c, 'path.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/practice/scripts',
      permission: 'path.manage',
      tags,
      summary: 'Add a line a practice persona says under practice posts',
      request: { params: libraryParams, body: jsonBody(newPracticeScriptSchema) },
      responses: { 201: jsonResponse(practiceScriptSchema, 'Added') },
    }),
    async (c) =>
      c.json(await path.addScript(accessFor(c, 'path.manage'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/practice/scripts/{scriptId}',
      permission: 'path.manage',
      tags,
      summary: 'Remove one of the library’s practice lines',
      request: { params: libraryParams.extend({ scriptId: idSchema }) },
      responses: { 204: { description: 'Removed' }, ...errorResponses([404, 'No such line']) },
    }),
    async (c) => {
      await path.deleteScript(accessFor(c, 'path.manage'), c.req.valid('param').scriptId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/practice/posts/{postId}/schedule',
      permission: 'practice.publish',
      tags,
      summary:
        'Publish your post on Övningskanalen yourself; refused if it names a real channel (checked against the policy like any post)',
      request: {
        params: libraryParams.extend({ postId: idSchema }),
        body: jsonBody(schedulePostSchema),
      },
      responses: {
        200: jsonResponse(postSchema, 'Scheduled'),
        ...errorResponses([403, 'The post names a real channel'], [409, 'Conflict']),
      },
    }),
    async (c) => {
      const { at, version } = c.req.valid('json')
      return c.json(
        await deps.posts.schedule(
          accessFor(c, 'practice.publish'),
          c.req.valid('param').postId,
          new Date(at),
          version,
        ),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/practice/items/{itemId}/replies',
      permission: 'practice.answer',
      tags,
      summary: 'Answer a practice comment (refused for an item on a real channel)',
      request: {
        params: libraryParams.extend({ itemId: idSchema }),
        body: jsonBody(inboxReplyInputSchema),
      },
      responses: {
        201: jsonResponse(z.object({ postId: idSchema, state: z.string() }), 'Sent'),
        ...errorResponses([403, 'Not a practice comment'], [409, 'Changed meanwhile']),
      },
    }),
    async (c) =>
      c.json(
        await deps.replies.reply(
          accessFor(c, 'practice.answer'),
          c.req.valid('param').itemId,
          c.req.valid('json'),
        ),
        201,
      ),
  )
}
