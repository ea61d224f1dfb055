import type { ModerationAction } from '../../../core/channels/networks.js'
import { ChannelError } from '../channels/channel-adapter.js'
import type { ModerationRequest, RemoteState } from '../channels/interactions.js'
import { relationshipSchema, remoteStatusSchema, type MastodonCredentials } from './api.js'
import type { RequestContext } from './errors.js'
import { read, send, type HttpDeps } from './http.js'
import { fetchInstance } from './instance-limits.js'
import { statusText } from './interaction-map.js'
import { budgetKey } from './rate-budget.js'

const ASK_INSTEAD =
  "block the account, report the post to the server's moderators, or ask its author to remove it"

/**
 * What Mastodon cannot do for the library. It has no way to hide a reply under
 * one's own post or to detach a quote other than revoking it.
 */
export function notSupported(action: string, why: string): ChannelError {
  return new ChannelError(
    'permanent',
    'not_supported',
    `Mastodon cannot ${action}${why ? ` (${why})` : ''}: instead ${ASK_INSTEAD}`,
  )
}

/** Mastodon's API version that first has quote posts (4.5). */
const QUOTES_API_VERSION = 7

export async function moderate(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  request: ModerationRequest,
  undo: boolean,
): Promise<void> {
  const action: ModerationAction = request.action
  switch (action) {
    case 'block':
    case 'mute': {
      // https://docs.joinmastodon.org/methods/accounts/#block (and unblock, mute, unmute):
      // each answers 200 with the relationship also when it was already so.
      const verb = `${undo ? 'un' : ''}${action}`
      const path = `/api/v1/accounts/${encodeURIComponent(request.target.author.remoteId)}/${verb}`
      await post(
        deps,
        credentials,
        timeoutMs,
        path,
        { notFound: 'account_gone' },
        relationshipSchema,
      )
      return
    }
    case 'revoke_quote':
      if (undo) throw notSupported('restore a revoked quote', 'the author may quote the post again')
      return revokeQuote(deps, credentials, timeoutMs, request)
    case 'hide_reply':
      throw notSupported(`${undo ? 'unhide' : 'hide'} a reply under the library's post`, '')
    case 'detach_quote':
      throw notSupported("detach a quote of the library's post", 'it can revoke one')
    case 'delete_comment':
      throw notSupported("delete another account's reply", '')
  }
}

/**
 * POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke (Mastodon 4.5): `:id`
 * is the library's quoted post, `:quoting_status_id` the quote.
 * https://docs.joinmastodon.org/methods/statuses/#revoke_quote
 */
async function revokeQuote(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  request: ModerationRequest,
) {
  const quoted = request.target.subjectRemoteId
  if (!quoted) throw notSupported('revoke this quote', 'Torget does not know which post it quotes')
  const path = `/api/v1/statuses/${encodeURIComponent(quoted)}/quotes/${encodeURIComponent(request.target.remoteId)}/revoke`
  try {
    await post(deps, credentials, timeoutMs, path, {}, remoteStatusSchema.pick({ id: true }))
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error
    if (error.code === 'not_supported') {
      throw notSupported("revoke a quote of a post that is not the library's", '')
    }
    if (error.code !== 'not_found') throw error
    // 404: the server predates quotes, or the quote is gone already (which is what was asked).
    const instance = await fetchInstance(deps, credentials, timeoutMs)
    if ((instance?.api_versions?.mastodon ?? 0) < QUOTES_API_VERSION) {
      throw notSupported('revoke quotes on this server', 'it runs a Mastodon older than 4.5')
    }
  }
}

async function post(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  path: string,
  codes: Pick<RequestContext, 'notFound'>,
  schema: Parameters<typeof read>[0],
) {
  const ctx: RequestContext = {
    effect: 'write',
    what: `POST ${path}`,
    forbidden: 'not_supported',
    ...codes,
  }
  const response = await send(deps, credentials.instanceUrl, {
    method: 'POST',
    path,
    token: credentials.accessToken,
    ctx,
    timeoutMs,
    budget: { account: budgetKey(credentials), buckets: ['api'] },
  })
  read(schema, response, ctx)
}

/**
 * GET /api/v1/statuses/:id for each post: 200 present (with its text now and
 * when last edited), 404 deleted, 410 the author's account gone, 403 or a
 * refused read not visible to the library. Mastodon answers 404 also for a
 * post it hides from the library, so a block by its author reads as deleted.
 * https://docs.joinmastodon.org/methods/statuses/#get
 */
export async function recheck(
  deps: HttpDeps,
  credentials: MastodonCredentials,
  timeoutMs: number,
  remoteIds: readonly string[],
): Promise<Map<string, RemoteState>> {
  const states = new Map<string, RemoteState>()
  for (const id of new Set(remoteIds.slice(0, 25))) {
    const path = `/api/v1/statuses/${encodeURIComponent(id)}`
    const ctx: RequestContext = { effect: 'read', what: `GET ${path}`, forbidden: 'not_supported' }
    try {
      const response = await send(deps, credentials.instanceUrl, {
        method: 'GET',
        path,
        token: credentials.accessToken,
        ctx,
        timeoutMs,
        budget: { account: budgetKey(credentials), buckets: ['api'] },
      })
      const status = read(remoteStatusSchema, response, ctx)
      const state: RemoteState = { state: 'present', text: statusText(status) }
      if (status.edited_at) state.editedAt = status.edited_at
      states.set(id, state)
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error
      if (error.code === 'not_found' || error.code === 'account_gone') {
        states.set(id, { state: 'deleted' })
      } else if (error.code === 'not_supported') {
        states.set(id, { state: 'unavailable' })
      } else {
        throw error
      }
    }
  }
  return states
}
