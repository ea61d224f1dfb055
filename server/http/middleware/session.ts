import crypto from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { DomainError } from '../../../core/errors.js'
import type { AccessCache } from '../../services/access-cache.js'
import type { CurrentUser } from '../../services/auth-service.js'
import type { AppContext, AppEnv } from '../context.js'

export const SESSION_COOKIE = 'torget_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Loads the signed-in user, if any, from the session cookie. */
export function loadSession(access: AccessCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const view = access.view()
    c.set('accessView', view)
    c.set('user', await view.currentUser(getCookie(c, SESSION_COOKIE)))
    await next()
  }
}

/**
 * CSRF: a write from a signed-in browser must echo the session's token in
 * X-CSRF-Token, and a cross-site Origin is refused outright. Bodies must be
 * JSON, which a cross-site form cannot send without a CORS preflight.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    if (origin && origin !== 'null') {
      const host = c.req.header('x-forwarded-host') ?? c.req.header('host')
      if (!host || new URL(origin).host !== host) throw new DomainError('csrf_failed')
    } else if (origin === 'null') throw new DomainError('csrf_failed')
    const user = c.get('user')
    if (user) {
      const sent = c.req.header('x-csrf-token') ?? ''
      const a = Buffer.from(sent)
      const b = Buffer.from(user.csrfToken)
      if (a.length !== b.length || !crypto.timingSafeEqual(a, b))
        throw new DomainError('csrf_failed')
    }
    await next()
  }
}

export function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method) && c.req.method !== 'DELETE') {
      const type = c.req.header('content-type')
      if (type !== undefined && !/^application\/json\b/i.test(type))
        throw new DomainError('unsupported_media_type')
    }
    await next()
  }
}

export function requireUser(c: AppContext): CurrentUser {
  const user = c.get('user')
  if (!user) throw new DomainError('unauthenticated')
  return user
}

export function setSessionCookie(c: AppContext, token: string, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: 30 * 86_400,
  })
}

export function clearSessionCookie(c: AppContext) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}
