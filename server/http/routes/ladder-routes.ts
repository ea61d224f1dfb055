import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  ladderLeadInputSchema,
  ladderOverviewSchema,
  ladderPersonSchema,
  ladderRulesSchema,
  memberCodeSchema,
} from '../../../core/schemas/index.js'
import type { LadderService } from '../../services/ladder/ladder-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

/** Stegen: the engagement ladder. Counts and codes for all; people only with stats.people. */
export function ladderRoutes(app: OpenAPIHono<AppEnv>, { ladder }: { ladder: LadderService }) {
  const tags = ['Statistik / Statistics']
  const memberParams = libraryParams.extend({ memberId: memberCodeSchema })
  const overview = jsonResponse(ladderOverviewSchema, 'The ladder this month and last')
  const person = jsonResponse(ladderPersonSchema, 'The person and what placed them')
  const missing = errorResponses([404, 'No such person on the ladder'])

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/ladder',
      permission: 'stats.read',
      tags,
      summary:
        'How many are on each step this month and last, who moved up and the ambassadors, by code',
      request: { params: libraryParams },
      responses: { 200: overview },
    }),
    async (c) => c.json(await ladder.overview(accessFor(c, 'stats.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/ladder/rebuild',
      permission: 'stats.people',
      tags,
      summary: 'Place everyone again now rather than tonight',
      request: { params: libraryParams },
      responses: { 200: overview },
    }),
    async (c) => c.json(await ladder.rebuildNow(accessFor(c, 'stats.people')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/ladder/rules',
      permission: 'stats.people',
      tags,
      summary: 'Change the window and thresholds; everyone is placed again at once',
      request: { params: libraryParams, body: jsonBody(ladderRulesSchema) },
      responses: { 200: overview },
    }),
    async (c) =>
      c.json(await ladder.saveRules(accessFor(c, 'stats.people'), c.req.valid('json')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/ladder/members/{memberId}',
      permission: 'stats.people',
      tags,
      summary: 'Open a person: their account and the actions that placed them (audit-logged)',
      request: { params: memberParams },
      responses: { 200: person, ...missing },
    }),
    async (c) =>
      c.json(await ladder.person(accessFor(c, 'stats.people'), c.req.valid('param').memberId), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/ladder/members/{memberId}',
      permission: 'stats.people',
      tags,
      summary: 'Mark a person as leading, or no longer (audit-logged)',
      request: { params: memberParams, body: jsonBody(ladderLeadInputSchema) },
      responses: { 200: person, ...missing },
    }),
    async (c) =>
      c.json(
        await ladder.setLead(
          accessFor(c, 'stats.people'),
          c.req.valid('param').memberId,
          c.req.valid('json').lead,
        ),
        200,
      ),
  )
}
