import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  createIdeaCommentSchema,
  createIdeaSchema,
  idSchema,
  ideaCommentSchema,
  ideaPhotoQuerySchema,
  ideaSchema,
  ideaToDraftSchema,
  updateIdeaStateSchema,
} from '../../../core/schemas/index.js'
import type { IdeaService } from '../../services/idea-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

/** The path the raw photo upload is posted to; the HTTP app gives it the image body limit. */
export const IDEA_PHOTO_PATH = /\/ideas\/[^/]+\/photo$/

export function ideaRoutes(app: OpenAPIHono<AppEnv>, { ideas }: { ideas: IdeaService }) {
  const tags = ['Idéer / Ideas']
  const ideaParams = libraryParams.extend({ ideaId: idSchema })
  const idea = (description: string) => ({ 200: jsonResponse(ideaSchema, description) })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/ideas',
      permission: 'ideas.read',
      tags,
      summary: 'The idea board, newest first',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(ideaSchema), 'Ideas') },
    }),
    async (c) => c.json(await ideas.list(accessFor(c, 'ideas.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/ideas',
      permission: 'ideas.contribute',
      tags,
      summary: 'Add an idea: a line, and optionally a book, an event and a link',
      request: { params: libraryParams, body: jsonBody(createIdeaSchema) },
      responses: { 201: jsonResponse(ideaSchema, 'Idea added') },
    }),
    async (c) =>
      c.json(await ideas.create(accessFor(c, 'ideas.contribute'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/ideas/{ideaId}',
      permission: 'ideas.read',
      tags,
      summary: 'One idea',
      request: { params: ideaParams },
      responses: idea('The idea'),
    }),
    async (c) =>
      c.json(await ideas.get(accessFor(c, 'ideas.read'), c.req.valid('param').ideaId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/ideas/{ideaId}',
      permission: 'ideas.contribute',
      tags,
      summary:
        'Remove an idea (its owner, or a role that decides over ideas); a draft made of it stays',
      request: { params: ideaParams },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await ideas.remove(accessFor(c, 'ideas.contribute'), c.req.valid('param').ideaId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/posts/{postId}/idea',
      permission: 'ideas.read',
      tags,
      summary: 'The idea a post was made of, or null',
      request: { params: libraryParams.extend({ postId: idSchema }) },
      responses: { 200: jsonResponse(z.object({ idea: ideaSchema.nullable() }), 'The idea') },
    }),
    async (c) =>
      c.json(
        { idea: await ideas.ofPost(accessFor(c, 'ideas.read'), c.req.valid('param').postId) },
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/ideas/{ideaId}/photo',
      permission: 'ideas.contribute',
      tags,
      summary:
        "Set the idea's photo (the raw file as the body: JPEG, PNG or WebP, at most 20 MB) with its alt text; EXIF and GPS are removed",
      request: {
        params: ideaParams,
        query: ideaPhotoQuerySchema,
        body: {
          required: true,
          content: { 'image/*': { schema: z.string().meta({ format: 'binary' }) } },
        },
      },
      responses: {
        ...idea('Photo set'),
        ...errorResponses([413, 'Too large'], [415, 'Not an image']),
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      return c.json(
        await ideas.setPhoto(
          accessFor(c, 'ideas.contribute'),
          c.req.valid('param').ideaId,
          bytes,
          c.req.valid('query').alt,
        ),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/ideas/{ideaId}/photo',
      permission: 'ideas.read',
      tags,
      summary: 'The photo file',
      request: { params: ideaParams },
      responses: { 200: { description: 'The photo' } },
    }),
    async (c) => {
      const photo = await ideas.photo(accessFor(c, 'ideas.read'), c.req.valid('param').ideaId)
      c.header('content-type', photo.mimeType)
      c.header('cache-control', 'private, no-cache')
      return c.body(new Uint8Array(photo.data))
    },
  )

  for (const [method, supported] of [
    ['post', true],
    ['delete', false],
  ] as const)
    app.openapi(
      libraryRoute({
        method,
        path: '/ideas/{ideaId}/support',
        permission: 'ideas.contribute',
        tags,
        summary: supported ? 'Support the idea (once per member)' : 'Take back your support',
        request: { params: ideaParams },
        responses: idea('The idea'),
      }),
      async (c) =>
        c.json(
          await ideas.support(
            accessFor(c, 'ideas.contribute'),
            c.req.valid('param').ideaId,
            supported,
          ),
          200,
        ),
    )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/ideas/{ideaId}/comments',
      permission: 'ideas.read',
      tags,
      summary: "The idea's comments, oldest first",
      request: { params: ideaParams },
      responses: { 200: jsonResponse(z.array(ideaCommentSchema), 'Comments') },
    }),
    async (c) =>
      c.json(await ideas.comments(accessFor(c, 'ideas.read'), c.req.valid('param').ideaId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/ideas/{ideaId}/comments',
      permission: 'ideas.contribute',
      tags,
      summary: 'Comment on the idea',
      request: { params: ideaParams, body: jsonBody(createIdeaCommentSchema) },
      responses: { 201: jsonResponse(z.array(ideaCommentSchema), 'The comments, with yours') },
    }),
    async (c) =>
      c.json(
        await ideas.comment(
          accessFor(c, 'ideas.contribute'),
          c.req.valid('param').ideaId,
          c.req.valid('json').text,
        ),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/ideas/{ideaId}/state',
      permission: 'ideas.manage',
      tags,
      summary: 'Set the state: new, in_progress, used or not_now',
      request: { params: ideaParams, body: jsonBody(updateIdeaStateSchema) },
      responses: idea('Saved'),
    }),
    async (c) =>
      c.json(
        await ideas.setState(
          accessFor(c, 'ideas.manage'),
          c.req.valid('param').ideaId,
          c.req.valid('json').state,
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/ideas/{ideaId}/draft',
      permission: 'posts.write',
      tags,
      summary:
        'Make a draft of the idea (in a campaign, if one is named); its owner is told now and when the post is published. Asked again, answers with the same draft',
      request: { params: ideaParams, body: jsonBody(ideaToDraftSchema) },
      responses: idea('The idea with its draft'),
    }),
    async (c) =>
      c.json(
        await ideas.toDraft(
          accessFor(c, 'posts.write'),
          c.req.valid('param').ideaId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
}
