import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  acceptInvitationSchema,
  createInvitationSchema,
  createdInvitationSchema,
  idSchema,
  invitationPreviewSchema,
  invitationSchema,
  sessionViewSchema,
} from '../../../core/schemas/index.js'
import { emailSchema, passwordSchema, personNameSchema } from '../../../core/schemas/common.js'
import type { AuthService } from '../../services/auth-service.js'
import type { InvitationService } from '../../services/invitation-service.js'
import type { AppEnv } from '../context.js'
import { ValidationFailedError } from '../errors.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { setSessionCookie } from '../middleware/session.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

const newAccountSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
})
const tokenParams = z.object({ token: z.string().min(10).max(200) })

export function invitationRoutes(
  app: OpenAPIHono<AppEnv>,
  {
    invitations,
    auth,
    cookieSecure,
  }: { invitations: InvitationService; auth: AuthService; cookieSecure: boolean },
) {
  const tags = ['Inbjudningar / Invitations']

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/invitations',
      permission: 'invitations.manage',
      tags,
      summary: 'Open invitations',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(invitationSchema), 'Invitations') },
    }),
    async (c) => c.json(await invitations.listPending(accessFor(c, 'invitations.manage')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'post',
      path: '/invitations',
      permission: 'invitations.manage',
      tags,
      summary: 'Invite a colleague by link, and by email when an address is given',
      request: { params: libraryParams, body: jsonBody(createInvitationSchema) },
      responses: {
        201: jsonResponse(createdInvitationSchema, 'Created; the link is shown only now'),
        ...errorResponses([400, 'Invalid input']),
      },
    }),
    async (c) =>
      c.json(
        await invitations.create(accessFor(c, 'invitations.manage'), c.req.valid('json')),
        201,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/invitations/{invitationId}',
      permission: 'invitations.manage',
      tags,
      summary: 'Withdraw an invitation',
      request: { params: libraryParams.extend({ invitationId: idSchema }) },
      responses: { 204: { description: 'Withdrawn' } },
    }),
    async (c) => {
      await invitations.revoke(
        accessFor(c, 'invitations.manage'),
        c.req.valid('param').invitationId,
      )
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/invitations/{token}',
      tags,
      summary: 'What an invitation link offers',
      request: { params: tokenParams },
      responses: {
        200: jsonResponse(invitationPreviewSchema, 'The invitation'),
        ...errorResponses([404, 'Unknown link'], [410, 'Expired, used or withdrawn']),
      },
    }),
    async (c) => c.json(await invitations.preview(c.req.valid('param').token), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}/accept',
      tags,
      summary: 'Join the library: as the signed-in user, or by creating an account',
      request: { params: tokenParams, body: jsonBody(acceptInvitationSchema) },
      responses: {
        200: jsonResponse(sessionViewSchema, 'Joined and signed in'),
        ...errorResponses(
          [400, 'Invalid input'],
          [404, 'Unknown link'],
          [409, 'Email taken or already a member'],
          [410, 'Expired, used or withdrawn'],
        ),
      },
    }),
    async (c) => {
      const { token } = c.req.valid('param')
      const user = c.get('user')
      if (user) {
        await invitations.accept(token, { user })
        return c.json(await auth.sessionView(user), 200)
      }
      const account = newAccountSchema.safeParse(c.req.valid('json'))
      if (!account.success) throw new ValidationFailedError(account.error)
      const userId = await invitations.accept(token, { account: account.data })
      const { token: session } = await auth.openSession(userId)
      setSessionCookie(c, session, cookieSecure)
      return c.json(await auth.sessionView((await auth.currentUser(session))!), 200)
    },
  )
}
