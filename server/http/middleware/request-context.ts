import crypto from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { MiddlewareHandler } from 'hono'
import { pickLocale } from '../../../core/locale.js'
import type { Logger } from '../../logger.js'
import { withRequestId } from '../../services/request-scope.js'
import type { AppContext, AppEnv } from '../context.js'
import { redactUrl } from './redact-url.js'

/**
 * Request id, language, client address and a logger for every request; one log line per
 * response. `trustedProxies` is how many reverse proxies stand in front (0: none trusted).
 */
export function requestContext(
  logger: Logger,
  { trustedProxies = 0 }: { trustedProxies?: number } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('clientIp', clientAddress(c, trustedProxies))
    const incoming = c.req.header('x-request-id')
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID()
    const started = performance.now()
    c.set('requestId', requestId)
    c.set('locale', pickLocale(c.req.header('accept-language')))
    c.set('log', logger.child({ reqId: requestId }))
    c.header('X-Request-Id', requestId)
    await withRequestId(requestId, next)
    const ms = Math.round((performance.now() - started) * 10) / 10
    const level = c.res.status >= 500 ? 'error' : 'info'
    const log = c.get('log')
    // Below the log level the line is not built at all: redacting the address parses it.
    if (log.isLevelEnabled(level))
      log[level](
        { method: c.req.method, path: redactUrl(c.req.url), status: c.res.status, ms },
        'request',
      )
  }
}

/**
 * Each proxy appends the address it received the request from to X-Forwarded-For, so only
 * the entries our own proxies added can be believed: the client is the one `trustedProxies`
 * from the right. Anything further left was written by the client and may be made up.
 */
export function clientAddress(c: AppContext, trustedProxies: number): string | null {
  if (trustedProxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean)
    const client = hops[Math.max(0, hops.length - trustedProxies)]
    if (client) return client
  }
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    return null
  }
}
