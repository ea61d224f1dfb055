import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  addRequestItemsSchema,
  archiveRequestListSchema,
  archiveRequestSchema,
  createArchiveRequestSchema,
  createMaskSchema,
  decideRequestSchema,
  releaseRequestSchema,
} from '../../../core/schemas/archive-request.js'
import { idSchema } from '../../../core/schemas/index.js'
import type { ArchiveRequestService } from '../../services/archive/request-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

/** Requests for public records (utlämnande): register, collect, mask, release, decide. */
export function archiveRequestRoutes(
  app: OpenAPIHono<AppEnv>,
  { requests }: { requests: ArchiveRequestService },
) {
  const tags = ['Arkiv / Archive']
  const params = libraryParams.extend({ requestId: idSchema })
  const answer = jsonResponse(
    archiveRequestSchema,
    'The request with its records, masks and releases',
  )
  const missing = errorResponses([404, 'No such request in this library'])
  const notOpen = errorResponses([409, 'The request is no longer open'])

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/requests',
      permission: 'archive.read',
      tags,
      summary: 'Requests for public records, newest received first',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(archiveRequestListSchema, 'The requests') },
    }),
    async (c) => c.json({ items: await requests.list(accessFor(c, 'archive.read')) }, 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/requests',
      permission: 'archive.prepare',
      tags,
      summary: 'Registers a request for public records under its diarienummer',
      request: { params: libraryParams, body: jsonBody(createArchiveRequestSchema) },
      responses: {
        201: answer,
        ...errorResponses([409, 'A request with this diarienummer exists']),
      },
    }),
    async (c) =>
      c.json(await requests.create(accessFor(c, 'archive.prepare'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/requests/{requestId}',
      permission: 'archive.read',
      tags,
      summary: 'One request: its records as archived, the masks under review, every release',
      request: { params },
      responses: { 200: answer, ...missing },
    }),
    async (c) =>
      c.json(await requests.get(accessFor(c, 'archive.read'), c.req.valid('param').requestId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/requests/{requestId}/items',
      permission: 'archive.prepare',
      tags,
      summary: 'Adds archive entries to the request',
      request: { params, body: jsonBody(addRequestItemsSchema) },
      responses: { 200: answer, ...missing, ...notOpen },
    }),
    async (c) =>
      c.json(
        await requests.addItems(
          accessFor(c, 'archive.prepare'),
          c.req.valid('param').requestId,
          c.req.valid('json').entryIds,
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/archive/requests/{requestId}/items/{entryId}',
      permission: 'archive.prepare',
      tags,
      summary: 'Takes an entry (and its masks) out of the request',
      request: { params: params.extend({ entryId: z.string().min(1).max(64) }) },
      responses: { 200: answer, ...missing, ...notOpen },
    }),
    async (c) => {
      const { requestId, entryId } = c.req.valid('param')
      return c.json(
        await requests.removeItem(accessFor(c, 'archive.prepare'), requestId, entryId),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/requests/{requestId}/masks',
      permission: 'archive.prepare',
      tags,
      summary: 'Masks part of an entry in the released copy, naming the legal ground',
      request: { params, body: jsonBody(createMaskSchema) },
      responses: {
        200: answer,
        ...missing,
        ...notOpen,
        ...errorResponses([422, 'The entry is not in the request, or the part is not in it']),
      },
    }),
    async (c) =>
      c.json(
        await requests.addMask(
          accessFor(c, 'archive.prepare'),
          c.req.valid('param').requestId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/archive/requests/{requestId}/masks/{maskId}',
      permission: 'archive.prepare',
      tags,
      summary: 'Removes a mask before release',
      request: { params: params.extend({ maskId: idSchema }) },
      responses: { 200: answer, ...missing, ...notOpen },
    }),
    async (c) => {
      const { requestId, maskId } = c.req.valid('param')
      return c.json(
        await requests.removeMask(accessFor(c, 'archive.prepare'), requestId, maskId),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/requests/{requestId}/releases',
      permission: 'archive.release',
      tags,
      summary: 'Releases the records as masked, as a PDF or JSON file, and logs the release',
      request: { params, body: jsonBody(releaseRequestSchema) },
      responses: {
        200: {
          description: 'application/pdf or application/json; X-Release-Id names the log entry',
        },
        ...missing,
        ...errorResponses(
          [409, 'The request is closed or refused'],
          [422, 'The request holds no records'],
        ),
      },
    }),
    async (c) => {
      const file = await requests.release(
        accessFor(c, 'archive.release'),
        c.req.valid('param').requestId,
        c.req.valid('json').format,
      )
      c.header('content-type', file.contentType)
      c.header('content-disposition', `attachment; filename="${file.filename}"`)
      c.header('cache-control', 'private, no-store')
      c.header('x-release-id', file.releaseId)
      return c.body(new Uint8Array(file.body), 200)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/requests/{requestId}/decision',
      permission: 'archive.release',
      tags,
      summary: 'Closes the request, or refuses it with the ground',
      request: { params, body: jsonBody(decideRequestSchema) },
      responses: { 200: answer, ...missing, ...notOpen },
    }),
    async (c) =>
      c.json(
        await requests.decide(
          accessFor(c, 'archive.release'),
          c.req.valid('param').requestId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
}
