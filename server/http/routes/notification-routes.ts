import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  idSchema,
  notificationListSchema,
  notificationSettingsSchema,
  updateNotificationSettingsSchema,
} from '../../../core/schemas/index.js'
import type { NotificationService } from '../../services/notification-service.js'
import type { AppEnv } from '../context.js'
import { requireUser } from '../middleware/session.js'
import { jsonBody, jsonResponse } from './json.js'

/** A person's own notifications, from every library they are a member of. */
export function notificationRoutes(
  app: OpenAPIHono<AppEnv>,
  { notifications }: { notifications: NotificationService },
) {
  const tags = ['Notiser / Notifications']
  const settingsResponse = { 200: jsonResponse(notificationSettingsSchema, 'Settings') }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary: 'Your latest notifications, newest first, and how many are unread',
      responses: { 200: jsonResponse(notificationListSchema, 'Notifications') },
    }),
    async (c) => c.json(await notifications.list(requireUser(c).id), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{notificationId}/read',
      tags,
      summary: 'Mark one notification read',
      request: { params: z.object({ notificationId: idSchema }) },
      responses: { 204: { description: 'Read' } },
    }),
    async (c) => {
      await notifications.markRead(requireUser(c).id, c.req.valid('param').notificationId)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read-all',
      tags,
      summary: 'Mark every notification read',
      responses: { 204: { description: 'Read' } },
    }),
    async (c) => {
      await notifications.markRead(requireUser(c).id)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notifications/settings',
      tags,
      summary: 'Whether you get the daily e-mail digest',
      responses: settingsResponse,
    }),
    async (c) => c.json(await notifications.settings(requireUser(c).id), 200),
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/notifications/settings',
      tags,
      summary: 'Turn the daily e-mail digest on or off',
      request: { body: jsonBody(updateNotificationSettingsSchema) },
      responses: settingsResponse,
    }),
    async (c) =>
      c.json(
        await notifications.updateSettings(requireUser(c).id, c.req.valid('json').dailyDigest),
        200,
      ),
  )
}
