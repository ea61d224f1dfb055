import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  applyPlanSchema,
  campaignDetailSchema,
  campaignSchema,
  createCampaignSchema,
  planTemplateSchema,
  savePlanTemplateSchema,
  updateCampaignSchema,
} from '../../../core/schemas/campaign.js'
import { idSchema } from '../../../core/schemas/index.js'
import type { CampaignService } from '../../services/campaign-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function campaignRoutes(
  app: OpenAPIHono<AppEnv>,
  { campaigns }: { campaigns: CampaignService },
) {
  const tags = ['Kampanjer / Campaigns']
  const campaignParams = libraryParams.extend({ campaignId: idSchema })
  const templateParams = libraryParams.extend({ templateId: idSchema })
  const refused = errorResponses([400, 'A peak in the past, or an unknown channel or person'])

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/campaigns',
      permission: 'campaigns.read',
      tags,
      summary: 'Campaigns, latest peak first, with their progress',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(campaignSchema), 'Campaigns') },
    }),
    async (c) => c.json(await campaigns.list(accessFor(c, 'campaigns.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/campaigns',
      permission: 'campaigns.manage',
      tags,
      summary: "Start a campaign around a peak (a day and time in the library's time zone)",
      request: { params: libraryParams, body: jsonBody(createCampaignSchema) },
      responses: { 201: jsonResponse(campaignDetailSchema, 'Created'), ...refused },
    }),
    async (c) =>
      c.json(await campaigns.create(accessFor(c, 'campaigns.manage'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/campaigns/{campaignId}',
      permission: 'campaigns.read',
      tags,
      summary: 'A campaign with its posts and progress',
      request: { params: campaignParams },
      responses: { 200: jsonResponse(campaignDetailSchema, 'The campaign') },
    }),
    async (c) =>
      c.json(
        await campaigns.get(accessFor(c, 'campaigns.read'), c.req.valid('param').campaignId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/campaigns/{campaignId}',
      permission: 'campaigns.manage',
      tags,
      summary: 'Change a campaign (a new peak must lie ahead)',
      request: { params: campaignParams, body: jsonBody(updateCampaignSchema) },
      responses: { 200: jsonResponse(campaignDetailSchema, 'Saved'), ...refused },
    }),
    async (c) =>
      c.json(
        await campaigns.update(
          accessFor(c, 'campaigns.manage'),
          c.req.valid('param').campaignId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/campaigns/{campaignId}',
      permission: 'campaigns.manage',
      tags,
      summary: 'Delete a campaign; its posts stay, outside any campaign',
      request: { params: campaignParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await campaigns.remove(accessFor(c, 'campaigns.manage'), c.req.valid('param').campaignId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/campaigns/{campaignId}/plan',
      permission: 'campaigns.manage',
      tags,
      summary: 'Make a draft of each slot of a peak plan, each with its owner',
      request: { params: campaignParams, body: jsonBody(applyPlanSchema) },
      responses: { 201: jsonResponse(campaignDetailSchema, 'Drafts made'), ...refused },
    }),
    async (c) =>
      c.json(
        await campaigns.applyPlan(
          accessFor(c, 'campaigns.manage'),
          c.req.valid('param').campaignId,
          c.req.valid('json'),
        ),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/plan-templates',
      permission: 'campaigns.read',
      tags,
      summary: "Peak-plan templates: Torget's own (id null) and the library's",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(planTemplateSchema), 'Templates') },
    }),
    async (c) => c.json(await campaigns.templates(accessFor(c, 'campaigns.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/plan-templates',
      permission: 'campaigns.manage',
      tags,
      summary: 'Save a plan template of the library',
      request: { params: libraryParams, body: jsonBody(savePlanTemplateSchema) },
      responses: { 201: jsonResponse(planTemplateSchema, 'Saved') },
    }),
    async (c) =>
      c.json(
        await campaigns.saveTemplate(accessFor(c, 'campaigns.manage'), c.req.valid('json')),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/plan-templates/{templateId}',
      permission: 'campaigns.manage',
      tags,
      summary: 'Replace a plan template',
      request: { params: templateParams, body: jsonBody(savePlanTemplateSchema) },
      responses: { 200: jsonResponse(planTemplateSchema, 'Saved') },
    }),
    async (c) =>
      c.json(
        await campaigns.updateTemplate(
          accessFor(c, 'campaigns.manage'),
          c.req.valid('param').templateId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/plan-templates/{templateId}',
      permission: 'campaigns.manage',
      tags,
      summary: 'Delete a plan template',
      request: { params: templateParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await campaigns.removeTemplate(
        accessFor(c, 'campaigns.manage'),
        c.req.valid('param').templateId,
      )
      return c.body(null, 204)
    },
  )
}
