import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { idSchema } from '../../../core/schemas/index.js'
import {
  recurringSlotSchema,
  saveRecurringSlotSchema,
  updateRecurringSlotSchema,
} from '../../../core/schemas/recurring-slot.js'
import type { RecurringSlotService } from '../../services/recurring-slot-service.js'
import type { AppEnv } from '../context.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { jsonBody, jsonResponse } from './json.js'

export function recurringSlotRoutes(
  app: OpenAPIHono<AppEnv>,
  { recurringSlots }: { recurringSlots: RecurringSlotService },
) {
  const tags = ['Återkommande / Recurring slots']
  const slotParams = libraryParams.extend({ slotId: idSchema })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/recurring-slots',
      permission: 'recurring.read',
      tags,
      summary: 'Weekly slots ("Veckans postning") with the next draft and whose turn it is',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(recurringSlotSchema), 'Slots') },
    }),
    async (c) => c.json(await recurringSlots.list(accessFor(c, 'recurring.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/recurring-slots',
      permission: 'recurring.manage',
      tags,
      summary: 'Add a weekly slot; a draft is made each week for the next member in turn',
      request: { params: libraryParams, body: jsonBody(saveRecurringSlotSchema) },
      responses: { 201: jsonResponse(recurringSlotSchema, 'Added') },
    }),
    async (c) =>
      c.json(
        await recurringSlots.create(accessFor(c, 'recurring.manage'), c.req.valid('json')),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/recurring-slots/{slotId}',
      permission: 'recurring.manage',
      tags,
      summary: 'Change a weekly slot (pause it with active: false)',
      request: { params: slotParams, body: jsonBody(updateRecurringSlotSchema) },
      responses: { 200: jsonResponse(recurringSlotSchema, 'Saved') },
    }),
    async (c) =>
      c.json(
        await recurringSlots.update(
          accessFor(c, 'recurring.manage'),
          c.req.valid('param').slotId,
          c.req.valid('json'),
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/recurring-slots/{slotId}',
      permission: 'recurring.manage',
      tags,
      summary: 'Remove a weekly slot; drafts it made stay',
      request: { params: slotParams },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await recurringSlots.remove(accessFor(c, 'recurring.manage'), c.req.valid('param').slotId)
      return c.body(null, 204)
    },
  )
}
