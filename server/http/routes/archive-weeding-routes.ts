import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  archiveReportSchema,
  archiveSettingsSchema,
  holdInputSchema,
  holdSchema,
  reportQuerySchema,
  retentionRuleInputSchema,
  retentionRuleSchema,
  weedingDecisionSchema,
  weedingInputSchema,
  weedingPreviewSchema,
} from '../../../core/schemas/archive-weeding.js'
import type { ArchiveReportService } from '../../services/archive/report-service.js'
import type { WeedingService } from '../../services/archive/weeding-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

const id = z.string().min(1).max(64)

const decisionSummarySchema = weedingDecisionSchema.omit({ entries: true, rules: true, note: true })

/** Retention rules, legal holds, weeding decisions and the monthly report. */
export function archiveWeedingRoutes(
  app: OpenAPIHono<AppEnv>,
  { weeding, archiveReport }: { weeding: WeedingService; archiveReport: ArchiveReportService },
) {
  const tags = ['Arkiv / Archive']

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/retention-rules',
      permission: 'archive.read',
      tags,
      summary: 'Retention rules (gallringsregler), retired ones included',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(retentionRuleSchema), 'The rules') },
    }),
    async (c) => c.json(await weeding.rules(accessFor(c, 'archive.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/retention-rules',
      permission: 'archive.manage',
      tags,
      summary: 'Adds a retention rule; where several cover an entry the longest wins',
      request: { params: libraryParams, body: jsonBody(retentionRuleInputSchema) },
      responses: {
        201: jsonResponse(retentionRuleSchema, 'The rule'),
        ...errorResponses([400, 'An unknown channel or tag']),
      },
    }),
    async (c) =>
      c.json(await weeding.createRule(accessFor(c, 'archive.manage'), c.req.valid('json')), 201),
  )
  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/archive/retention-rules/{ruleId}',
      permission: 'archive.manage',
      tags,
      summary: 'Retires a rule (decisions that applied it keep naming it)',
      request: { params: libraryParams.extend({ ruleId: id }) },
      responses: { 204: { description: 'Retired' }, ...errorResponses([404, 'No such rule']) },
    }),
    async (c) => {
      await weeding.retireRule(accessFor(c, 'archive.manage'), c.req.valid('param').ruleId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/holds',
      permission: 'archive.read',
      tags,
      summary: 'Legal holds, lifted ones included',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(holdSchema), 'The holds') },
    }),
    async (c) => c.json(await weeding.holds(accessFor(c, 'archive.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/holds',
      permission: 'archive.manage',
      tags,
      summary: 'Places a legal hold: nothing it covers is weeded until it is lifted',
      request: { params: libraryParams, body: jsonBody(holdInputSchema) },
      responses: {
        201: jsonResponse(holdSchema, 'The hold'),
        ...errorResponses([400, 'A period back to front, or an unknown channel or tag']),
      },
    }),
    async (c) =>
      c.json(await weeding.placeHold(accessFor(c, 'archive.manage'), c.req.valid('json')), 201),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/holds/{holdId}/lift',
      permission: 'archive.manage',
      tags,
      summary: 'Lifts a legal hold (recorded with who and when)',
      request: { params: libraryParams.extend({ holdId: id }) },
      responses: {
        200: jsonResponse(holdSchema, 'The lifted hold'),
        ...errorResponses([404, 'No such hold, or already lifted']),
      },
    }),
    async (c) =>
      c.json(
        await weeding.liftHold(accessFor(c, 'archive.manage'), c.req.valid('param').holdId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/weeding/preview',
      permission: 'archive.manage',
      tags,
      summary: 'What a weeding decision would remove now, and what it holds back and why',
      request: { params: libraryParams, body: jsonBody(weedingInputSchema) },
      responses: {
        200: jsonResponse(weedingPreviewSchema, 'The preview'),
        ...errorResponses([400, 'A period back to front'], [404, 'An unknown or retired rule']),
      },
    }),
    async (c) =>
      c.json(await weeding.preview(accessFor(c, 'archive.manage'), c.req.valid('json')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/archive/weeding/decisions',
      permission: 'archive.manage',
      tags,
      summary: 'Takes a weeding decision (gallringsbeslut) and weeds what it covers, in one step',
      request: { params: libraryParams, body: jsonBody(weedingInputSchema) },
      responses: {
        201: jsonResponse(weedingDecisionSchema, 'The decision with every entry it removed'),
        ...errorResponses(
          [400, 'A period back to front'],
          [404, 'An unknown or retired rule'],
          [409, 'The reference is already used'],
          [422, 'The decision would weed nothing'],
        ),
      },
    }),
    async (c) =>
      c.json(await weeding.execute(accessFor(c, 'archive.manage'), c.req.valid('json')), 201),
  )
  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/weeding/decisions',
      permission: 'archive.read',
      tags,
      summary: 'Weeding decisions, newest first',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(decisionSummarySchema), 'The decisions') },
    }),
    async (c) => c.json(await weeding.decisions(accessFor(c, 'archive.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/weeding/decisions/{decisionId}',
      permission: 'archive.read',
      tags,
      summary: 'A weeding decision and the entries it removed, by id and hash',
      request: { params: libraryParams.extend({ decisionId: id }) },
      responses: {
        200: jsonResponse(weedingDecisionSchema, 'The decision'),
        ...errorResponses([404, 'No such decision']),
      },
    }),
    async (c) =>
      c.json(
        await weeding.decision(accessFor(c, 'archive.read'), c.req.valid('param').decisionId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/report',
      permission: 'archive.read',
      tags,
      summary:
        "A month's archive report: captured, deleted on the network, moderated, released, weeded",
      request: { params: libraryParams, query: reportQuerySchema },
      responses: { 200: jsonResponse(archiveReportSchema, 'The report') },
    }),
    async (c) =>
      c.json(
        await archiveReport.report(accessFor(c, 'archive.read'), c.req.valid('query').month),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/archive/settings',
      permission: 'archive.read',
      tags,
      summary: 'How long likes, reposts and follows are kept before only their counts remain',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(archiveSettingsSchema, 'The settings') },
    }),
    async (c) => c.json(await weeding.settings(accessFor(c, 'archive.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/archive/settings',
      permission: 'archive.manage',
      tags,
      summary: 'Sets how long likes, reposts and follows are kept before only their counts remain',
      request: { params: libraryParams, body: jsonBody(archiveSettingsSchema) },
      responses: { 200: jsonResponse(archiveSettingsSchema, 'The settings') },
    }),
    async (c) =>
      c.json(await weeding.saveSettings(accessFor(c, 'archive.manage'), c.req.valid('json')), 200),
  )
}
