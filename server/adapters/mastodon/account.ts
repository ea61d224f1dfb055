import { createHash } from 'node:crypto'
import { z } from 'zod'
import {
  ChannelError,
  type ChannelAccount,
  type ChannelCredentials,
} from '../channels/channel-adapter.js'
import { accountSchema, credentialsSchema, profileUrl, type MastodonCredentials } from './api.js'
import { describeCode, systemCode, type RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { fetchInstance, limitsFromInstance } from './instance-limits.js'
import { budgetKey } from './rate-budget.js'

/** What `connect` accepts: a pasted token, or the code from the OAuth redirect. */
export const connectInputSchema = z.union([
  z.object({ instanceUrl: z.string(), accessToken: z.string().min(1) }),
  z.object({
    instanceUrl: z.string(),
    code: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    redirectUri: z.string().min(1),
  }),
])

/**
 * The account the token belongs to (GET /api/v1/accounts/verify_credentials) and
 * the instance's live limits (GET /api/v2/instance).
 */
export async function readAccount(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
) {
  const ctx: RequestContext = {
    effect: 'read',
    what: 'GET /api/v1/accounts/verify_credentials',
    notFound: 'account_gone',
  }
  const response = await send(deps, credentials.instanceUrl, {
    method: 'GET',
    path: '/api/v1/accounts/verify_credentials',
    token: credentials.accessToken,
    ctx,
    timeoutMs,
    budget: { account: budgetKey(credentials), buckets: ['api'] },
  })
  const account = read(accountSchema, response, ctx)
  if (account.suspended) {
    throw new ChannelError('permanent', 'account_gone', 'The Mastodon account is suspended')
  }
  const instance = await fetchInstance(deps, credentials, timeoutMs)
  // Handles use the instance's `domain`, which may differ from the host serving the API.
  const host = instance?.domain ?? new URL(credentials.instanceUrl).hostname
  const channelAccount: ChannelAccount = {
    remoteId: account.id,
    handle: `@${account.acct.includes('@') ? account.acct : `${account.acct}@${host}`}`,
    displayName: account.display_name || account.username,
    // Mastodon's pages live on the host serving the API, whatever the handle's domain.
    profileUrl: profileUrl(account, new URL(credentials.instanceUrl).host),
  }
  return { account: channelAccount, limits: limitsFromInstance(instance) }
}

/** Credentials for the calls made before the account id is known; the budget goes by token. */
export function pendingCredentials(instanceUrl: string, accessToken: string): MastodonCredentials {
  const tokenId = createHash('sha256').update(accessToken).digest('hex').slice(0, 16)
  return { instanceUrl, accessToken, accountId: `token:${tokenId}` }
}

export function parseCredentials(stored: ChannelCredentials): MastodonCredentials {
  const parsed = credentialsSchema.safeParse(stored)
  if (!parsed.success) {
    throw new ChannelError(
      'permanent',
      'auth_revoked',
      'The stored Mastodon credentials are incomplete: reconnect the channel',
    )
  }
  return parsed.data
}

// A person is waiting on connect: say plainly what is wrong instead of scheduling a retry.
export function forConnect(error: unknown, instanceUrl: string): unknown {
  if (!(error instanceof ChannelError)) return error
  const host = new URL(instanceUrl).host
  if (error.code === 'network_unreachable' || error.code === 'timeout') {
    const code = systemCode(error.cause)
    const why = code
      ? describeCode(code)
      : error.code === 'timeout'
        ? 'no answer in time'
        : 'no connection'
    return new ChannelError(
      'permanent',
      error.code,
      `Could not reach ${host} (${why}). Check the server address.`,
      undefined,
      { cause: error },
    )
  }
  if (error.code === 'auth_revoked') {
    return new ChannelError(
      'permanent',
      'auth_failed',
      'Mastodon did not accept this access token',
      undefined,
      {
        cause: error,
      },
    )
  }
  if (error.code === 'bad_response') {
    return new ChannelError(
      'permanent',
      'bad_response',
      `${host} does not answer like a Mastodon server. Check the server address.`,
      undefined,
      { cause: error },
    )
  }
  return error
}
