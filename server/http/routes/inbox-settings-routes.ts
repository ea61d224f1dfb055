import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  inboxRuleInputSchema,
  inboxRuleOrderSchema,
  inboxRuleSchema,
} from '../../../core/inbox/rules.js'
import {
  idSchema,
  inboxTagInputSchema,
  inboxTagSchema,
  responseTimesSchema,
  savedReplyInputSchema,
  savedReplySchema,
} from '../../../core/schemas/index.js'
import type { InboxSettingsService } from '../../services/inbox/inbox-settings-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function inboxSettingsRoutes(
  app: OpenAPIHono<AppEnv>,
  { settings }: { settings: InboxSettingsService },
) {
  const tags = ['Inkorg / Inbox']
  const tagParams = libraryParams.extend({ tagId: idSchema })
  const replyParams = libraryParams.extend({ replyId: idSchema })
  const ruleParams = libraryParams.extend({ ruleId: idSchema })
  const tagList = jsonResponse(z.array(inboxTagSchema), 'The tags, in order')
  const order = z.strictObject({ ids: z.array(idSchema).max(100) })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/tags',
      permission: 'inbox.read',
      tags,
      summary: "The library's inbox tags, in order, with how many items carry each",
      request: { params: libraryParams },
      responses: { 200: tagList },
    }),
    async (c) => c.json(await settings.tags(accessFor(c, 'inbox.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/tags',
      permission: 'inbox.manage',
      tags,
      summary: 'Add a tag',
      request: { params: libraryParams, body: jsonBody(inboxTagInputSchema) },
      responses: { 201: tagList, ...errorResponses([409, 'A tag with that name exists']) },
    }),
    async (c) =>
      c.json(await settings.addTag(accessFor(c, 'inbox.manage'), c.req.valid('json').name), 201),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/tags/reorder',
      permission: 'inbox.manage',
      tags,
      summary: 'Put the tags in this order',
      request: { params: libraryParams, body: jsonBody(order) },
      responses: { 200: tagList },
    }),
    async (c) =>
      c.json(
        await settings.reorderTags(accessFor(c, 'inbox.manage'), c.req.valid('json').ids),
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/inbox/tags/{tagId}',
      permission: 'inbox.manage',
      tags,
      summary: 'Rename a tag',
      request: { params: tagParams, body: jsonBody(inboxTagInputSchema) },
      responses: { 200: tagList, ...errorResponses([409, 'A tag with that name exists']) },
    }),
    async (c) =>
      c.json(
        await settings.renameTag(
          accessFor(c, 'inbox.manage'),
          c.req.valid('param').tagId,
          c.req.valid('json').name,
        ),
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/inbox/tags/{tagId}',
      permission: 'inbox.manage',
      tags,
      summary: 'Delete a tag; items keep everything else',
      request: { params: tagParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await settings.deleteTag(accessFor(c, 'inbox.manage'), c.req.valid('param').tagId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/saved-replies',
      permission: 'inbox.read',
      tags,
      summary: "The library's saved replies",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(savedReplySchema), 'Saved replies') },
    }),
    async (c) => c.json(await settings.savedReplies(accessFor(c, 'inbox.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/saved-replies',
      permission: 'inbox.manage',
      tags,
      summary: 'Save a reply; placeholders such as {namn} are filled in when it is used',
      request: { params: libraryParams, body: jsonBody(savedReplyInputSchema) },
      responses: {
        201: jsonResponse(savedReplySchema, 'Saved'),
        ...errorResponses([422, 'Unknown placeholders']),
      },
    }),
    async (c) =>
      c.json(await settings.addSavedReply(accessFor(c, 'inbox.manage'), c.req.valid('json')), 201),
  )
  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/inbox/saved-replies/{replyId}',
      permission: 'inbox.manage',
      tags,
      summary: 'Change a saved reply',
      request: { params: replyParams, body: jsonBody(savedReplyInputSchema) },
      responses: {
        200: jsonResponse(savedReplySchema, 'Saved'),
        ...errorResponses([422, 'Unknown placeholders']),
      },
    }),
    async (c) =>
      c.json(
        await settings.updateSavedReply(
          accessFor(c, 'inbox.manage'),
          c.req.valid('param').replyId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/inbox/saved-replies/{replyId}',
      permission: 'inbox.manage',
      tags,
      summary: 'Delete a saved reply',
      request: { params: replyParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await settings.deleteSavedReply(accessFor(c, 'inbox.manage'), c.req.valid('param').replyId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/rules',
      permission: 'inbox.read',
      tags,
      summary: "The library's automatic rules, in the order they run",
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(inboxRuleSchema), 'Rules') },
    }),
    async (c) => c.json(await settings.rules(accessFor(c, 'inbox.read')), 200),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/rules',
      permission: 'inbox.manage',
      tags,
      summary: 'Add an automatic rule (at most 50)',
      request: { params: libraryParams, body: jsonBody(inboxRuleInputSchema) },
      responses: {
        201: jsonResponse(inboxRuleSchema, 'The rule'),
        ...errorResponses([422, 'Too many rules']),
      },
    }),
    async (c) =>
      c.json(await settings.addRule(accessFor(c, 'inbox.manage'), c.req.valid('json')), 201),
  )
  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/inbox/rules/reorder',
      permission: 'inbox.manage',
      tags,
      summary: 'Run the rules in this order (every rule once)',
      request: { params: libraryParams, body: jsonBody(inboxRuleOrderSchema) },
      responses: { 200: jsonResponse(z.array(inboxRuleSchema), 'Rules') },
    }),
    async (c) =>
      c.json(
        await settings.reorderRules(accessFor(c, 'inbox.manage'), c.req.valid('json').ids),
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/inbox/rules/{ruleId}',
      permission: 'inbox.manage',
      tags,
      summary: 'Replace a rule',
      request: { params: ruleParams, body: jsonBody(inboxRuleInputSchema) },
      responses: { 200: jsonResponse(inboxRuleSchema, 'The rule') },
    }),
    async (c) =>
      c.json(
        await settings.updateRule(
          accessFor(c, 'inbox.manage'),
          c.req.valid('param').ruleId,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/inbox/rules/{ruleId}',
      permission: 'inbox.manage',
      tags,
      summary: 'Delete a rule; what it did to items stays',
      request: { params: ruleParams },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await settings.deleteRule(accessFor(c, 'inbox.manage'), c.req.valid('param').ruleId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/response-times',
      permission: 'inbox.stats',
      tags,
      summary:
        "Time to first answer against the policy's target, per week, channel and member; items about to miss it",
      request: {
        params: libraryParams,
        query: z.object({ weeks: z.coerce.number().int().min(1).max(52).optional() }),
      },
      responses: { 200: jsonResponse(responseTimesSchema, 'Response times') },
    }),
    async (c) =>
      c.json(
        await settings.responseTimes(
          accessFor(c, 'inbox.stats'),
          c.req.valid('query').weeks ?? 8,
          c.get('locale') ?? 'sv',
        ),
        200,
      ),
  )
  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/inbox/notice',
      permission: 'inbox.read',
      tags,
      summary:
        'The notice lag (1998:112) 3 § asks for: who runs the account and what is removed, for the bio and the website',
      request: { params: libraryParams },
      responses: {
        200: jsonResponse(z.object({ bio: z.string(), website: z.string() }), 'The notice'),
      },
    }),
    async (c) =>
      c.json(await settings.notice(accessFor(c, 'inbox.read'), c.get('locale') ?? 'sv'), 200),
  )
}
