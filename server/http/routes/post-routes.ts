import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  createPostSchema,
  idSchema,
  paidBoostSchema,
  postSchema,
  postStateSchema,
  reshapeImageSchema,
  schedulePostSchema,
  updateImageSchema,
  updatePostSchema,
} from '../../../core/schemas/index.js'
import type { PostBoostService } from '../../services/post-boost-service.js'
import type { PostService } from '../../services/post-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function postRoutes(
  app: OpenAPIHono<AppEnv>,
  { posts, boosts }: { posts: PostService; boosts: PostBoostService },
) {
  const tags = ['Inlägg / Posts']
  const postParams = libraryParams.extend({ postId: idSchema })
  const imageParams = postParams.extend({ imageId: idSchema })
  const post = (description: string) => ({ 200: jsonResponse(postSchema, description) })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/posts',
      permission: 'posts.read',
      tags,
      summary: 'Posts, newest first; filter by state (comma-separated)',
      request: { params: libraryParams, query: z.object({ state: z.string().optional() }) },
      responses: { 200: jsonResponse(z.array(postSchema), 'Posts') },
    }),
    async (c) => {
      const raw = c.req.valid('query').state
      const states = raw ? z.array(postStateSchema).safeParse(raw.split(',')) : undefined
      return c.json(
        await posts.list(accessFor(c, 'posts.read'), states?.success ? states.data : undefined),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts',
      permission: 'posts.write',
      tags,
      summary: 'Write a draft',
      request: { params: libraryParams, body: jsonBody(createPostSchema) },
      responses: { 201: jsonResponse(postSchema, 'Draft created') },
    }),
    async (c) => c.json(await posts.create(accessFor(c, 'posts.write'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/posts/{postId}',
      permission: 'posts.read',
      tags,
      summary: 'A post with its status on each channel',
      request: { params: postParams },
      responses: post('The post'),
    }),
    async (c) =>
      c.json(await posts.get(accessFor(c, 'posts.read'), c.req.valid('param').postId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/paid-boost',
      permission: 'posts.write',
      tags,
      summary: 'Mark a post as a paid boost, or not: statistics count it as paid, not owned',
      request: { params: postParams, body: jsonBody(paidBoostSchema) },
      responses: post('Saved'),
    }),
    async (c) =>
      c.json(
        await boosts.setPaidBoost(
          accessFor(c, 'posts.write'),
          c.req.valid('param').postId,
          c.req.valid('json').paid,
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/posts/{postId}',
      permission: 'posts.write',
      tags,
      summary: 'Edit a draft (send the version you edited)',
      request: { params: postParams, body: jsonBody(updatePostSchema) },
      responses: {
        ...post('Saved'),
        ...errorResponses([409, 'Changed by someone else meanwhile, or no longer editable']),
      },
    }),
    async (c) =>
      c.json(
        await posts.update(
          accessFor(c, 'posts.write'),
          c.req.valid('param').postId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/posts/{postId}',
      permission: 'posts.write',
      tags,
      summary:
        'Delete a draft, or withdraw a published post from the networks (Redaktör, Ansvarig)',
      request: { params: postParams },
      responses: { 204: { description: 'Deleted or being withdrawn' } },
    }),
    async (c) => {
      await posts.remove(accessFor(c, 'posts.write'), c.req.valid('param').postId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/schedule',
      permission: 'posts.publish',
      tags,
      summary:
        'Schedule, reschedule, or publish now (a time of now). The post must be approved; scheduling your own post approves it in the same step unless the library requires a second person',
      request: { params: postParams, body: jsonBody(schedulePostSchema) },
      responses: {
        ...post('Scheduled'),
        ...errorResponses(
          [400, 'Something a network would refuse'],
          [403, 'Needs the approval of someone other than the author'],
          [409, 'Conflict, or not approved yet'],
        ),
      },
    }),
    async (c) => {
      const { at, version } = c.req.valid('json')
      return c.json(
        await posts.schedule(
          accessFor(c, 'posts.publish'),
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
      path: '/posts/{postId}/unschedule',
      permission: 'posts.publish',
      tags,
      summary: 'Back to the drafts',
      request: { params: postParams },
      responses: post('Unscheduled'),
    }),
    async (c) =>
      c.json(
        await posts.unschedule(accessFor(c, 'posts.publish'), c.req.valid('param').postId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/images',
      permission: 'posts.write',
      tags,
      summary:
        'Add an image (the raw file as the body: JPEG, PNG or WebP, at most 20 MB); EXIF and GPS are removed',
      request: {
        params: postParams,
        body: {
          required: true,
          content: { 'image/*': { schema: z.string().meta({ format: 'binary' }) } },
        },
      },
      responses: {
        ...post('Image added'),
        ...errorResponses([413, 'Too large'], [415, 'Not an image']),
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      return c.json(
        await posts.addImage(accessFor(c, 'posts.write'), c.req.valid('param').postId, bytes),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/posts/{postId}/images/{imageId}',
      permission: 'posts.read',
      tags,
      summary: 'The image file',
      request: { params: imageParams },
      responses: { 200: { description: 'The image' } },
    }),
    async (c) => {
      const { postId, imageId } = c.req.valid('param')
      const image = await posts.image(accessFor(c, 'posts.read'), postId, imageId)
      c.header('content-type', image.mimeType)
      c.header('cache-control', 'private, max-age=3600')
      return c.body(new Uint8Array(image.data))
    },
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/posts/{postId}/images/{imageId}',
      permission: 'posts.write',
      tags,
      summary: 'Set the alt text',
      request: { params: imageParams, body: jsonBody(updateImageSchema) },
      responses: post('Saved'),
    }),
    async (c) => {
      const { postId, imageId } = c.req.valid('param')
      return c.json(
        await posts.setImageAlt(
          accessFor(c, 'posts.write'),
          postId,
          imageId,
          c.req.valid('json').alt,
        ),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/posts/{postId}/images/{imageId}/reshape',
      permission: 'posts.write',
      tags,
      summary:
        'Pad or crop the image to the nearest shape the chosen channels take (Instagram: 4:5 to 1.91:1); it gets a new id and keeps its alt text',
      request: { params: imageParams, body: jsonBody(reshapeImageSchema) },
      responses: { ...post('Reshaped'), ...errorResponses([409, 'The image fits already']) },
    }),
    async (c) => {
      const { postId, imageId } = c.req.valid('param')
      return c.json(
        await posts.reshapeImage(
          accessFor(c, 'posts.write'),
          postId,
          imageId,
          c.req.valid('json').mode,
        ),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/posts/{postId}/images/{imageId}',
      permission: 'posts.write',
      tags,
      summary: 'Remove an image',
      request: { params: imageParams },
      responses: post('Removed'),
    }),
    async (c) => {
      const { postId, imageId } = c.req.valid('param')
      return c.json(await posts.removeImage(accessFor(c, 'posts.write'), postId, imageId), 200)
    },
  )
}
