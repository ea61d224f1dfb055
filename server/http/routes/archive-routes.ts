import fs from 'node:fs'
import { Readable } from 'node:stream'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  archiveEntryDetailSchema,
  archivePageSchema,
  archiveQuerySchema,
} from '../../../core/schemas/archive.js'
import type { ArchiveService } from '../../services/archive/archive-service.js'
import type { ArchiveExportService } from '../../services/archive/export-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

// Checked by the service, so a wrong date gets the period's own message in the member's language.
const exportPeriodSchema = z.object({
  from: z
    .string()
    .max(40)
    .meta({ description: 'First day (YYYY-MM-DD, included)', example: '2025-01-01' }),
  to: z
    .string()
    .max(40)
    .meta({ description: 'Last day (YYYY-MM-DD, included)', example: '2025-12-31' }),
})

export function archiveRoutes(
  app: OpenAPIHono<AppEnv>,
  { archive, archiveExport }: { archive: ArchiveService; archiveExport: ArchiveExportService },
) {
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

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/exports',
      permission: 'archive.manage',
      tags,
      summary:
        "A period's records as a delivery package for the archive authority (FGS Paketstruktur 2.0, one .tar), as a download",
      request: { params: libraryParams, body: jsonBody(exportPeriodSchema) },
      responses: {
        200: {
          description:
            'application/x-tar: the package, every file with its SHA-256 in METS and PREMIS',
        },
        ...errorResponses([400, 'A period that is not two dates in order']),
      },
    }),
    async (c) => {
      const made = await archiveExport.forDownload(
        accessFor(c, 'archive.manage'),
        c.req.valid('json'),
      )
      const stream = fs.createReadStream(made.file)
      // Removed once sent, or once the download is abandoned: the archive keeps the records, not the package.
      stream.once('close', () => void made.remove())
      c.header('content-type', 'application/x-tar')
      c.header('content-length', String(made.result.bytes))
      c.header(
        'content-disposition',
        `attachment; filename="${made.filename}"; filename*=UTF-8''${encodeURIComponent(made.filename)}`,
      )
      c.header('x-package-sha256', made.result.sha256)
      c.header('cache-control', 'no-store')
      return c.body(Readable.toWeb(stream) as ReadableStream, 200)
    },
  )
}
