import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { commentSchema, createCommentSchema, idSchema } from '../../../core/schemas/index.js'
import type { CommentService } from '../../services/comment-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { jsonBody, jsonResponse } from './json.js'

export function commentRoutes(
  app: OpenAPIHono<AppEnv>,
  { comments }: { comments: CommentService },
) {
  const tags = ['Granskning / Review']
  const postParams = libraryParams.extend({ postId: idSchema })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/posts/{postId}/comments',
      permission: 'posts.read',
      tags,
      summary: 'Internal comments on a post, oldest first (never published)',
      request: { params: postParams },
      responses: { 200: jsonResponse(z.array(commentSchema), 'Comments') },
    }),
    async (c) =>
      c.json(await comments.list(accessFor(c, 'posts.read'), c.req.valid('param').postId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/comments',
      permission: 'posts.comment',
      tags,
      summary: 'Comment on a post; @Name mentions a member, who is notified',
      request: { params: postParams, body: jsonBody(createCommentSchema) },
      responses: { 201: jsonResponse(commentSchema, 'Comment added') },
    }),
    async (c) =>
      c.json(
        await comments.add(
          accessFor(c, 'posts.comment'),
          c.req.valid('param').postId,
          c.req.valid('json').text,
        ),
        201,
      ),
  )
}
