import type { OpenAPIHono } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import {
  idSchema,
  inboxCountsSchema,
  inboxItemDetailSchema,
  inboxItemPatchSchema,
  inboxItemSchema,
  inboxListQuerySchema,
  inboxNoteInputSchema,
  inboxNoteSchema,
  inboxPageSchema,
  inboxReplyInputSchema,
  moderationInputSchema,
  moderationRecordSchema,
  presenceInputSchema,
  presenceSchema,
} from '../../../core/schemas/index.js'
import type { InboxService } from '../../services/inbox/inbox-service.js'
import type { ModerationService } from '../../services/inbox/moderation-service.js'
import type { ReplyService } from '../../services/inbox/reply-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

/** How long one live stream stays open; the browser reconnects, and is checked again. */
const STREAM_MS = 10 * 60_000
const POLL_MS = 1_000

export function inboxRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { inbox: InboxService; replies: ReplyService; moderation: ModerationService },
) {
  const { inbox, replies, moderation } = deps
  const tags = ['Inkorg / Inbox']
  const itemParams = libraryParams.extend({ itemId: idSchema })
  const changed = errorResponses([409, 'A colleague changed the item since you saw it'])

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/items',
      permission: 'inbox.read',
      tags,
      summary: 'Replies, mentions, quotes and comments to the library, newest first',
      request: { params: libraryParams, query: inboxListQuerySchema },
      responses: { 200: jsonResponse(inboxPageSchema, 'A page of items') },
    }),
    async (c) => c.json(await inbox.list(accessFor(c, 'inbox.read'), c.req.valid('query')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/counts',
      permission: 'inbox.read',
      tags,
      summary: "Open items per state, for the filter's badges",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(inboxCountsSchema, 'Open items per state') },
    }),
    async (c) => c.json(await inbox.counts(accessFor(c, 'inbox.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/items/{itemId}',
      permission: 'inbox.read',
      tags,
      summary: 'One item with its conversation, notes, activity, answers and moderation',
      request: { params: itemParams },
      responses: { 200: jsonResponse(inboxItemDetailSchema, 'The item') },
    }),
    async (c) =>
      c.json(await inbox.detail(accessFor(c, 'inbox.read'), c.req.valid('param').itemId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/inbox/items/{itemId}',
      permission: 'inbox.answer',
      tags,
      summary: 'Assign, tag, flag for the Ansvarig, close or reopen an item',
      request: { params: itemParams, body: jsonBody(inboxItemPatchSchema) },
      responses: { 200: jsonResponse(inboxItemSchema, 'The item as it is now'), ...changed },
    }),
    async (c) =>
      c.json(
        await inbox.update(
          accessFor(c, 'inbox.answer'),
          c.req.valid('param').itemId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/items/{itemId}/notes',
      permission: 'inbox.answer',
      tags,
      summary: 'An internal note on an item (never published)',
      request: { params: itemParams, body: jsonBody(inboxNoteInputSchema) },
      responses: { 201: jsonResponse(inboxNoteSchema, 'The note') },
    }),
    async (c) =>
      c.json(
        await inbox.addNote(
          accessFor(c, 'inbox.answer'),
          c.req.valid('param').itemId,
          c.req.valid('json').body,
        ),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/items/{itemId}/replies',
      permission: 'inbox.answer',
      tags,
      summary:
        'Answer in the thread: checked against the policy, then published exactly once (or sent for approval)',
      request: { params: itemParams, body: jsonBody(inboxReplyInputSchema) },
      responses: {
        201: jsonResponse(
          z.object({ postId: idSchema, state: z.string() }),
          'The answer is on its way',
        ),
        ...changed,
        ...errorResponses([422, 'The policy, the network or a placeholder stops it']),
      },
    }),
    async (c) =>
      c.json(
        await replies.reply(
          accessFor(c, 'inbox.answer'),
          c.req.valid('param').itemId,
          c.req.valid('json'),
        ),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/items/{itemId}/moderation',
      permission: 'inbox.moderate',
      tags,
      summary:
        'Hide, detach, block or mute on the network with a reason; the item and its context are kept',
      request: { params: itemParams, body: jsonBody(moderationInputSchema) },
      responses: {
        201: jsonResponse(moderationRecordSchema, 'What was done (or why the network refused)'),
        ...errorResponses([422, 'The network does not allow this here']),
      },
    }),
    async (c) =>
      c.json(
        await moderation.moderate(
          accessFor(c, 'inbox.moderate'),
          c.req.valid('param').itemId,
          c.req.valid('json'),
        ),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/items/{itemId}/moderation/{actionId}/undo',
      permission: 'inbox.moderate',
      tags,
      summary:
        'Take a hide, block, mute or detach back on the network; the record and its saved copy stay',
      request: { params: itemParams.extend({ actionId: idSchema }) },
      responses: {
        200: jsonResponse(
          z.object({ id: idSchema, state: z.literal('undone'), at: z.string() }),
          'Undone',
        ),
        ...errorResponses(
          [404, 'No such action on the item'],
          [422, 'Already undone, failed, or not undoable on the network'],
          [502, 'The network did not undo it'],
        ),
      },
    }),
    async (c) => {
      const { itemId, actionId } = c.req.valid('param')
      return c.json(await moderation.undo(accessFor(c, 'inbox.moderate'), itemId, actionId), 200)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/items/{itemId}/presence',
      permission: 'inbox.read',
      tags,
      summary:
        "Say you are viewing or answering an item; returns who else is (send 'gone' on leaving)",
      request: { params: itemParams, body: jsonBody(presenceInputSchema) },
      responses: { 200: jsonResponse(z.array(presenceSchema), 'Others on the item now') },
    }),
    async (c) =>
      c.json(
        await inbox.presence(
          accessFor(c, 'inbox.read'),
          c.req.valid('param').itemId,
          c.req.valid('json').mode,
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/activity/{activityId}/undo',
      permission: 'inbox.answer',
      tags,
      summary: 'Undo what an automatic rule did to an item',
      request: { params: libraryParams.extend({ activityId: idSchema }) },
      responses: {
        200: jsonResponse(inboxItemSchema, 'The item as it is now'),
        ...errorResponses([409, 'Already undone, or not undoable']),
      },
    }),
    async (c) =>
      c.json(await inbox.undo(accessFor(c, 'inbox.answer'), c.req.valid('param').activityId), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/events',
      permission: 'inbox.read',
      tags,
      summary:
        "Live changes (text/event-stream): a 'change' event per changed or newly received item, a 'presence' event when who is on an item changes; closes after 10 minutes and the browser reconnects (without Accept: text/event-stream, it ends at once)",
      request: { params: libraryParams },
      responses: { 200: { description: 'text/event-stream' } },
    }),
    async (c) => {
      const access = accessFor(c, 'inbox.read')
      // A client that does not ask for a stream (no EventSource) gets what is there and an end.
      const once = !c.req.header('accept')?.includes('text/event-stream')
      // A browser reconnecting sends the last event's id: it gets what it missed meanwhile.
      const resumed = /^(\d{1,15})\.(\d{1,15})$/.exec(c.req.header('last-event-id') ?? '')
      let cursor = resumed
        ? { activity: Number(resumed[1]), ingest: Number(resumed[2]) }
        : await inbox.liveCursor(access)
      c.header('cache-control', 'no-store')
      return streamSSE(c, async (stream) => {
        const until = Date.now() + STREAM_MS
        let quiet = 0
        let present = new Map<string, string>()
        await stream.writeSSE({ event: 'ready', data: '{}', retry: 2_000 })
        while (!stream.aborted && Date.now() < until) {
          const next = await inbox.changesSince(access, cursor)
          cursor = next.cursor
          for (const event of next.events)
            await stream.writeSSE({
              event: 'change',
              data: JSON.stringify(event),
              id: `${cursor.activity}.${cursor.ingest}`,
            })
          // Who is viewing or answering which item: sent for the items where it changed.
          const presence = await inbox.presenceByItem(access)
          const now = new Map([...presence].map(([id, list]) => [id, JSON.stringify(list)]))
          for (const itemId of new Set([...present.keys(), ...now.keys()])) {
            if (present.get(itemId) === now.get(itemId)) continue
            await stream.writeSSE({
              event: 'presence',
              data: JSON.stringify({ itemId, presence: presence.get(itemId) ?? [] }),
            })
          }
          present = now
          // A comment line now and then keeps proxies from closing a quiet stream.
          quiet = next.events.length ? 0 : quiet + 1
          if (quiet >= 15) {
            await stream.write(': keep-alive\n\n')
            quiet = 0
          }
          if (once) break
          await stream.sleep(POLL_MS)
        }
      })
    },
  )
}
