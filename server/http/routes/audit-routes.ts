import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { auditPageSchema, auditQuerySchema } from '../../../core/schemas/audit.js'
import type { AuditService } from '../../services/audit-service.js'
import type { AppContext, AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { requireUser } from '../middleware/session.js'
import { errorResponses, jsonResponse } from './json.js'

function csvResponse(c: AppContext, file: { filename: string; body: string }) {
  c.header('content-type', 'text/csv; charset=utf-8')
  c.header('content-disposition', `attachment; filename="${file.filename}"`)
  c.header('cache-control', 'no-store')
  return c.body(file.body)
}

export function auditRoutes(app: OpenAPIHono<AppEnv>, { audit }: { audit: AuditService }) {
  const tags = ['Granskningslogg / Audit log']
  const csvDoc = { description: 'text/csv (UTF-8 with BOM, semicolons)' }

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/audit',
      permission: 'audit.read',
      tags,
      summary:
        "The library's audit log, newest first: roles, members, invitations, channels, settings, the policy and exports",
      request: { params: libraryParams, query: auditQuerySchema },
      responses: {
        200: jsonResponse(auditPageSchema, 'A page of entries'),
        ...errorResponses([400, 'A period that is back to front']),
      },
    }),
    async (c) => c.json(await audit.list(accessFor(c, 'audit.read'), c.req.valid('query')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/audit/export.csv',
      permission: 'audit.read',
      tags,
      summary: "The library's audit log (the filtered period) as CSV for Excel",
      request: { params: libraryParams, query: auditQuerySchema.omit({ before: true }) },
      responses: { 200: csvDoc, ...errorResponses([400, 'A period that is back to front']) },
    }),
    async (c) =>
      csvResponse(
        c,
        await audit.exportCsv(accessFor(c, 'audit.read'), c.req.valid('query'), c.get('locale')),
      ),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/instance/audit',
      tags,
      summary: 'The instance log (key rotation, administrators), for Torget administrators',
      request: { query: auditQuerySchema },
      responses: {
        200: jsonResponse(auditPageSchema, 'A page of entries'),
        ...errorResponses([401, 'Not signed in'], [403, 'Not a Torget administrator']),
      },
    }),
    async (c) => c.json(await audit.listInstance(requireUser(c), c.req.valid('query')), 200),
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/instance/audit/export.csv',
      tags,
      summary: 'The instance log as CSV, for Torget administrators',
      request: { query: auditQuerySchema.omit({ before: true }) },
      responses: {
        200: csvDoc,
        ...errorResponses([401, 'Not signed in'], [403, 'Not a Torget administrator']),
      },
    }),
    async (c) =>
      csvResponse(
        c,
        await audit.exportInstanceCsv(requireUser(c), c.req.valid('query'), c.get('locale')),
      ),
  )
}
