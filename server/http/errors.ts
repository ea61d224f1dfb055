import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { channelErrorMessage } from '../../core/channel-errors.js'
import {
  DomainError,
  ERRORS,
  type ErrorCode,
  RetryLaterError,
  errorMessage,
  tryAgainIn,
} from '../../core/errors.js'
import type { Locale } from '../../core/locale.js'
import type { ErrorBody } from '../../core/schemas/index.js'
import type { AppEnv } from './context.js'

const zodLocales = { sv: z.locales.sv().localeError, en: z.locales.en().localeError }

/** The one error shape: a stable code and a message in the user's language. */
export function errorResponse(
  c: Context<AppEnv>,
  code: ErrorCode,
  details?: ErrorBody['error']['details'],
  reason?: string,
  addendum?: string,
) {
  const locale = c.get('locale') ?? 'sv'
  const base = errorMessage(code, locale)
  const message = reason ? `${base} ${channelErrorMessage(reason, locale)}` : base
  const body: ErrorBody = {
    error: {
      code,
      message: addendum ? `${message} ${addendum}` : message,
      requestId: c.get('requestId'),
      ...(details && { details }),
    },
  }
  return c.json(body, ERRORS[code].status as ContentfulStatusCode)
}

/** Field problems from zod, re-worded in the user's language. */
export function validationDetails(error: z.ZodError, locale: Locale) {
  return error.issues.map((issue) => {
    const localized = zodLocales[locale](issue as never)
    const message =
      typeof localized === 'string' ? localized : (localized?.message ?? issue.message)
    return { path: issue.path.join('.'), message }
  })
}

export class ValidationFailedError extends Error {
  constructor(readonly zodError: z.ZodError) {
    super('validation failed')
  }
}

function codeOfStorageError(error: unknown): ErrorCode | undefined {
  const e = error as { code?: string; errno?: string }
  const code = e?.code ?? ''
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return 'storage_full'
  if (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'ECONNREFUSED' ||
    code === 'ETIMEDOUT' ||
    code === '57P01' ||
    code === '57P03' ||
    code === '53300'
  )
    return 'unavailable'
  if (
    error instanceof Error &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(error.message)
  )
    return 'unavailable'
  return undefined
}

// Details a service gives in both languages (e.g. what blocks a post); any other details stay on the server.
const localizedDetailsSchema = z.array(
  z.object({ path: z.string(), message: z.object({ sv: z.string(), en: z.string() }) }),
)

function localizedDetails(details: unknown, locale: Locale) {
  const parsed = localizedDetailsSchema.safeParse(details)
  return parsed.success
    ? parsed.data.map(({ path, message }) => ({ path, message: message[locale] }))
    : undefined
}

export function handleError(error: unknown, c: Context<AppEnv>) {
  if (error instanceof RetryLaterError) {
    c.header('Retry-After', String(error.retryAfterSeconds))
    const wait = tryAgainIn(error.retryAfterSeconds, c.get('locale') ?? 'sv')
    return errorResponse(c, error.code, undefined, undefined, wait)
  }
  if (error instanceof DomainError) {
    const details = localizedDetails(error.details, c.get('locale') ?? 'sv')
    return errorResponse(c, error.code, details, error.reason)
  }
  if (error instanceof ValidationFailedError) {
    return errorResponse(
      c,
      'validation_failed',
      validationDetails(error.zodError, c.get('locale') ?? 'sv'),
    )
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) return errorResponse(c, 'payload_too_large')
    if (error.status === 400 && /json/i.test(error.message))
      return errorResponse(c, 'malformed_json')
    if (error.status === 400) return errorResponse(c, 'validation_failed')
  }
  const storage = codeOfStorageError(error)
  const log = c.get('log')
  if (storage) {
    log?.error({ err: error }, 'storage problem')
    return errorResponse(c, storage)
  }
  log?.error({ err: error }, 'unhandled error')
  return errorResponse(c, 'internal')
}
