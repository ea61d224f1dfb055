import { guardedClient, type GuardedFetch } from '../../net/guarded-client.js'
import { ChannelError } from '../channels/channel-adapter.js'
import { memoryRateBudget } from '../channels/rate-budget.js'
import { credentialApplicationSchema, tokenSchema } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { normalizeInstanceUrl } from './instance-url.js'

// Mastodon's OAuth 2 authorization-code flow:
// https://docs.joinmastodon.org/client/token/, /methods/apps/#create and /methods/oauth/.

/**
 * The narrowest scopes that cover what the adapter does
 * (https://docs.joinmastodon.org/api/oauth-scopes/): verify_credentials needs
 * read:accounts, reading back the account's posts and threads read:statuses,
 * posting, deleting and revoking quotes write:statuses, uploading and polling
 * media write:media, the inbox read:notifications, blocking write:blocks and
 * muting write:mutes.
 */
export const MASTODON_SCOPES =
  'read:accounts read:statuses read:notifications write:statuses write:media write:blocks write:mutes'

export interface OAuthOptions {
  /** The guarded client; one allowing only public addresses when not given. */
  fetch?: GuardedFetch
  timeoutMs?: number
}

export interface RegisteredApp {
  instanceUrl: string
  clientId: string
  clientSecret: string
}

function deps(options: OAuthOptions): HttpDeps {
  return { fetch: options.fetch ?? guardedClient(), budget: memoryRateBudget(), now: Date.now }
}

/**
 * Registers Torget as an app on the instance (POST /api/v1/apps). Do it once per
 * instance and redirect URI and keep the result: client_id and client_secret are
 * secrets, and since Mastodon 4.3 an app is no longer removed when it has no tokens.
 */
export async function registerApp(
  instanceUrl: string,
  redirectUri: string,
  options: OAuthOptions & { clientName?: string; website?: string } = {},
): Promise<RegisteredApp> {
  const origin = normalizeInstanceUrl(instanceUrl)
  const ctx: RequestContext = {
    effect: 'write',
    what: 'POST /api/v1/apps',
    rejected: 'auth_failed',
    oauth: true,
  }
  const body = new URLSearchParams({
    client_name: options.clientName ?? 'Torget',
    redirect_uris: redirectUri,
    scopes: MASTODON_SCOPES,
  })
  if (options.website) body.set('website', options.website)
  const response = await send(deps(options), origin, {
    method: 'POST',
    path: '/api/v1/apps',
    body,
    ctx,
    timeoutMs: options.timeoutMs ?? 15_000,
  })
  const app = read(credentialApplicationSchema, response, ctx)
  return { instanceUrl: origin, clientId: app.client_id, clientSecret: app.client_secret }
}

/**
 * The address to send the person to (GET /oauth/authorize). Pass a random `state`
 * and check it on return (RFC 6749 §10.12). `forceLogin` defaults to true because a
 * librarian is often signed in to a personal account on the same instance, and
 * without it Mastodon would authorize that one.
 */
export function authorizeUrl(input: {
  instanceUrl: string
  clientId: string
  redirectUri: string
  state?: string
  forceLogin?: boolean
  /** ISO 639-1 language of the consent page, e.g. 'sv'. */
  lang?: string
}): string {
  const url = new URL('/oauth/authorize', normalizeInstanceUrl(input.instanceUrl))
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', input.clientId)
  url.searchParams.set('redirect_uri', input.redirectUri)
  url.searchParams.set('scope', MASTODON_SCOPES)
  if (input.state) url.searchParams.set('state', input.state)
  if (input.forceLogin ?? true) url.searchParams.set('force_login', 'true')
  if (input.lang) url.searchParams.set('lang', input.lang)
  return url.toString()
}

/** Trades the code from the redirect for an access token (POST /oauth/token). */
export async function exchangeCode(
  input: {
    instanceUrl: string
    clientId: string
    clientSecret: string
    redirectUri: string
    code: string
  },
  options: OAuthOptions = {},
): Promise<{ accessToken: string; scope: string }> {
  const ctx: RequestContext = {
    effect: 'write',
    what: 'POST /oauth/token',
    rejected: 'auth_failed',
    oauth: true,
  }
  const response = await send(deps(options), normalizeInstanceUrl(input.instanceUrl), {
    method: 'POST',
    path: '/oauth/token',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: input.code,
      client_id: input.clientId,
      client_secret: input.clientSecret,
      redirect_uri: input.redirectUri,
      // With a code, the docs require the same scope that was requested from the person.
      scope: MASTODON_SCOPES,
    }),
    ctx,
    timeoutMs: options.timeoutMs ?? 15_000,
  })
  const token = read(tokenSchema, response, ctx)
  const granted = new Set(token.scope.split(/\s+/))
  const missing = MASTODON_SCOPES.split(' ').filter(
    (s) => !granted.has(s) && !coveredBy(s, granted),
  )
  if (missing.length > 0) {
    throw new ChannelError(
      'permanent',
      'auth_failed',
      `Mastodon granted fewer permissions than Torget needs (missing ${missing.join(', ')})`,
    )
  }
  return { accessToken: token.access_token, scope: token.scope }
}

// "write" covers "write:statuses", and so on.
function coveredBy(scope: string, granted: Set<string>): boolean {
  return granted.has(scope.split(':')[0] ?? scope)
}
