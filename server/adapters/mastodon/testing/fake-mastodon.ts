import { readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fakeInbox } from './fake-inbox.js'

/** A documented response recorded in ../fixtures, as a fresh copy. */
export function fixture<T = Record<string, unknown>>(name: string): NoInfer<T> {
  const path = new URL(`../fixtures/${name}.json`, import.meta.url)
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** Parsed form-urlencoded or multipart body. */
  form: FormData | undefined
  /** Parsed JSON body. */
  json: unknown
}

export type Reply =
  | {
      status: number
      json?: unknown
      text?: string
      headers?: Record<string, string>
      delayMs?: number
    }
  | { destroy: 'before-headers' | 'mid-body' }

interface Override {
  method: string
  path: RegExp
  /** A function may answer undefined to let the request through to the usual answer. */
  reply: Reply | ((req: RecordedRequest) => Reply | undefined)
  times: number
}

export const PASTED_TOKEN = 'pasted-token-9f8e7d'
export const OAUTH_CODE = 'qDFUEaYrRK5c-HNmTCJbAzazwLRInJ7VHFat0wcMgCU'

/**
 * A real HTTP server on loopback that answers like a Mastodon instance, with the
 * documented entities in ../fixtures, and records every request it gets.
 */
export async function startFakeMastodon() {
  const requests: RecordedRequest[] = []
  const overrides: Override[] = []
  const account = fixture('credential-account')
  const token = fixture<{ access_token: string }>('token').access_token
  const app = fixture<{ client_id: string; client_secret: string }>('application')
  const statusesByKey = new Map<string, Record<string, unknown>>()
  const liveStatuses = new Set<string>(fixture<{ id: string }[]>('statuses').map((s) => s.id))
  const processing = new Map<string, number>()
  const descriptions = new Map<string, string>()
  // Statuses made here, newest first: the account's statuses list shows them before the fixtures.
  const made: Record<string, unknown>[] = []
  let nextId = 0
  let baseUrl = ''
  const inbox = fakeInbox(() => baseUrl)
  // Accounts the recorded notifications name, by acct, for rendering mentions in posts made here.
  const known = new Map<string, Record<string, unknown>>()
  for (const n of fixture<{ account: Record<string, unknown> }[]>('notifications')) {
    known.set(n.account.acct as string, n.account)
  }

  function standard(req: RecordedRequest): Reply {
    const { method, path } = req
    if (method === 'POST' && path === '/api/v1/apps')
      return { status: 200, json: fixture('application') }
    if (method === 'POST' && path === '/oauth/token') {
      const ok =
        req.form?.get('code') === OAUTH_CODE &&
        req.form.get('client_id') === app.client_id &&
        req.form.get('client_secret') === app.client_secret
      return ok
        ? { status: 200, json: fixture('token') }
        : { status: 400, json: fixture('error-invalid-grant') }
    }
    if (method === 'GET' && path === '/api/v2/instance') {
      const instance = fixture('instance-v2')
      if (inbox.quotes) Object.assign(instance, { version: '4.5.0', api_versions: { mastodon: 7 } })
      return { status: 200, json: instance }
    }
    const auth = req.headers.authorization
    if (auth !== `Bearer ${token}` && auth !== `Bearer ${PASTED_TOKEN}`) {
      return { status: 401, json: fixture('error-401') }
    }
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials') {
      return { status: 200, json: fixture('credential-account') }
    }
    const answered = inbox.handle(req)
    if (answered) return answered
    if (method === 'POST' && path === '/api/v2/media') {
      const id = `11345678901234${String(++nextId).padStart(4, '0')}`
      processing.set(id, 1)
      descriptions.set(id, String(req.form?.get('description') ?? ''))
      return { status: 202, json: { ...fixture('media-processing'), id } }
    }
    const media = /^\/api\/v1\/media\/(\d+)$/.exec(path)
    if (method === 'GET' && media?.[1]) {
      const left = processing.get(media[1])
      if (left === undefined) return { status: 404, json: fixture('error-404') }
      processing.set(media[1], left - 1)
      return left > 0
        ? { status: 206, text: '' }
        : {
            status: 200,
            json: { ...fixture('media'), id: media[1], description: descriptions.get(media[1]) },
          }
    }
    if (method === 'POST' && path === '/api/v1/statuses') {
      // Mastodon answers a repeated Idempotency-Key with the status it created the first time.
      const key = req.headers['idempotency-key']
      const earlier = typeof key === 'string' ? statusesByKey.get(key) : undefined
      if (earlier) return { status: 200, json: earlier }
      const status = statusFrom(req, `11345678909999${String(++nextId).padStart(4, '0')}`)
      if (typeof key === 'string') statusesByKey.set(key, status)
      liveStatuses.add(status.id as string)
      made.unshift(status)
      return { status: 200, json: status }
    }
    if (method === 'GET' && path === `/api/v1/accounts/${account.id as string}/statuses`) {
      return {
        status: 200,
        json: [...made.filter((s) => liveStatuses.has(s.id as string)), ...fixture<[]>('statuses')],
      }
    }
    const status = /^\/api\/v1\/statuses\/(\d+)$/.exec(path)
    if (method === 'DELETE' && status?.[1]) {
      if (!liveStatuses.delete(status[1])) return { status: 404, json: fixture('error-404') }
      return { status: 200, json: { ...fixture('status'), id: status[1] } }
    }
    return { status: 404, json: fixture('error-404') }
  }

  /**
   * A status as Mastodon makes it from a JSON body: the text as HTML with known
   * accounts' @mentions linked, the media in order, the thread and visibility as asked.
   */
  function statusFrom(req: RecordedRequest, id: string): Record<string, unknown> {
    const body = (req.json ?? {}) as {
      status?: string
      media_ids?: string[]
      language?: string
      visibility?: string
      in_reply_to_id?: string
    }
    const status = fixture('status')
    const mentioned = [...(body.status ?? '').matchAll(/@([\w.-]+(?:@[\w.-]+\w)?)/g)]
      .map((m) => known.get(m[1] ?? ''))
      .filter((a) => a !== undefined)
    status.mentions = mentioned.map((a) => ({
      id: a.id,
      username: a.username,
      url: a.url,
      acct: a.acct,
    }))
    status.visibility = body.visibility ?? 'public'
    status.in_reply_to_id = body.in_reply_to_id ?? null
    status.id = id
    status.url = `https://social.example/@stadsbiblioteket/${id}`
    status.uri = `https://social.example/users/stadsbiblioteket/statuses/${id}`
    status.created_at = new Date().toISOString()
    status.content = asHtml(body.status ?? '', known)
    status.language = body.language ?? null
    status.media_attachments = (body.media_ids ?? []).map((mediaId) => ({
      ...fixture('media'),
      id: mediaId,
      description: descriptions.get(mediaId) ?? null,
    }))
    return status
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake')
        const type = req.headers['content-type'] ?? ''
        const form =
          type.startsWith('multipart/form-data') ||
          type.startsWith('application/x-www-form-urlencoded')
            ? await new Request('http://fake/', {
                method: 'POST',
                headers: { 'content-type': type },
                body: Buffer.concat(chunks),
              }).formData()
            : undefined
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          form,
          json: type.startsWith('application/json')
            ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown)
            : undefined,
        }
        requests.push(recorded)
        const override = overrides.find(
          (o) => o.times > 0 && o.method === recorded.method && o.path.test(recorded.path),
        )
        if (override) override.times -= 1
        const reply =
          (override &&
            (typeof override.reply === 'function' ? override.reply(recorded) : override.reply)) ??
          standard(recorded)
        if ('destroy' in reply) {
          if (reply.destroy === 'before-headers') return req.socket.destroy()
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' })
          res.write('{"id":"1134567890')
          setTimeout(() => req.socket.destroy(), 20)
          return
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
        if (res.destroyed) return
        const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '')
        res.writeHead(reply.status, {
          'content-type':
            reply.json !== undefined ? 'application/json; charset=utf-8' : 'text/html',
          ...reply.headers,
        })
        res.end(body)
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  baseUrl = `http://127.0.0.1:${port}`

  return {
    url: baseUrl,
    /** The library's notifications, threads and others' posts. */
    inbox,
    token,
    requests,
    /** Answers the next `times` requests matching method and path with `reply` instead. */
    override(method: string, path: RegExp, reply: Override['reply'], times = 1) {
      overrides.push({ method, path, reply, times })
    },
    find(method: string, path: string | RegExp) {
      return requests.filter(
        (r) =>
          r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
      )
    },
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type FakeMastodon = Awaited<ReturnType<typeof startFakeMastodon>>

/**
 * Plain text as Mastodon renders it: escaped, paragraphs in <p>, line breaks as
 * <br />, a known account's @mention as an h-card link showing only its username.
 */
function asHtml(text: string, known: Map<string, Record<string, unknown>>): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@([\w.-]+(?:@[\w.-]+\w)?)/g, (whole, acct: string) => {
      const a = known.get(acct)
      if (!a) return whole
      return `<span class="h-card" translate="no"><a href="${a.url as string}" class="u-url mention">@<span>${a.username as string}</span></a></span>`
    })
  return escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br />')}</p>`)
    .join('')
}
