import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { idSchema } from '../../../core/schemas/index.js'
import {
  addReportRecipientSchema,
  comparisonSchema,
  goalsProgressSchema,
  monthSchema,
  reportRecipientSchema,
  reportSettingsSchema,
  setComparisonSchema,
  testReportSchema,
  testReportSentSchema,
} from '../../../core/schemas/reports.js'
import type { CompareService } from '../../services/reports/compare-service.js'
import type { GoalService } from '../../services/reports/goal-service.js'
import type { ReportFile } from '../../services/reports/report-builder.js'
import type { ReportService } from '../../services/reports/report-service.js'
import type { AppContext, AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { requireUser } from '../middleware/session.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

function inline(c: AppContext, file: ReportFile) {
  c.header('content-type', file.contentType)
  c.header('content-disposition', `inline; filename="${file.filename}"`)
  c.header('cache-control', 'private, no-store')
  return c.body(new Uint8Array(file.body))
}

const monthQuery = z.object({
  month: monthSchema.optional().meta({ description: 'Default: the last whole month' }),
})
const consentSchema = z
  .object({ optedIn: z.boolean(), since: z.string().nullable() })
  .meta({ id: 'ComparisonConsent' })
const notBegun = errorResponses([400, 'A month that has not begun'])
const instanceOnly = errorResponses([401, 'Not signed in'], [403, 'Not a Torget administrator'])

export function reportRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { reports: ReportService; compare: CompareService; goals: GoalService },
) {
  const { reports, compare, goals } = deps
  const tags = ['Rapporter / Reports']
  const recipientParams = libraryParams.extend({ recipientId: idSchema })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/strategy/goals/progress',
      permission: 'strategy.read',
      tags: ['Strategi / Strategy'],
      summary:
        "The goals in force (the draft's until a version is approved), each with where it stands and the forecast",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(goalsProgressSchema, 'Progress') },
    }),
    async (c) =>
      c.json(await goals.forLibrary(accessFor(c, 'strategy.read'), c.get('locale')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/reports/settings',
      permission: 'reports.manage',
      tags,
      summary: "The monthly report's recipients, the last month sent, and the comparison consent",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(reportSettingsSchema, 'Settings') },
    }),
    async (c) => {
      const access = accessFor(c, 'reports.manage')
      const [settings, comparison] = await Promise.all([
        reports.settings(access),
        compare.consent(access),
      ])
      return c.json({ ...settings, comparison }, 200)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/reports/recipients',
      permission: 'reports.manage',
      tags,
      summary: 'Add a recipient of the monthly report (any e-mail address; no account needed)',
      request: { params: libraryParams, body: jsonBody(addReportRecipientSchema) },
      responses: {
        201: jsonResponse(reportRecipientSchema, 'Added'),
        ...errorResponses([409, 'The address already gets the report']),
      },
    }),
    async (c) =>
      c.json(await reports.addRecipient(accessFor(c, 'reports.manage'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/reports/recipients/{recipientId}',
      permission: 'reports.manage',
      tags,
      summary: 'Stop sending the report to a recipient',
      request: { params: recipientParams },
      responses: { 204: { description: 'Removed' }, ...errorResponses([404, 'No such recipient']) },
    }),
    async (c) => {
      await reports.removeRecipient(
        accessFor(c, 'reports.manage'),
        c.req.valid('param').recipientId,
      )
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/reports/recipients/{recipientId}/retry',
      permission: 'reports.manage',
      tags,
      summary: 'Send to an address the mail server refused again, from the next report on',
      request: { params: recipientParams },
      responses: {
        200: jsonResponse(reportRecipientSchema, 'The recipient'),
        ...errorResponses([404, 'No such recipient']),
      },
    }),
    async (c) =>
      c.json(
        await reports.clearBounce(accessFor(c, 'reports.manage'), c.req.valid('param').recipientId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/reports/test',
      permission: 'reports.manage',
      tags,
      summary: 'E-mail the report to yourself now, as recipients get it',
      request: { params: libraryParams, body: jsonBody(testReportSchema) },
      responses: {
        202: jsonResponse(testReportSentSchema, 'Queued'),
        ...notBegun,
        ...errorResponses([409, 'This server cannot send e-mail']),
      },
    }),
    async (c) =>
      c.json(
        await reports.sendTest(accessFor(c, 'reports.manage'), c.req.valid('json').month),
        202,
      ),
  )

  for (const format of ['pdf', 'html'] as const) {
    app.openapi(
      libraryRoute({
        method: 'get',
        path: `/reports/monthly.${format}`,
        permission: 'reports.read',
        tags,
        summary: `The monthly report as ${format.toUpperCase()}`,
        request: { params: libraryParams, query: monthQuery },
        responses: {
          200: { description: format === 'pdf' ? 'application/pdf' : 'text/html' },
          ...notBegun,
        },
      }),
      async (c) =>
        inline(
          c,
          await reports.file(accessFor(c, 'reports.read'), c.req.valid('query').month, format),
        ),
    )
    app.openapi(
      createRoute({
        method: 'get',
        path: `/instance/reports/monthly.${format}`,
        tags,
        summary: `The installation's monthly report (the libraries that compare) as ${format.toUpperCase()}`,
        request: { query: monthQuery },
        responses: {
          200: { description: format === 'pdf' ? 'application/pdf' : 'text/html' },
          ...notBegun,
          ...instanceOnly,
        },
      }),
      async (c) =>
        inline(c, await reports.instanceFile(requireUser(c), c.req.valid('query').month, format)),
    )
  }

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/reports/comparison',
      permission: 'reports.manage',
      tags,
      summary: "Take part in (or leave) the comparison with the installation's other libraries",
      request: { params: libraryParams, body: jsonBody(setComparisonSchema) },
      responses: { 200: jsonResponse(consentSchema, 'The consent') },
    }),
    async (c) =>
      c.json(
        await compare.setConsent(accessFor(c, 'reports.manage'), c.req.valid('json').optedIn),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/stats/comparison',
      permission: 'reports.read',
      tags,
      summary:
        "A month's figures beside the medians of the other consenting libraries (none below three)",
      request: { params: libraryParams, query: monthQuery },
      responses: { 200: jsonResponse(comparisonSchema, 'The comparison'), ...notBegun },
    }),
    async (c) =>
      c.json(await compare.compare(accessFor(c, 'reports.read'), c.req.valid('query').month), 200),
  )

  const instanceRecipientParams = z.object({ recipientId: idSchema })

  app.openapi(
    createRoute({
      method: 'get',
      path: '/instance/reports/settings',
      tags,
      summary: "The installation's report: its recipients and the last month sent",
      responses: { 200: jsonResponse(reportSettingsSchema, 'Settings'), ...instanceOnly },
    }),
    async (c) => c.json(await reports.instanceSettings(requireUser(c)), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/instance/reports/recipients',
      tags,
      summary: "Add a recipient of the installation's monthly report",
      request: { body: jsonBody(addReportRecipientSchema) },
      responses: {
        201: jsonResponse(reportRecipientSchema, 'Added'),
        ...instanceOnly,
        ...errorResponses([409, 'The address already gets the report']),
      },
    }),
    async (c) =>
      c.json(await reports.addInstanceRecipient(requireUser(c), c.req.valid('json')), 201),
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/instance/reports/recipients/{recipientId}',
      tags,
      summary: "Stop sending the installation's report to a recipient",
      request: { params: instanceRecipientParams },
      responses: {
        204: { description: 'Removed' },
        ...instanceOnly,
        ...errorResponses([404, 'No such recipient']),
      },
    }),
    async (c) => {
      await reports.removeInstanceRecipient(requireUser(c), c.req.valid('param').recipientId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/instance/reports/recipients/{recipientId}/retry',
      tags,
      summary: 'Send to a refused address again, from the next report on',
      request: { params: instanceRecipientParams },
      responses: {
        200: jsonResponse(reportRecipientSchema, 'The recipient'),
        ...instanceOnly,
        ...errorResponses([404, 'No such recipient']),
      },
    }),
    async (c) =>
      c.json(
        await reports.clearInstanceBounce(requireUser(c), c.req.valid('param').recipientId),
        200,
      ),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/instance/reports/test',
      tags,
      summary: "E-mail the installation's report to yourself now",
      request: { body: jsonBody(testReportSchema) },
      responses: {
        202: jsonResponse(testReportSentSchema, 'Queued'),
        ...notBegun,
        ...instanceOnly,
        ...errorResponses([409, 'This server cannot send e-mail']),
      },
    }),
    async (c) =>
      c.json(await reports.sendInstanceTest(requireUser(c), c.req.valid('json').month), 202),
  )
}
