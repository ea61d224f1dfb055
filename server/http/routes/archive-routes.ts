import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  archiveEntryDetailSchema,
  archivePageSchema,
  archiveQuerySchema,
} from '../../../core/schemas/archive.js'
import type { ArchiveService } from '../../services/archive/archive-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonResponse } from './json.js'

export function archiveRoutes(app: OpenAPIHono<AppEnv>, { archive }: { archive: ArchiveService }) {
  const tags = ['Arkiv / Archive']

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/entries',
      permission: 'archive.read',
      tags,
      summary:
        "The library's public records, newest first: posts as published, items as received, and what befell them",
      request: { params: libraryParams, query: archiveQuerySchema },
      responses: {
        200: jsonResponse(archivePageSchema, 'A page of entries'),
        ...errorResponses([400, 'A period that is back to front']),
      },
    }),
    async (c) =>
      c.json(await archive.list(accessFor(c, 'archive.read'), c.req.valid('query')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/entries/{entryId}',
      permission: 'archive.read',
      tags,
      summary: 'One entry, every entry about the same thing, and its conversation as archived',
      request: { params: libraryParams.extend({ entryId: z.string().min(1).max(64) }) },
      responses: {
        200: jsonResponse(archiveEntryDetailSchema, 'The entry and its context'),
        ...errorResponses([404, 'No such entry in this library']),
      },
    }),
    async (c) =>
      c.json(await archive.get(accessFor(c, 'archive.read'), c.req.valid('param').entryId), 200),
  )
}
