import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  addEventSourceSchema,
  eventSourceSchema,
  libraryEventSchema,
} from '../../../core/schemas/event.js'
import { idSchema, isoDateTimeSchema } from '../../../core/schemas/index.js'
import type { EventService } from '../../services/event-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

/** Raw .ics uploads skip the JSON body rules (see app.ts); they are read as bytes here. */
export const ICS_UPLOAD_PATH = /\/event-sources\/(upload|[^/]+\/file)$/

const icsBody = {
  required: true,
  content: { 'text/calendar': { schema: z.string().meta({ format: 'binary' }) } },
}

export function eventRoutes(app: OpenAPIHono<AppEnv>, { events }: { events: EventService }) {
  const tags = ['Evenemang / Events']
  const sourceParams = libraryParams.extend({ sourceId: idSchema })
  const fetchErrors = errorResponses(
    [400, 'The address cannot be fetched (not http(s), or an internal network)'],
    [409, 'Already added'],
    [413, 'The calendar is too large'],
    [422, 'Not a readable calendar'],
    [502, 'The server at the address failed'],
    [504, 'The server at the address did not answer in time'],
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/event-sources',
      permission: 'events.read',
      tags,
      summary: "The library's calendars: feeds and uploaded files, with their last problem",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(eventSourceSchema), 'Event sources') },
    }),
    async (c) => c.json(await events.sources(accessFor(c, 'events.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/event-sources',
      permission: 'events.manage',
      tags,
      summary: 'Add an iCalendar feed by its address; it is read at once and every few hours',
      request: { params: libraryParams, body: jsonBody(addEventSourceSchema) },
      responses: { 201: jsonResponse(eventSourceSchema, 'Added and read'), ...fetchErrors },
    }),
    async (c) =>
      c.json(await events.addUrl(accessFor(c, 'events.manage'), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/event-sources/upload',
      permission: 'events.manage',
      tags,
      summary: 'Add an uploaded .ics file (the raw file as the body, at most 5 MB)',
      request: {
        params: libraryParams,
        query: z.object({ name: z.string().max(200).optional() }),
        body: icsBody,
      },
      responses: { 201: jsonResponse(eventSourceSchema, 'Added'), ...fetchErrors },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const { name } = c.req.valid('query')
      return c.json(await events.addFile(accessFor(c, 'events.manage'), { name, bytes }), 201)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/event-sources/{sourceId}/file',
      permission: 'events.manage',
      tags,
      summary: 'Upload a new version of a calendar file; changes and cancellations apply by UID',
      request: { params: sourceParams, body: icsBody },
      responses: { 200: jsonResponse(eventSourceSchema, 'Updated'), ...fetchErrors },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      return c.json(
        await events.replaceFile(
          accessFor(c, 'events.manage'),
          c.req.valid('param').sourceId,
          bytes,
        ),
        200,
      )
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/event-sources/{sourceId}/refresh',
      permission: 'events.manage',
      tags,
      summary: 'Read a feed now (a problem is also kept on the source)',
      request: { params: sourceParams },
      responses: { 200: jsonResponse(eventSourceSchema, 'Read'), ...fetchErrors },
    }),
    async (c) =>
      c.json(
        await events.refresh(accessFor(c, 'events.manage'), c.req.valid('param').sourceId),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/event-sources/{sourceId}',
      permission: 'events.manage',
      tags,
      summary: 'Remove a calendar and its events (campaigns built on them stay)',
      request: { params: sourceParams },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await events.removeSource(accessFor(c, 'events.manage'), c.req.valid('param').sourceId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/events',
      permission: 'events.read',
      tags,
      summary: 'Events overlapping a period (default: from now, four months on)',
      request: {
        params: libraryParams,
        query: z.object({ from: isoDateTimeSchema.optional(), to: isoDateTimeSchema.optional() }),
      },
      responses: { 200: jsonResponse(z.array(libraryEventSchema), 'Events, soonest first') },
    }),
    async (c) => c.json(await events.list(accessFor(c, 'events.read'), c.req.valid('query')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/events/{eventId}',
      permission: 'events.read',
      tags,
      summary: 'One event',
      request: { params: libraryParams.extend({ eventId: idSchema }) },
      responses: { 200: jsonResponse(libraryEventSchema, 'The event') },
    }),
    async (c) =>
      c.json(await events.get(accessFor(c, 'events.read'), c.req.valid('param').eventId), 200),
  )
}
