import type { ErrorBody } from '../../core/schemas/index.js'

export type FieldProblem = { path: string; message: string }

/** What the API answered when it said no; `message` is already in the user's language. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: FieldProblem[]
  readonly requestId: string | undefined

  constructor(status: number, body: ErrorBody['error']) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.details = body.details ?? []
    this.requestId = body.requestId
  }
}

/** Thrown when the server could not be reached at all (offline, proxy down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network_error', { cause })
    this.name = 'NetworkError'
  }
}

type ClientContext = {
  locale: () => string
  csrfToken: () => string | undefined
}

let context: ClientContext = { locale: () => 'sv', csrfToken: () => undefined }

/** Wires the client to the UI language and the session, once, at start-up. */
export function configureApiClient(next: ClientContext): void {
  context = next
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(body) },
  )
}

/** Posts a file as the raw request body (images), not as JSON. */
export async function upload<T>(path: string, file: Blob): Promise<T> {
  return send<T>('POST', path, { type: file.type, data: file })
}

/** Posts JSON and takes a file back (a release of public records); errors as `api` throws them. */
export async function postForFile(
  path: string,
  body: unknown,
): Promise<{ blob: Blob; filename: string | undefined }> {
  const headers: Record<string, string> = {
    'Accept-Language': context.locale(),
    'Content-Type': 'application/json',
  }
  const token = context.csrfToken()
  if (token) headers['X-CSRF-Token'] = token
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(body),
    })
  } catch (cause) {
    throw new NetworkError(cause)
  }
  if (!response.ok) {
    const payload: unknown = await response.json().catch(() => undefined)
    throw new ApiError(response.status, readErrorBody(payload, response.status))
  }
  const disposition = response.headers.get('content-disposition') ?? ''
  return { blob: await response.blob(), filename: /filename="([^"]+)"/.exec(disposition)?.[1] }
}

async function send<T>(
  method: Method,
  path: string,
  body: { type: string; data: BodyInit } | undefined,
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': context.locale(),
  }
  if (body !== undefined) headers['Content-Type'] = body.type
  if (method !== 'GET') {
    const token = context.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body?.data,
    })
  } catch (cause) {
    throw new NetworkError(cause)
  }

  if (response.status === 204) return undefined as T
  const payload: unknown = await response.json().catch(() => undefined)
  if (response.ok) return payload as T
  throw new ApiError(response.status, readErrorBody(payload, response.status))
}

function readErrorBody(payload: unknown, status: number): ErrorBody['error'] {
  const error = (payload as Partial<ErrorBody> | undefined)?.error
  if (error && typeof error.code === 'string' && typeof error.message === 'string') return error
  // A proxy or a crashed server may answer without the API's error shape.
  return { code: status >= 500 ? 'internal' : 'unknown', message: '' }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

/** The messages of field-level problems, keyed by the field's path. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const byPath: Record<string, string> = {}
  for (const { path, message } of error.details) {
    // Accept "email", "body.email" and "/email" alike: the field is what matters.
    const key = path
      .replace(/^\//, '')
      .replaceAll('/', '.')
      .replace(/^body\./, '')
    byPath[key] ??= message
  }
  return byPath
}
