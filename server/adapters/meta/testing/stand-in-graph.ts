import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { standInInsights } from './stand-in-insights.js'
import { standInComments } from './stand-in-comments.js'

/*
 * A stand-in for Meta's Graph API and Threads API on loopback, built from Meta's
 * public documentation because no Meta server can be reached from the tests.
 * Each behaviour names the page it follows. It is not Meta: what the docs leave
 * open (exact timings, wording of messages) is a guess, said so where it is one.
 */

const DOCS = {
  errors: 'https://developers.facebook.com/docs/graph-api/guides/error-handling',
  rateLimits: 'https://developers.facebook.com/docs/graph-api/overview/rate-limiting',
  login: 'https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow',
  longLived:
    'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived',
  debugToken: 'https://developers.facebook.com/docs/graph-api/reference/debug_token',
  accounts: 'https://developers.facebook.com/docs/graph-api/reference/user/accounts',
  pageFeed: 'https://developers.facebook.com/docs/pages-api/posts',
  pagePhotos: 'https://developers.facebook.com/docs/graph-api/reference/page/photos',
  igPublishing: 'https://developers.facebook.com/docs/instagram-platform/content-publishing',
  igContainer:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container',
  igLimit:
    'https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit',
  threadsPosts: 'https://developers.facebook.com/documentation/threads/posts',
  secretProof: 'https://developers.facebook.com/docs/graph-api/securing-requests',
  subscribedApps: 'https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps',
} as const
export { DOCS as STAND_IN_DOCS }

export interface StandInPage {
  id: string
  name: string
  /** An Instagram professional account linked to the Page; absent for a Page without one. */
  instagram?: { id: string; username: string }
}

interface Container {
  id: string
  owner: string
  network: 'instagram' | 'threads'
  params: Record<string, string>
  children: string[]
  /** Status reads left before FINISHED. */
  pollsLeft: number
  state: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'PUBLISHED' | 'EXPIRED'
}

export interface PublishedMedia {
  id: string
  owner: string
  network: 'facebook' | 'instagram' | 'threads'
  text: string
  /** Alt texts of the images, in order. */
  alts: string[]
  /** Bytes fetched from each image URL, in order. */
  imageBytes: number[]
  timestamp: string
}

export interface StandInOptions {
  appId: string
  appSecret: string
  pages: StandInPage[]
  threadsUser?: { id: string; username: string }
  /** Permissions the consent page grants; the real page lets a person untick some. */
  grantedScopes?: string[]
  /** A long-lived token's life; Meta's is about 60 days (DOCS.longLived). */
  longLivedSeconds?: number
}

