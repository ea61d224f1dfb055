import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import {
  resetConfirmSchema,
  resetRequestSchema,
  sessionViewSchema,
  setupInputSchema,
  setupStatusSchema,
  signInInputSchema,
  updateMeSchema,
  userSchema,
} from '../../../core/schemas/index.js'
import type { AuthService } from '../../services/auth-service.js'
import type { AppEnv } from '../context.js'
import { clearSessionCookie, requireUser, setSessionCookie } from '../middleware/session.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export interface AuthRouteDeps {
  auth: AuthService
  cookieSecure: boolean
  demo: boolean
}

export function authRoutes(app: OpenAPIHono<AppEnv>, { auth, cookieSecure, demo }: AuthRouteDeps) {
  const tags = ['Konto / Account']

  app.openapi(
    createRoute({
      method: 'get',
      path: '/setup',
      tags,
      summary: 'Whether the first account still needs to be created',
      responses: { 200: jsonResponse(setupStatusSchema, 'Setup status') },
    }),
    async (c) => c.json({ needed: await auth.setupNeeded(), demo }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags,
      summary: 'Create the first account and library, and sign in',
      request: { body: jsonBody(setupInputSchema) },
      responses: {
        201: jsonResponse(sessionViewSchema, 'Signed in'),
        ...errorResponses(
          [400, 'Invalid input'],
          [403, 'Wrong setup code'],
          [409, 'Already set up'],
          [503, 'Too many passwords being checked; try again after Retry-After seconds'],
        ),
      },
    }),
    async (c) => {
      const { token } = await auth.setup(c.req.valid('json'))
      setSessionCookie(c, token, cookieSecure)
      const user = (await auth.currentUser(token))!
      return c.json(await auth.sessionView(user), 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/auth/session',
      tags,
      summary: 'The signed-in user',
      responses: {
        200: jsonResponse(sessionViewSchema, 'Signed in'),
        ...errorResponses([401, 'Not signed in']),
      },
    }),
    async (c) => c.json(await auth.sessionView(requireUser(c)), 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags,
      summary: 'Sign in with email and password',
      request: { body: jsonBody(signInInputSchema) },
      responses: {
        200: jsonResponse(sessionViewSchema, 'Signed in'),
        ...errorResponses(
          [401, 'Wrong email or password'],
          [429, 'Too many attempts: wait Retry-After seconds'],
          [503, 'Too many passwords being checked; try again after Retry-After seconds'],
        ),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      const { token } = await auth.signIn(email, password, c.get('clientIp'))
      setSessionCookie(c, token, cookieSecure)
      return c.json(await auth.sessionView((await auth.currentUser(token))!), 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags,
      summary: 'Sign out',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const user = c.get('user')
      if (user) await auth.signOut(user)
      clearSessionCookie(c)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/request',
      tags,
      summary: 'Email a password reset link (answers the same whether or not the account exists)',
      request: { body: jsonBody(resetRequestSchema) },
      responses: { 202: { description: 'Accepted' } },
    }),
    async (c) => {
      await auth.requestPasswordReset(c.req.valid('json').email, c.get('clientIp'), c.get('locale'))
      return c.body(null, 202)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/confirm',
      tags,
      summary: 'Set a new password with a reset link',
      request: { body: jsonBody(resetConfirmSchema) },
      responses: {
        204: { description: 'Password changed; all sessions signed out' },
        ...errorResponses([400, 'Invalid or expired link']),
      },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json')
      await auth.confirmPasswordReset(token, password)
      return c.body(null, 204)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/me',
      tags,
      summary: 'Change your name or language',
      request: { body: jsonBody(updateMeSchema) },
      responses: {
        200: jsonResponse(userSchema, 'Updated'),
        ...errorResponses([401, 'Not signed in']),
      },
    }),
    async (c) => c.json(await auth.updateMe(requireUser(c), c.req.valid('json')), 200),
  )
}
