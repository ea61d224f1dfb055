import { type OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  createLibrarySchema,
  idSchema,
  librarySchema,
  memberSchema,
  updateLibrarySchema,
  updateMemberSchema,
  workspaceSchema,
} from '../../../core/schemas/index.js'
import type { LibraryService } from '../../services/library-service.js'
import type { MemberService } from '../../services/member-service.js'
import type { AppEnv } from '../context.js'
import { jsonWithETag, notModified } from '../etag.js'
import { accessFor, libraryParams, libraryRoute } from '../library-route.js'
import { requireUser } from '../middleware/session.js'
import { errorResponses, jsonBody, jsonResponse } from './json.js'

export function libraryRoutes(
  app: OpenAPIHono<AppEnv>,
  { libraries, members }: { libraries: LibraryService; members: MemberService },
) {
  const tags = ['Bibliotek / Libraries']

  app.openapi(
    createRoute({
      method: 'post',
      path: '/libraries',
      tags,
      summary: 'Create a library (Torget administrators)',
      request: { body: jsonBody(createLibrarySchema) },
      responses: {
        201: jsonResponse(librarySchema, 'Created'),
        ...errorResponses([401, 'Not signed in'], [403, 'Not a Torget administrator']),
      },
    }),
    async (c) => c.json(await libraries.create(requireUser(c), c.req.valid('json')), 201),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/workspace',
      permission: 'library.read',
      tags,
      summary: 'The workspace shell: library, your role, each section',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(workspaceSchema, 'Workspace'), ...notModified },
    }),
    async (c) => jsonWithETag(c, await libraries.workspace(accessFor(c, 'library.read'))),
  )

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/',
      permission: 'library.read',
      tags,
      summary: 'The library',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(librarySchema, 'Library') },
    }),
    async (c) => c.json(await libraries.get(accessFor(c, 'library.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/',
      permission: 'library.update',
      tags,
      summary: 'Change name, time zone or default language',
      request: { params: libraryParams, body: jsonBody(updateLibrarySchema) },
      responses: {
        200: jsonResponse(librarySchema, 'Updated'),
        ...errorResponses([400, 'Invalid input']),
      },
    }),
    async (c) =>
      c.json(await libraries.update(accessFor(c, 'library.update'), c.req.valid('json')), 200),
  )

  const memberTags = ['Medlemmar / Members']
  const memberParams = libraryParams.extend({ userId: idSchema })

  app.openapi(
    libraryRoute({
      method: 'get',
      path: '/members',
      permission: 'members.read',
      tags: memberTags,
      summary: 'Members and their roles',
      request: { params: libraryParams },
      responses: { 200: jsonResponse(z.array(memberSchema), 'Members') },
    }),
    async (c) => c.json(await members.list(accessFor(c, 'members.read')), 200),
  )

  app.openapi(
    libraryRoute({
      method: 'patch',
      path: '/members/{userId}',
      permission: 'members.manage',
      tags: memberTags,
      summary: "Change a member's role",
      request: { params: memberParams, body: jsonBody(updateMemberSchema) },
      responses: {
        200: jsonResponse(memberSchema, 'Updated'),
        ...errorResponses([409, 'The last Ansvarig cannot be demoted']),
      },
    }),
    async (c) =>
      c.json(
        await members.changeRole(
          accessFor(c, 'members.manage'),
          c.req.valid('param').userId,
          c.req.valid('json').role,
        ),
        200,
      ),
  )

  app.openapi(
    libraryRoute({
      method: 'delete',
      path: '/members/{userId}',
      permission: 'members.read',
      tags: memberTags,
      summary: 'Remove a member (Ansvarig), or leave the library yourself',
      request: { params: memberParams },
      responses: {
        204: { description: 'Removed' },
        ...errorResponses([409, 'The last Ansvarig cannot leave']),
      },
    }),
    async (c) => {
      await members.remove(accessFor(c, 'members.read'), c.req.valid('param').userId)
      return c.body(null, 204)
    },
  )
}
