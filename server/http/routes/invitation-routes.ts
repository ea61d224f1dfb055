import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  acceptInvitationSchema,
  confirmInvitationSchema,
  confirmationSentSchema,
  createInvitationSchema,
  emailConfirmationSchema,
  createdInvitationSchema,
  idSchema,
  invitationPreviewSchema,
  invitationSchema,
  sessionViewSchema,
} from '../../../core/schemas/index.js'
import { emailSchema, passwordSchema, personNameSchema } from '../../../core/schemas/common.js'
import type { AuthService } from '../../services/auth-service.js'
import type { InvitationService } from '../../services/invitation-service.js'
import type { AppContext, AppEnv } from '../context.js'
import { ValidationFailedError } from '../errors.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { setSessionCookie } from '../middleware/session.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

const addressOnlySchema = z.object({ email: emailSchema })
const newAccountSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: passwordSchema,
})
const tokenParams = z.object({ token: z.string().min(10).max(200) })
const confirmationParams = tokenParams.extend({ code: z.string().min(20).max(200) })

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
      summary:
        'Join the library: as the signed-in user, by creating an account (invitation for an address), or by asking for a confirmation link (link-only invitation)',
      request: { params: tokenParams, body: jsonBody(acceptInvitationSchema) },
      responses: {
        200: jsonResponse(sessionViewSchema, 'Joined and signed in'),
        202: jsonResponse(
          confirmationSentSchema,
          'Link-only invitation: a confirmation link was e-mailed; the same answer whether or not the address has an account',
        ),
        ...errorResponses(
          [400, 'Invalid input'],
          [404, 'Unknown link'],
          [409, 'Email taken or already a member'],
          [410, 'Expired, used or withdrawn'],
          [429, 'Too many confirmation e-mails for this invitation'],
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
      if ((await invitations.preview(token)).email === null) {
        const asked = addressOnlySchema.safeParse(c.req.valid('json'))
        if (!asked.success) throw new ValidationFailedError(asked.error)
        await invitations.requestConfirmation(token, asked.data.email, c.get('locale'))
        return c.json({ confirmationSentTo: asked.data.email }, 202)
      }
      const account = newAccountSchema.safeParse(c.req.valid('json'))
      if (!account.success) throw new ValidationFailedError(account.error)
      const userId = await invitations.accept(token, { account: account.data })
      return c.json(await signedIn(c, userId), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/invitations/{token}/confirmations/{code}',
      tags,
      summary: 'The address a confirmation link proves',
      request: { params: confirmationParams },
      responses: {
        200: jsonResponse(emailConfirmationSchema, 'The confirmed address'),
        ...errorResponses(
          [400, 'Used, expired or unknown confirmation'],
          [404, 'Unknown link'],
          [410, 'Expired, used or withdrawn'],
        ),
      },
    }),
    async (c) => {
      const { token, code } = c.req.valid('param')
      return c.json(await invitations.confirmation(token, code), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}/confirm',
      tags,
      summary: 'Create the account with the confirmed address, join the library and sign in',
      request: { params: tokenParams, body: jsonBody(confirmInvitationSchema) },
      responses: {
        200: jsonResponse(sessionViewSchema, 'Joined and signed in'),
        ...errorResponses(
          [400, 'Invalid input, or a used, expired or unknown confirmation'],
          [404, 'Unknown link'],
          [409, 'The address got an account meanwhile'],
          [410, 'Expired, used or withdrawn'],
        ),
      },
    }),
    async (c) => {
      const { token } = c.req.valid('param')
      const { code, name, password } = c.req.valid('json')
      const userId = await invitations.confirm(token, code, { name, password })
      return c.json(await signedIn(c, userId), 200)
    },
  )

  async function signedIn(c: AppContext, userId: string) {
    const { token: session } = await auth.openSession(userId)
    setSessionCookie(c, session, cookieSecure)
    return auth.sessionView((await auth.currentUser(session))!)
  }
}
