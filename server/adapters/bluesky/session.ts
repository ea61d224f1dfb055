import { Agent, CredentialSession } from '@atproto/api'
import { z } from 'zod'
import { ChannelError, type ChannelCredentials } from '../channels/channel-adapter.js'
import { isSessionRejected, toChannelError } from './errors.js'
import type { SharedRateBudget } from '../channels/rate-budget.js'
import { blockUntil, spend } from './rate-budget.js'

/** What Torget stores for a Bluesky channel (sealed, like all channel credentials). */
export const blueskyCredentialsSchema = z.object({
  service: z.url(),
  /** What the person typed: a handle or an email address. */
  identifier: z.string().min(1),
  appPassword: z.string().min(1),
  did: z.string().startsWith('did:'),
  handle: z.string().optional(),
  accessJwt: z.string().optional(),
  refreshJwt: z.string().optional(),
})
export type BlueskyCredentials = z.infer<typeof blueskyCredentialsSchema>

/**
 * Called when the adapter refreshed the stored session or had to sign in
 * again. `previous` is the very object the caller passed in, so the caller can
 * find the channel it belongs to; `next` replaces it in storage. If the
 * caller does not persist it, nothing breaks: the next call refreshes or signs
 * in again, which only spends more of Bluesky's login budget. If the handler
 * throws after a successful call, its error is thrown (retrying a publish is
 * safe); after a failed call, the call's ChannelError is thrown instead.
 */
export type CredentialsUpdateHandler = (update: {
  previous: ChannelCredentials
  next: ChannelCredentials
}) => void | Promise<void>

export interface SessionOptions {
  fetch: typeof fetch
  budget: SharedRateBudget
  onCredentialsUpdate?: CredentialsUpdateHandler
}

export interface SignedIn {
  agent: Agent
  session: CredentialSession
  did: string
}

export function parseCredentials(credentials: ChannelCredentials): BlueskyCredentials {
  const parsed = blueskyCredentialsSchema.safeParse(credentials)
  if (!parsed.success) {
    throw new ChannelError(
      'permanent',
      'auth_revoked',
      'The stored Bluesky credentials are incomplete; connect the account again',
    )
  }
  return parsed.data
}

/** Signs in with createSession; Bluesky allows 30 of these per 5 minutes, so it is budgeted. */
export async function signIn(
  options: SessionOptions,
  service: string,
  identifier: string,
  password: string,
): Promise<SignedIn> {
  const budgetKey = identifier.toLowerCase()
  await spend(options.budget, budgetKey, 'login')
  const session = new CredentialSession(new URL(service), options.fetch)
  try {
    await session.login({ identifier, password })
  } catch (error) {
    const failure = toChannelError(error, `Signing in to Bluesky at ${service}`)
    if (failure.code === 'rate_limited' && failure.retryAfterMs) {
      await blockUntil(options.budget, budgetKey, 'login', Date.now() + failure.retryAfterMs)
    }
    throw failure
  }
  const data = session.session!
  // createSession succeeds for a deactivated account; it just cannot write.
  if (data.active === false) {
    throw new ChannelError(
      'permanent',
      'account_gone',
      `The Bluesky account ${data.handle} is ${data.status ?? 'inactive'}`,
    )
  }
  return { agent: new Agent(session), session, did: data.did }
}

/**
 * Runs `task` with the stored session, without a login. The ladder: the
 * stored access token (@atproto/api refreshes it by itself when the PDS says
 * "expired"); if the PDS still rejects it, a refresh (it also rejects tokens
 * as "invalid", which the library does not refresh on); only if that fails, a
 * new sign-in with the app password, by DID so a changed handle does not
 * matter. Errors the task throws are classified into ChannelErrors.
 */
export async function withSession<T>(
  options: SessionOptions,
  stored: ChannelCredentials,
  action: string,
  task: (signedIn: SignedIn) => Promise<T>,
): Promise<T> {
  const credentials = parseCredentials(stored)
  let current: SignedIn | undefined
  const ladder = async (): Promise<T> => {
    current = resume(options, credentials)
    if (current) {
      try {
        return await task(current)
      } catch (error) {
        if (!isSessionRejected(error)) throw error
      }
      // The library drops the session when its own refresh was refused.
      if (current.session.hasSession) {
        try {
          await current.session.refreshSession()
          return await task(current)
        } catch (error) {
          if (!isSessionRejected(error)) throw error
        }
      }
    }
    current = await signIn(options, credentials.service, credentials.did, credentials.appPassword)
    return await task(current)
  }
  let result: T
  try {
    result = await ladder()
  } catch (error) {
    // The task's failure is the news; an unsaved session only costs a refresh later.
    await reportChange(options, stored, credentials, current).catch(() => {})
    throw toChannelError(error, action)
  }
  await reportChange(options, stored, credentials, current)
  return result
}

function resume(options: SessionOptions, credentials: BlueskyCredentials): SignedIn | undefined {
  const { accessJwt, refreshJwt, did, handle } = credentials
  if (!accessJwt || !refreshJwt) return undefined
  const session = new CredentialSession(new URL(credentials.service), options.fetch)
  session.session = { did, handle: handle ?? did, accessJwt, refreshJwt, active: true }
  return { agent: new Agent(session), session, did }
}

async function reportChange(
  options: SessionOptions,
  previous: ChannelCredentials,
  credentials: BlueskyCredentials,
  signedIn: SignedIn | undefined,
): Promise<void> {
  const session = signedIn?.session
  const data = session?.session
  if (!session || !data || !options.onCredentialsUpdate) return
  if (data.accessJwt === credentials.accessJwt && data.refreshJwt === credentials.refreshJwt) return
  await options.onCredentialsUpdate({
    previous,
    next: storedCredentials({ ...credentials, handle: data.handle }, session),
  })
}

/** The credentials to store, with the session's current tokens. */
export function storedCredentials(
  base: Pick<BlueskyCredentials, 'service' | 'identifier' | 'appPassword' | 'did' | 'handle'>,
  session: CredentialSession,
): ChannelCredentials {
  const data = session.session!
  const next: ChannelCredentials = {
    service: base.service,
    identifier: base.identifier,
    appPassword: base.appPassword,
    did: base.did,
    accessJwt: data.accessJwt,
    refreshJwt: data.refreshJwt,
  }
  if (data.handle || base.handle) next.handle = data.handle || base.handle!
  return next
}

/** Every request gets a deadline; Bluesky's own limits are generous but a hung socket is not. */
export function withTimeout(base: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const own = init?.signal ?? (input instanceof Request ? input.signal : undefined)
    const timeout = AbortSignal.timeout(timeoutMs)
    return base(input, { ...init, signal: own ? AbortSignal.any([own, timeout]) : timeout })
  }
}
