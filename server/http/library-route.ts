import { type RouteConfig, createRoute } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { DomainError } from '../../core/errors.js'
import type { Permission } from '../../core/roles.js'
import { errorBodySchema, idSchema } from '../../core/schemas/index.js'
import { type LibraryAccess, narrow } from '../services/access.js'
import type { AppContext, AppEnv } from './context.js'
import { requireUser } from './middleware/session.js'

export const LIBRARY_PREFIX = '/libraries/{libraryId}'
export const libraryParams = z.object({ libraryId: idSchema })

const errors = {
  401: {
    description: 'Not signed in',
    content: { 'application/json': { schema: errorBodySchema } },
  },
  403: {
    description: 'The role does not allow this',
    content: { 'application/json': { schema: errorBodySchema } },
  },
  404: {
    description: 'No such library, or not a member',
    content: { 'application/json': { schema: errorBodySchema } },
  },
}

/**
 * Every route inside a library is made here: it must name the permission it
 * needs, the permission is checked against the member's role before the
 * handler runs, and the handler can only get its access through `accessFor`.
 */
export function libraryRoute<
  R extends Omit<RouteConfig, 'path'> & { path: string; permission: Permission },
>(config: R) {
  const { permission, ...route } = config
  return createRoute({
    ...route,
    path: `${LIBRARY_PREFIX}${route.path === '/' ? '' : route.path}`,
    'x-permission': permission,
    middleware: [grant(permission)],
    responses: { ...errors, ...route.responses },
  } as Omit<R, 'permission'> & { path: string; middleware: MiddlewareHandler[] })
}

/** Loads the member's place in the library once per request (through the session's cache). */
export function loadMembership(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = requireUser(c)
    const libraryId = c.req.param('libraryId') ?? ''
    c.set('membership', await c.get('accessView').membership(user.id, libraryId))
    await next()
  }
}

function grant(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const membership = c.get('membership')
    if (!membership) throw new DomainError('library_not_found')
    c.set('access', { permission, grant: narrow(membership, permission) })
    await next()
  }
}

/** The access the route was granted; asking for another permission is a programming error. */
export function accessFor<P extends Permission>(c: AppContext, permission: P): LibraryAccess<P> {
  const access = c.get('access')
  if (!access || access.permission !== permission) {
    throw new Error(
      `route granted ${access?.permission ?? 'nothing'} but the handler needs ${permission}`,
    )
  }
  return access.grant as LibraryAccess<P>
}
