import type { OpenAPIHono } from '@hono/zod-openapi'
import { localeSchema } from '../../../core/locale.js'
import {
  statsChartSchema,
  statsDashboardSchema,
  statsQuerySchema,
} from '../../../core/schemas/stats.js'
import type { StatsService } from '../../services/stats/stats-service.js'
import type { AppEnv } from '../context.js'
import { jsonWithETag, notModified } from '../etag.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonResponse } from './json.js'

export function statsRoutes(app: OpenAPIHono<AppEnv>, { stats }: { stats: StatsService }) {
  const tags = ['Statistik / Statistics']
  const periodErrors = errorResponses([400, 'A period that is back to front or over twenty years'])

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/stats',
      permission: 'stats.read',
      tags,
      summary:
        "The Statistik page: a period's followers, posts, interactions, engagement, best and weakest posts, campaigns, owned / paid / earned, best time to post and response times",
      request: { params: libraryParams, query: statsQuerySchema },
      responses: {
        200: jsonResponse(statsDashboardSchema, 'The figures of the period'),
        ...notModified,
        ...periodErrors,
      },
    }),
    async (c) =>
      jsonWithETag(
        c,
        await stats.dashboard(accessFor(c, 'stats.read'), c.req.valid('query'), c.get('locale')),
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/stats/csv/{chart}',
      permission: 'stats.read',
      tags,
      summary: "One chart's numbers as CSV for Excel: UTF-8 with BOM, semicolons",
      request: {
        params: libraryParams.extend({ chart: statsChartSchema }),
        // A download link cannot set Accept-Language; the page names the language it shows.
        query: statsQuerySchema.extend({
          lang: localeSchema.optional().meta({ description: 'sv or en; else Accept-Language' }),
        }),
      },
      responses: { 200: { description: 'text/csv' }, ...periodErrors },
    }),
    async (c) => {
      const { lang, ...query } = c.req.valid('query')
      const file = await stats.csv(
        accessFor(c, 'stats.read'),
        query,
        c.req.valid('param').chart,
        lang ?? c.get('locale'),
      )
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="${file.filename}"`)
      c.header('cache-control', 'no-store')
      return c.body(file.body)
    },
  )
}
