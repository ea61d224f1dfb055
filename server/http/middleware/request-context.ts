import crypto from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { pickLocale } from '../../../core/locale.js'
import type { Logger } from '../../logger.js'
import { withRequestId } from '../../services/request-scope.js'
import type { AppEnv } from '../context.js'
import { redactUrl } from './redact-url.js'

/** Request id, language and a logger for every request; one log line per response. */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
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
    c.get('log')[level](
      { method: c.req.method, path: redactUrl(c.req.url), status: c.res.status, ms },
      'request',
    )
  }
}