export async function startStandInGraph(options: StandInOptions) {
  const tokens = new Map<
    string,
    { kind: 'user' | 'page' | 'threads'; subject: string; expiresAt: number }
  >()
  const codes = new Map<string, { redirectUri: string; kind: 'facebook' | 'threads' }>()
  const containers = new Map<string, Container>()
  const media: PublishedMedia[] = []
  const photos = new Map<string, { alt: string; bytes: number }>()
  const requests: { method: string; path: string; params: Record<string, string> }[] = []
  /** The webhook fields each Page subscribed the app to. */
  const subscriptions = new Map<string, string[]>()
  const longLived = options.longLivedSeconds ?? 5_183_944
  let nextId = 17_000_000
  const id = () => String(nextId++)
  const comments = standInComments({ media, containers, id, ...options })
  const faults = {
    /** Answer code 613 to the next N requests (a "storm"). */
    throttle: 0,
    /** Send X-App-Usage at this call_count percentage. */
    appUsage: 0,
    /** Containers need this many status reads before FINISHED. */
    pollsBeforeFinished: 1,
    /** New containers end in ERROR after their polls. */
    containerError: false,
    /** Every token stops working (code 190), as after a password change or a revoked app. */
    revoked: false,
    /** Instagram's used quota in the last 24 hours. */
    quotaUsage: 0,
    /** Answer 368 to the next feed post or media_publish. */
    policyBlock: false,
  }

  const issue = (kind: 'user' | 'page' | 'threads', subject: string, seconds: number) => {
    const token = `${kind}-${crypto.randomBytes(12).toString('hex')}`
    tokens.set(token, { kind, subject, expiresAt: Date.now() + seconds * 1000 })
    return token
  }

  // Error bodies as documented: { error: { message, type, code, error_subcode, fbtrace_id } } (DOCS.errors).
  const fail = (
    res: http.ServerResponse,
    status: number,
    code: number,
    message: string,
    subcode?: number,
  ) =>
    json(res, status, {
      error: {
        message,
        type: code === 190 ? 'OAuthException' : 'GraphMethodException',
        code,
        ...(subcode && { error_subcode: subcode }),
        fbtrace_id: 'StandIn',
      },
    })

  async function fetchImage(url: string): Promise<number> {
    // Meta "cURLs" the media at publishing time, so the URL must be publicly reachable (DOCS.igPublishing).
    const response = await fetch(url)
    if (!response.ok) throw new Error(`image fetch ${response.status}`)
    return (await response.arrayBuffer()).byteLength
  }

  const insights = standInInsights({ ...options, media, fail, json })

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      fail(res, 500, 1, `stand-in failure: ${String(error)}`),
    )
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const body =
      req.method === 'POST' ? new URLSearchParams(await readBody(req)) : new URLSearchParams()
    const params = Object.fromEntries([...url.searchParams, ...body])
    const path = url.pathname.replace(/^\/v\d+\.\d+/, '')
    requests.push({ method: req.method ?? 'GET', path, params })

    // Facebook Login's dialog, and the Threads one (DOCS.login, DOCS.threadsPosts): a consent page.
    if (path === '/dialog/oauth' || path === '/oauth/authorize') {
      const kind = path === '/dialog/oauth' ? 'facebook' : 'threads'
      if (params.client_id !== options.appId) return fail(res, 400, 100, 'Invalid app ID')
      if (req.method === 'POST') {
        const code = crypto.randomBytes(8).toString('hex')
        codes.set(code, { redirectUri: params.redirect_uri!, kind })
        const back = new URL(params.redirect_uri!)
        if (params.decision === 'allow') back.searchParams.set('code', code)
        else {
          back.searchParams.set('error', 'access_denied')
          back.searchParams.set('error_reason', 'user_denied')
        }
        back.searchParams.set('state', params.state ?? '')
        res.writeHead(302, { Location: back.toString() }).end()
        return
      }
      const hidden = ['client_id', 'redirect_uri', 'state', 'scope']
        .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params[k] ?? '')}">`)
        .join('')
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end(
          `<!doctype html><html lang="en"><title>Stand-in consent</title><main><h1>Allow Torget?</h1><p>Permissions: ${escapeHtml(params.scope ?? '')}</p><form method="post">${hidden}<button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Cancel</button></form></main></html>`,
        )
      return
    }

    // Exchanging the code, then for a long-lived token (DOCS.login, DOCS.longLived).
    if (path === '/oauth/access_token') {
      if (params.client_secret !== options.appSecret)
        return fail(res, 400, 1, 'Error validating client secret')
      if (params.grant_type === 'fb_exchange_token') {
        const held = tokens.get(params.fb_exchange_token ?? '')
        if (!held || held.expiresAt < Date.now())
          return fail(res, 400, 190, 'Invalid OAuth access token')
        return json(res, 200, {
          access_token: issue('user', held.subject, longLived),
          token_type: 'bearer',
          expires_in: longLived,
        })
      }
      const code = codes.get(params.code ?? '')
      if (!code || code.redirectUri !== params.redirect_uri)
        return fail(res, 400, 100, 'Invalid verification code format', 36008)
      codes.delete(params.code!)
      if (code.kind === 'threads')
        return json(res, 200, {
          access_token: issue('threads', options.threadsUser?.id ?? '0', 3600),
          user_id: Number(options.threadsUser?.id ?? 0),
        })
      return json(res, 200, {
        access_token: issue('user', 'person', 3600),
        token_type: 'bearer',
        expires_in: 3600,
      })
    }
    // Threads: short-lived to long-lived (DOCS.threadsPosts → Long-Lived Tokens).
    if (path === '/access_token' && params.grant_type === 'th_exchange_token') {
      const held = tokens.get(params.access_token ?? '')
      if (params.client_secret !== options.appSecret || !held)
        return fail(res, 400, 190, 'Invalid OAuth access token')
      return json(res, 200, {
        access_token: issue('threads', held.subject, longLived),
        token_type: 'bearer',
        expires_in: longLived,
      })
    }

    // Faults that Meta applies before anything else: throttling and revoked access (DOCS.errors).
    if (faults.throttle > 0) {
      faults.throttle--
      return fail(res, 400, 613, 'Calls to this api have exceeded the rate limit.')
    }
    if (faults.appUsage > 0)
      res.setHeader(
        'X-App-Usage',
        JSON.stringify({ call_count: faults.appUsage, total_time: 10, total_cputime: 10 }),
      )

    if (path === '/debug_token') {
      const held = tokens.get(params.input_token ?? '')
      return json(res, 200, {
        data: {
          app_id: options.appId,
          is_valid: Boolean(held),
          expires_at: held ? Math.floor(held.expiresAt / 1000) : 0,
          data_access_expires_at: Math.floor(Date.now() / 1000) + 90 * 86400,
          scopes: options.grantedScopes ?? [],
        },
      })
    }

    const token = params.access_token ?? ''
    const held = tokens.get(token)
    if (faults.revoked || !held || held.expiresAt < Date.now())
      return fail(res, 400, 190, 'Error validating access token: Session has expired', 463)
    // appsecret_proof = HMAC-SHA256(token, app secret), hex (DOCS.secretProof); Threads does not use it.
    if (held.kind !== 'threads') {
      const proof = crypto.createHmac('sha256', options.appSecret).update(token).digest('hex')
      if (params.appsecret_proof !== proof)
        return fail(res, 400, 100, 'Invalid appsecret_proof provided in the API argument')
    }

    const [, first, edge] = path.split('/')
    const method = req.method ?? 'GET'
    if (await comments.handle({ req, res, method, path, first, edge, params, held })) return
    if (path === '/me/accounts')
      return json(res, 200, {
        data: options.pages.map((p) => ({
          id: p.id,
          name: p.name,
          access_token: issue('page', p.id, 10 * 365 * 86400),
          tasks: ['CREATE_CONTENT', 'MODERATE', 'ANALYZE'],
          ...(p.instagram && {
            instagram_business_account: { id: p.instagram.id, username: p.instagram.username },
          }),
        })),
      })
    if (path === '/me' && held.kind === 'threads' && options.threadsUser)
      return json(res, 200, { id: options.threadsUser.id, username: options.threadsUser.username })

    const page = options.pages.find((p) => p.id === first)
    const ig = options.pages.find((p) => p.instagram?.id === first)?.instagram
    const threadsUser = options.threadsUser?.id === first ? options.threadsUser : undefined
    if (insights.handle(req.method ?? 'GET', first ?? '', edge, params, res)) return

    if (req.method === 'GET' && page && !edge)
      return json(res, 200, {
        id: page.id,
        name: page.name,
        link: `https://www.facebook.com/${page.id}`,
      })
    if (req.method === 'GET' && ig && !edge)
      return json(res, 200, { id: ig.id, username: ig.username, name: ig.username })

    // Subscribing the app to a Page's webhooks: the Page's token, pages_manage_metadata, and
    // subscribed_fields; answers {success: true} (DOCS.subscribedApps).
    if (req.method === 'POST' && page && edge === 'subscribed_apps') {
      if (held.kind !== 'page' || held.subject !== page.id)
        return fail(
          res,
          400,
          210,
          '(#210) A page access token is required to request this resource.',
        )
      if (options.grantedScopes && !options.grantedScopes.includes('pages_manage_metadata'))
        return fail(res, 403, 200, '(#200) Requires pages_manage_metadata permission')
      if (!params.subscribed_fields)
        return fail(res, 400, 100, '(#100) subscribed_fields is required')
      subscriptions.set(page.id, params.subscribed_fields.split(','))
      return json(res, 200, { success: true })
    }

    // Unpublished photo, then one feed post with attached_media (DOCS.pagePhotos, DOCS.pageFeed).
    if (req.method === 'POST' && page && edge === 'photos') {
      if (!params.url) return fail(res, 400, 100, '(#100) Missing url')
      const bytes = await fetchImage(params.url).catch(() => -1)
      if (bytes < 0) return fail(res, 400, 324, '(#324) Requires upload file')
      const photoId = id()
      photos.set(photoId, { alt: params.alt_text_custom ?? '', bytes })
      return json(res, 200, { id: photoId })
    }
    if (req.method === 'POST' && page && edge === 'feed') {
      if (faults.policyBlock) {
        faults.policyBlock = false
        return fail(
          res,
          400,
          368,
          'The action attempted has been deemed abusive or is otherwise disallowed',
        )
      }
      const attached = Object.entries(params)
        .filter(([k]) => /^attached_media\[\d+\]$/.test(k))
        .map(([, v]) => (JSON.parse(v) as { media_fbid: string }).media_fbid)
      if (!params.message && attached.length === 0 && !params.link)
        return fail(res, 400, 100, '(#100) Missing message or attachment')
      const used = attached.map((a) => photos.get(a))
      if (used.some((p) => !p)) return fail(res, 400, 100, '(#100) Invalid media_fbid')
      const postId = `${page.id}_${id()}`
      media.push({
        id: postId,
        owner: page.id,
        network: 'facebook',
        text: params.message ?? '',
        alts: used.map((p) => p!.alt),
        imageBytes: used.map((p) => p!.bytes),
        timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+0000'),
      })
      return json(res, 200, { id: postId })
    }
    if (req.method === 'GET' && page && edge === 'feed')
      return json(res, 200, {
        data: media
          .filter((m) => m.owner === page.id)
          .reverse()
          .map((m) => ({
            id: m.id,
            message: m.text,
            created_time: m.timestamp,
            updated_time: comments.updatedTime(m.id, m.timestamp),
            permalink_url: `https://www.facebook.com/${m.id}`,
          })),
      })

    // Containers: Instagram (DOCS.igPublishing, DOCS.igContainer) and Threads (DOCS.threadsPosts).
    const owner = ig?.id ?? threadsUser?.id
    const network = ig ? 'instagram' : 'threads'
    if (req.method === 'POST' && owner && (edge === 'media' || edge === 'threads')) {
      const carousel = params.media_type === 'CAROUSEL'
      const children = carousel ? (params.children ?? '').split(',').filter(Boolean) : []
      if (carousel && (children.length < 2 || children.length > (ig ? 10 : 20)))
        return fail(res, 400, 100, 'The carousel must have between 2 and 10 items', 2207036)
      if (carousel && children.some((c) => containers.get(c)?.state !== 'FINISHED'))
        return fail(res, 400, 9007, 'Media ID is not available', 2207027)
      if (!carousel && network === 'instagram' && !params.image_url && !params.video_url)
        return fail(res, 400, 100, 'The parameter image_url is required.')
      if (network === 'threads' && !['TEXT', 'IMAGE', 'CAROUSEL'].includes(params.media_type ?? ''))
        return fail(res, 400, 100, 'media_type is required')
      // "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8
      // bytes" (DOCS.threadsPosts). Which characters count as emoji the docs leave open: here,
      // those shown as pictures by default, with VS16, or flags.
      if (network === 'threads' && threadsLength(params.text ?? '') > 500)
        return fail(res, 400, 100, 'Text exceeds 500 characters')
      if (params.image_url) {
        const bytes = await fetchImage(params.image_url).catch(() => -1)
        if (bytes < 0)
          return fail(res, 400, 9004, 'Only photo or video can be accepted as media type.', 2207052)
        params.fetched_bytes = String(bytes)
      }
      const c: Container = {
        id: id(),
        owner,
        network,
        params,
        children,
        pollsLeft: faults.pollsBeforeFinished,
        state: 'IN_PROGRESS',
      }
      containers.set(c.id, c)
      return json(res, 200, { id: c.id })
    }
    const container = containers.get(first ?? '')
    if (req.method === 'GET' && container && !edge) {
      // Status reads: IN_PROGRESS, then FINISHED (or ERROR) — timing is the stand-in's guess.
      if (container.state === 'IN_PROGRESS') {
        if (container.pollsLeft <= 0) container.state = faults.containerError ? 'ERROR' : 'FINISHED'
        else container.pollsLeft--
      }
      return json(
        res,
        200,
        container.network === 'instagram'
          ? {
              id: container.id,
              status_code: container.state,
              ...(container.state === 'ERROR' && { status: 'Error: 2207026' }),
            }
          : {
              id: container.id,
              status: container.state,
              ...(container.state === 'ERROR' && { error_message: 'FAILED_PROCESSING_IMAGE' }),
            },
      )
    }
    if (req.method === 'GET' && ig && edge === 'content_publishing_limit')
      return json(res, 200, {
        data: [
          { quota_usage: faults.quotaUsage, config: { quota_total: 25, quota_duration: 86400 } },
        ],
      })
    if (
      req.method === 'POST' &&
      owner &&
      (edge === 'media_publish' || edge === 'threads_publish')
    ) {
      const c = containers.get(params.creation_id ?? '')
      if (!c || c.owner !== owner) return fail(res, 400, 100, 'Invalid parameter', 2207006)
      if (c.state !== 'FINISHED') return fail(res, 400, 9007, 'Media ID is not available', 2207027)
      if (faults.policyBlock) {
        faults.policyBlock = false
        return fail(
          res,
          400,
          368,
          'The action attempted has been deemed abusive or is otherwise disallowed',
        )
      }
      if (ig && faults.quotaUsage >= 25)
        return fail(res, 400, 9, 'Application request limit reached', 2207042)
      c.state = 'PUBLISHED'
      faults.quotaUsage += ig ? 1 : 0
      const items = c.children.length
        ? c.children.map((k) => containers.get(k)!)
        : c.params.image_url
          ? [c]
          : []
      const m: PublishedMedia = {
        id: id(),
        owner,
        network: c.network,
        text: c.params.caption ?? c.params.text ?? '',
        alts: items.map((i) => i.params.alt_text ?? ''),
        imageBytes: items.map((i) => Number(i.params.fetched_bytes ?? 0)),
        timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+0000'),
      }
      media.push(m)
      return json(res, 200, { id: m.id })
    }
    if (req.method === 'GET' && owner && (edge === 'media' || edge === 'threads'))
      return json(res, 200, {
        data: media
          .filter((m) => m.owner === owner)
          .reverse()
          .map((m) => ({
            id: m.id,
            [network === 'instagram' ? 'caption' : 'text']: m.text,
            permalink: `https://www.${network}.com/p/${m.id}`,
            timestamp: m.timestamp,
            ...(network === 'instagram' && { comments_count: comments.count(m.id) }),
          })),
      })
    const published = media.find((m) => m.id === first)
    if (req.method === 'GET' && published)
      return json(res, 200, {
        id: published.id,
        permalink: `https://www.${published.network}.com/p/${published.id}`,
        permalink_url: `https://www.facebook.com/${published.id}`,
      })
    if (req.method === 'DELETE' && published) {
      media.splice(media.indexOf(published), 1)
      return json(res, 200, { success: true })
    }
    return fail(res, 400, 100, `Unsupported request: ${req.method} ${path}`, 33)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    faults,
    media,
    containers,
    requests,
    subscriptions,
    /** Followers and post counts as Meta would give them (stand-in-insights.ts). */
    insights,
    /** Comments and replies under the published posts (stand-in-comments.ts). */
    comments,
    /** Ends a token's life now, as when it runs out mid-schedule. */
    expireAll() {
      for (const t of tokens.values()) t.expiresAt = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
export type StandInGraph = Awaited<ReturnType<typeof startStandInGraph>>

function json(res: http.ServerResponse, status: number, body: unknown) {
  res
    .writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' })
    .end(JSON.stringify(body))
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (data += chunk))
    req.on('end', () => resolve(data))
    req.on('error', reject)
  })
}

function threadsLength(text: string): number {
  let n = 0
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(
    text.normalize('NFC'),
  ))
    n += /\p{Emoji_Presentation}|\uFE0F|\p{Regional_Indicator}/u.test(segment)
      ? Buffer.byteLength(segment)
      : 1
  return n
}

function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
