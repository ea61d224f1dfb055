import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  calendarExportQuerySchema,
  calendarFeedSchema,
  calendarQuerySchema,
  calendarSchema,
  createdCalendarFeedSchema,
} from '../../../core/schemas/index.js'
import type { CalendarService } from '../../services/calendar-service.js'
import type { AppEnv } from '../context.js'
import { jsonWithETag, notModified } from '../etag.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonResponse } from './json.js'

export function calendarRoutes(
  app: OpenAPIHono<AppEnv>,
  { calendar }: { calendar: CalendarService },
) {
  const tags = ['Kalender / Calendar']

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/calendar',
      permission: 'posts.read',
      tags,
      summary:
        'The posts of a period (at most 42 days; the current month when none is given) by calendar time, undated drafts, events and Swedish holidays',
      request: {
        params: libraryParams,
        query: calendarQuerySchema.partial({ from: true, to: true }),
      },
      responses: {
        200: jsonResponse(calendarSchema, 'The calendar'),
        ...notModified,
        ...errorResponses([400, 'A period that is back to front or longer than six weeks']),
      },
    }),
    async (c) =>
      jsonWithETag(c, await calendar.calendar(accessFor(c, 'posts.read'), c.req.valid('query'))),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/calendar/export.csv',
      permission: 'posts.read',
      tags,
      summary: 'A period (at most 400 days) as CSV for Excel: UTF-8 with BOM, semicolons',
      request: {
        params: libraryParams,
        query: calendarExportQuerySchema.partial({ from: true, to: true }),
      },
      responses: {
        200: { description: 'text/csv' },
        ...errorResponses([400, 'A period that is back to front or too long']),
      },
    }),
    async (c) => {
      const file = await calendar.exportCsv(
        accessFor(c, 'posts.read'),
        c.req.valid('query'),
        c.get('locale') ?? 'sv',
      )
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="${file.filename}"`)
      c.header('cache-control', 'no-store')
      return c.body(file.body)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/calendar/feed',
      permission: 'posts.read',
      tags,
      summary: 'Whether you have a calendar feed of the publishing plan',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(calendarFeedSchema, 'Your feed') },
    }),
    async (c) => c.json(await calendar.feed(accessFor(c, 'posts.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/calendar/feed',
      permission: 'posts.read',
      tags,
      summary: 'Make a new secret feed address (an earlier one stops working)',
      request: { params: libraryParams },
      responses: { 201: jsonResponse(createdCalendarFeedSchema, 'The new address, shown once') },
    }),
    async (c) => c.json(await calendar.createFeed(accessFor(c, 'posts.read')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/calendar/feed',
      permission: 'posts.read',
      tags,
      summary: 'Turn your feed off',
      request: { params: libraryParams },
      responses: { 204: { description: 'Turned off' } },
    }),
    async (c) => {
      await calendar.revokeFeed(accessFor(c, 'posts.read'))
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/public/calendar-feeds/{token}',
      tags,
      summary:
        "A member's publishing-plan feed (iCalendar) for Outlook or Google Calendar; the secret address is the only key",
      request: { params: z.object({ token: z.string().min(1).max(200) }) },
      responses: {
        200: { description: 'text/calendar' },
        ...errorResponses([404, 'No such feed, or it was turned off']),
      },
    }),
    async (c) => {
      const body = await calendar.feedIcs(c.req.valid('param').token)
      c.header('content-type', 'text/calendar; charset=utf-8')
      c.header('content-disposition', 'inline; filename="torget.ics"')
      c.header('cache-control', 'private, max-age=300')
      // The address is the secret; it must not leak onward from a page a calendar app opens.
      c.header('referrer-policy', 'no-referrer')
      return c.body(body)
    },
  )
}
